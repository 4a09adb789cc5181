"""Fault tests with real processes: the center ends with exactly what the edge acknowledged."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import time
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from local_gerbang import GERBANG, LocalGerbang, citizen_zone, eventually

from gerbang.infra.clock import new_id

pytestmark = pytest.mark.slow
# How long the center stays down; the default keeps CI short, raise it to test "for minutes".
CENTER_DOWN_S = float(os.environ.get("GERBANG_FAULT_DOWN_S", "15"))


def assert_center_holds_exactly(gerbang: LocalGerbang, acknowledged: list[dict[str, object]]) -> None:
    held = gerbang.center_crossing_ids()
    assert len(held) == len(set(held)), "a crossing is stored twice"
    assert set(held) == {str(a["id"]) for a in acknowledged}


def test_crossings_continue_while_the_center_is_down_and_arrive_once(gerbang: LocalGerbang) -> None:
    before = gerbang.cross(10)
    gerbang.kill("central")
    eventually(lambda: not gerbang.edge_health()["center_reachable"], timeout=30, what="the edge to notice")
    during = []
    deadline = time.monotonic() + CENTER_DOWN_S
    while time.monotonic() < deadline:
        during += gerbang.cross(5)
        time.sleep(0.5)
    assert all(answer["offline"] for answer in during)
    assert gerbang.edge_health()["outbox_backlog"] >= len(during)
    gerbang.restart("central")
    after = gerbang.cross(5)
    gerbang.wait_uploaded()
    assert_center_holds_exactly(gerbang, before + during + after)


def test_edge_killed_in_the_middle_of_an_upload_loses_and_doubles_nothing(gerbang: LocalGerbang) -> None:
    gerbang.kill("central")
    acknowledged = gerbang.cross(400)
    gerbang.restart("central")
    eventually(
        lambda: len(gerbang.center_crossing_ids()) > 0, timeout=60, what="the upload to begin", interval=0.05
    )
    gerbang.kill("cgk")
    held_at_kill = len(gerbang.center_crossing_ids())
    assert held_at_kill < len(acknowledged), "the upload finished before the kill; nothing was interrupted"
    gerbang.restart("cgk")
    gerbang.wait_uploaded()
    assert_center_holds_exactly(gerbang, acknowledged)


def _record(crossing_id: uuid.UUID) -> dict[str, object]:
    now = datetime.now(UTC).isoformat()
    return {
        "id": str(crossing_id),
        "node": "cgk",
        "site": "CGK",
        "lane": "C1",
        "direction": "entry",
        "document_number": "E9999999",
        "nationality": "IDN",
        "surname": "SANTOSO",
        "given_names": "BUDI",
        "birth_date": "1985-05-05",
        "flight": None,
        "credential_id": None,
        "decision": "admit",
        "reasons": [],
        "permitted_until": None,
        "offline": False,
        "reference_version": 1,
        "officer": "t",
        "recorded_at": now,
    }


def test_duplicate_and_out_of_order_batches_are_stored_once(gerbang: LocalGerbang) -> None:
    url = gerbang.nodes()["central"]["url"]
    headers = {"Authorization": f"Bearer {gerbang.node_key()}"}
    ids = [new_id() for _ in range(6)]
    first = [
        {"id": str(i), "record_type": "crossing", "edge_seq": n + 1, "payload": _record(i)}
        for n, i in enumerate(ids[:3])
    ]
    second = [
        {"id": str(i), "record_type": "crossing", "edge_seq": n + 4, "payload": _record(i)}
        for n, i in enumerate(ids[3:])
    ]

    def send(records: list[dict[str, object]]) -> dict[str, list[str]]:
        response = httpx.post(f"{url}/api/v1/sync/batches", json={"records": records}, headers=headers)
        assert response.status_code == 200, response.text
        result: dict[str, list[str]] = response.json()
        return result

    assert len(send(second)["accepted"]) == 3
    assert len(send(first)["accepted"]) == 3
    repeat = send(second)
    assert (repeat["accepted"], len(repeat["duplicates"])) == ([], 3)
    mixed = send(first + second)
    assert (mixed["accepted"], len(mixed["duplicates"])) == ([], 6)
    held = gerbang.center_crossing_ids()
    assert sorted(held) == sorted(str(i) for i in ids)


def test_malformed_batch_from_a_node_gets_a_4xx_and_stores_nothing(gerbang: LocalGerbang) -> None:
    url = gerbang.nodes()["central"]["url"]
    headers = {"Authorization": f"Bearer {gerbang.node_key()}"}
    good, bad = new_id(), new_id()
    broken = _record(bad) | {"decision": "maybe"}
    records = [
        {"id": str(good), "record_type": "crossing", "edge_seq": 1, "payload": _record(good)},
        {"id": str(bad), "record_type": "crossing", "edge_seq": 2, "payload": broken},
    ]
    response = httpx.post(f"{url}/api/v1/sync/batches", json={"records": records}, headers=headers)
    assert response.status_code == 422
    assert str(bad) in response.json()["message"]
    assert gerbang.center_crossing_ids() == []


LATE_BAN: dict[str, object] = {
    "id": "LATE-BAN-1",
    "names": ["RINA WATI"],
    "birth_date": "1985-05-05",
    "nationality": "IDN",
    "documents": [],
    "list": "exit-ban",
    "valid_until": None,
}


def import_watchlist(gerbang: LocalGerbang, *entries: dict[str, object]) -> None:
    """Replace the center's watchlist with the command officers use (it raises the reference version)."""
    watchlist = gerbang.root / f"watchlist-{uuid.uuid4().hex[:8]}.jsonl"
    watchlist.write_text("".join(json.dumps(entry) + "\n" for entry in entries))
    central_data = gerbang.nodes()["central"]["data_dir"]
    imported = subprocess.run(
        [*GERBANG, "watchlist", "import", str(watchlist), "--data", central_data],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr


def center_reference_version(gerbang: LocalGerbang) -> int:
    """The version the center publishes now, as a node asking without saying what it holds sees it."""
    url = gerbang.nodes()["central"]["url"]
    headers = {"Authorization": f"Bearer {gerbang.node_key()}"}
    response = httpx.get(f"{url}/api/v1/reference/snapshot", headers=headers, timeout=10)
    assert response.status_code == 200, response.text
    return int(response.headers["X-Reference-Version"])


def rina_leaves(gerbang: LocalGerbang) -> dict[str, object]:
    return gerbang.post_crossing(
        {
            "mrz": citizen_zone(4242, surname="WATI", given="RINA"),
            "direction": "exit",
            "lane": "C1",
            "flight": "GA2",
            "credential": None,
            "biometric_match": True,
        }
    )


def test_center_restored_from_an_older_backup_receives_the_missing_crossings_again(
    gerbang: LocalGerbang, tmp_path: object
) -> None:
    early = gerbang.cross(30)
    gerbang.wait_uploaded()
    backup = gerbang.central_database().with_name("backup.db")
    with sqlite3.connect(gerbang.central_database()) as live, sqlite3.connect(backup) as copy:
        live.backup(copy)
    backed_up_version = center_reference_version(gerbang)
    # The center publishes twice more after the backup, and the checkpoint takes both.
    import_watchlist(gerbang, LATE_BAN | {"id": "GONE-1", "names": ["AGUS SALIM"]})
    import_watchlist(gerbang, LATE_BAN | {"id": "GONE-2", "names": ["AGUS SALIM"]})
    published = center_reference_version(gerbang)
    assert published >= backed_up_version + 2
    eventually(
        lambda: gerbang.edge_health()["reference_version"] == published,
        timeout=60,
        what="the checkpoint to install the newest snapshot",
    )
    late = gerbang.cross(30)
    gerbang.wait_uploaded()
    assert len(gerbang.center_crossing_ids()) == 60
    gerbang.kill("central")
    database = gerbang.central_database()
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    shutil.copy(backup, database)
    gerbang.restart("central")
    eventually(
        lambda: len(gerbang.center_crossing_ids()) == 60,
        timeout=90,
        what="the edge to send the lost crossings again",
    )
    assert_center_holds_exactly(gerbang, early + late)

    # A ban listed at the restored center reaches the checkpoint, though the restored center counts
    # from behind the version the checkpoint holds.
    before_ban = rina_leaves(gerbang)
    assert before_ban["decision"] == "admit"
    import_watchlist(gerbang, LATE_BAN)

    # The checkpoint may first take a snapshot the restored center raised before the ban was listed;
    # what matters is that it ends on the center's newest one.
    def on_the_newest() -> bool:
        held = gerbang.edge_health()["reference_version"]
        return bool(published < held == center_reference_version(gerbang))

    eventually(
        on_the_newest,
        timeout=60,
        what="the checkpoint to install the restored center's newest snapshot",
    )
    after_ban = rina_leaves(gerbang)
    assert after_ban["decision"] == "refuse"
    assert "exit" in json.dumps(after_ban["reasons"]).lower()
    gerbang.wait_uploaded()
    assert_center_holds_exactly(gerbang, [*early, *late, before_ban, after_ban])


def test_offline_decision_is_rescreened_and_raises_an_alert(gerbang: LocalGerbang) -> None:
    gerbang.kill("central")
    eventually(lambda: not gerbang.edge_health()["center_reachable"], timeout=30, what="the edge to notice")
    import_watchlist(gerbang, LATE_BAN)
    answer = rina_leaves(gerbang)
    assert (answer["decision"], answer["offline"]) == ("admit", True)
    gerbang.restart("central")
    gerbang.wait_uploaded()
    alerts = gerbang.center_get("/api/v1/alerts")["alerts"]
    assert [(a["crossing_id"], a["entry_id"], a["list_kind"]) for a in alerts] == [
        (answer["id"], "LATE-BAN-1", "exit-ban")
    ]


def test_stopping_gerbang_up_stops_every_node(gerbang: LocalGerbang) -> None:
    pids = [node["pid"] for node in gerbang.nodes().values()]
    gerbang.stop()
    for pid in pids:
        eventually(lambda pid=pid: not os.path.exists(f"/proc/{pid}"), timeout=30, what="nodes to exit")
