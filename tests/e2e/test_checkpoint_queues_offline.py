"""With the center killed, the checkpoint still measures its queues, advises, and shows board and hall."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from local_gerbang import LocalGerbang, eventually

pytestmark = pytest.mark.slow


def schedule_now() -> str:
    """Three flights on block in the last half hour, in the checkpoint's time zone, mostly foreigners."""
    now = datetime.now(ZoneInfo("Asia/Jakarta"))
    rows = ["flight,scheduled_on_block,actual_on_block,passengers,citizen_share"]
    for name, minutes, passengers in (("GA881", 30, 390), ("SQ956", 20, 300), ("QR956", 10, 350)):
        on_block = (now - timedelta(minutes=minutes)).isoformat(timespec="minutes")
        rows.append(f"{name},{on_block},,{passengers},0.2")
    return "\n".join(rows) + "\n"


def queues(gerbang: LocalGerbang) -> dict[str, Any]:
    node = gerbang.nodes()["cgk"]
    headers = {"Authorization": f"Bearer {node['token']}"}
    response = httpx.get(f"{node['url']}/api/v1/queues", headers=headers, timeout=10)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def by_queue(figures: dict[str, Any], queue: str) -> dict[str, Any]:
    found: dict[str, Any] = next(item for item in figures["queues"] if item["queue"] == queue)
    return found


def test_queue_figures_advice_board_and_hall_work_with_the_center_killed(gerbang: LocalGerbang) -> None:
    node = gerbang.nodes()["cgk"]
    url, headers = node["url"], {"Authorization": f"Bearer {node['token']}"}
    gerbang.kill("central")
    eventually(lambda: not gerbang.edge_health()["center_reachable"], timeout=30, what="the edge to notice")

    crossed = gerbang.cross(12)
    assert all(answer["offline"] for answer in crossed)
    down = httpx.post(f"{url}/api/v1/lanes/A1", json={"status": "down", "note": "power"}, headers=headers)
    assert down.status_code == 200, down.text
    loaded = httpx.post(f"{url}/api/v1/schedule", json={"schedule": schedule_now()}, headers=headers)
    assert loaded.status_code == 201, loaded.text

    figures = queues(gerbang)
    assert figures["offline"] is True
    assert figures["from_schedule"] is True
    citizens, foreigners = by_queue(figures, "citizens"), by_queue(figures, "foreigners")
    assert citizens["lanes_down"] == ["A1"]
    # Some 800 foreigners reached the hall in the last half hour and three counters serve them.
    assert foreigners["line"] > 100
    assert foreigners["wait_min"] > 15
    advice = foreigners["advice"]
    assert advice["advised_now"] > advice["counters_open"]
    assert advice["open_more_now"] > 0
    assert any("offline" in reason for reason in advice["reasons_en"])
    assert any("out of order" in reason for reason in citizens["advice"]["reasons_en"])

    board = httpx.get(f"{url}/supervisor/queues", headers=headers, timeout=10)
    assert board.status_code == 200
    assert "<svg" in board.text
    assert "Rusak" in board.text  # the board speaks Indonesian unless the officer chose English
    english = httpx.get(
        f"{url}/supervisor/queues", headers=headers, cookies={"gerbang_lang": "en"}, timeout=10
    )
    assert "Out of order" in english.text
    for lang, title in (("id", "perkiraan waktu tunggu"), ("en", "expected wait")):
        hall = httpx.get(f"{url}/hall", params={"lang": lang}, timeout=10)
        assert hall.status_code == 200
        assert title in hall.text
        assert "A1" in hall.text
        assert "SANTOSO" not in hall.text  # no traveller on a public screen
    assert not gerbang.edge_health()["center_reachable"]

    # Back online: the snapshots the checkpoint queued reach the center's national view.
    gerbang.restart("central")
    gerbang.wait_uploaded()
    national = gerbang.center_get("/api/v1/national/queues")
    [cgk] = [checkpoint for checkpoint in national["checkpoints"] if checkpoint["site"] == "CGK"]
    citizens_there = next(item for item in cgk["queues"] if item["queue"] == "citizens")
    assert citizens_there["lanes_down"] == ["A1"]
    assert cgk["stale"] is False
