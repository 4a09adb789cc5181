"""A passport office cut off from the center for a day: every interview and hand-over arrives, once."""

from __future__ import annotations

from typing import Any

import pytest
from local_gerbang import LocalGerbang, demo_office, eventually, office_call, office_health

pytestmark = pytest.mark.slow
DIGEST = "cd" * 32


def center_office_records(gerbang: LocalGerbang) -> list[dict[str, Any]]:
    """Every office record the center holds for JKS, following the pages."""
    records: list[dict[str, Any]] = []
    after = None
    while True:
        path = "/api/v1/passports/office-records?site=JKS&limit=1000" + (f"&after={after}" if after else "")
        page = gerbang.center_get(path)
        records += page["records"]
        after = page["next_after"]
        if after is None:
            return records


def history_of(gerbang: LocalGerbang, application_id: str) -> list[str]:
    return [
        s["status"] for s in gerbang.center_get(f"/api/v1/passports/applications/{application_id}")["history"]
    ]


def test_an_office_offline_for_a_day_uploads_every_interview_and_hand_over_once(
    gerbang: LocalGerbang,
) -> None:
    eventually(lambda: gerbang._pids_known(("jks",)), timeout=120, what="the office to start")
    gerbang.wait_ready("jks")
    demo = demo_office(gerbang)
    eventually(
        lambda: office_health(gerbang)["ready_passports"] == len(demo["ready"]),
        timeout=60,
        what="the office to receive its appointments",
    )
    queue = office_call(gerbang, "GET", "/api/v1/office/appointments").json()
    today = queue["appointments"]
    assert len(today) >= 8
    assert all(a["status"] == "paid" for a in today)

    gerbang.kill("central")
    eventually(
        lambda: not office_health(gerbang)["center_reachable"], timeout=30, what="the office to notice"
    )
    recorded: list[str] = []
    # The day at the counter, slot by slot: interviews in queue order, hand-overs as people come by.
    morning, afternoon = today[: len(today) // 2], today[len(today) // 2 :]
    for appointment in morning:
        body = {
            "application_id": appointment["application_id"],
            "photo_sha256": DIGEST,
            "fingerprints_sha256": DIGEST,
            "photo_ref": "station-2/photo.jp2",
        }
        answer = office_call(gerbang, "POST", "/api/v1/office/interviews", body)
        assert answer.status_code == 201, answer.text
        recorded.append(answer.json()["id"])
    # The office node itself crashes at midday; what it recorded is on its disk.
    gerbang.kill("jks")
    gerbang.restart("jks")
    assert office_health(gerbang)["outbox_backlog"] == len(recorded)
    repeat = office_call(
        gerbang,
        "POST",
        "/api/v1/office/interviews",
        {
            "application_id": morning[0]["application_id"],
            "photo_sha256": DIGEST,
            "fingerprints_sha256": DIGEST,
        },
    )
    assert repeat.status_code == 409
    for appointment in afternoon:
        body = {
            "application_id": appointment["application_id"],
            "photo_sha256": DIGEST,
            "fingerprints_sha256": DIGEST,
        }
        answer = office_call(gerbang, "POST", "/api/v1/office/interviews", body)
        assert answer.status_code == 201, answer.text
        recorded.append(answer.json()["id"])
    for person in demo["ready"]:
        in_person = {
            "collector_kind": "holder",
            "nik": person["nik"],
            "name": person["name"],
            "birth_date": person["birth_date"],
        }
        collector = person.get("collector") or in_person
        wrong = collector | {"birth_date": "2001-01-01"}
        refused = office_call(
            gerbang, "POST", "/api/v1/office/handovers", {"application_id": person["application_id"], **wrong}
        )
        assert refused.status_code == 409, refused.text
        answer = office_call(
            gerbang,
            "POST",
            "/api/v1/office/handovers",
            {"application_id": person["application_id"], **collector},
        )
        assert answer.status_code == 201, answer.text
        recorded.append(answer.json()["id"])
    assert office_health(gerbang)["outbox_backlog"] == len(recorded)

    gerbang.restart("central")

    def drained() -> bool:
        health = office_health(gerbang)
        return bool(health["center_reachable"]) and health["outbox_backlog"] == 0

    eventually(drained, timeout=120, what="the office's outbox to drain")
    held = center_office_records(gerbang)
    assert sorted(r["id"] for r in held) == sorted(recorded), "a record is missing or stored twice"
    assert {r["outcome"] for r in held} == {"applied"}
    for appointment in today:
        assert history_of(gerbang, appointment["application_id"]).count("interviewed") == 1
    for person in demo["ready"]:
        steps = history_of(gerbang, person["application_id"])
        assert steps[-1] == "handed_over"
        assert steps.count("handed_over") == 1
