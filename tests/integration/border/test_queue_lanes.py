"""Queues at a checkpoint over its own API and pages: lane changes audited, figures, advice, hall display."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gerbang.apps.edge import create_app
from gerbang.documents import make_zone
from gerbang.infra import accounts
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import create_key_directory
from gerbang.kernel.clock import FixedClock

PASSWORD = "correct-horse-battery"
LANES = "C1:counter,C2:counter,C3:counter,A1:autogate,A2:autogate"
# 11:15 at Soekarno-Hatta (UTC+7) on the test clock's day.
SCHEDULE = (
    "flight,scheduled_on_block,actual_on_block,passengers,citizen_share\n"
    "GA881,11:00,,390,60%\nSQ956,11:10,11:20,300,0.2\nQR956,11:30,,350,10\n"
)


def zone(number: int, nationality: str = "IDN") -> list[str]:
    return make_zone(
        format="TD3",
        document_type="P",
        issuing_state=nationality,
        surname="SANTOSO",
        given_names="BUDI",
        document_number=f"B{number:07d}",
        nationality=nationality,
        birth_date="800101",
        sex="M",
        expiry_date="340101",
    )


@pytest.fixture
def client(database: Database, clock: FixedClock, tmp_path: Path) -> Iterator[TestClient]:
    create_key_directory(tmp_path / "keys", at=clock.now())
    with database.transaction() as session:
        for username, role in [("officer", Role.CHECKPOINT_OFFICER), ("supervisor", Role.SUPERVISOR)]:
            accounts.create_account(
                session,
                username=username,
                password=PASSWORD,
                roles=frozenset({role}),
                display_name=None,
                actor="t",
                at=clock.now(),
            )
    settings = Settings(
        data_dir=tmp_path,
        role="checkpoint",
        site="CGK",
        node_name="cgk",
        lanes=LANES,
        timezone="Asia/Jakarta",
        trust_file=tmp_path / "keys" / "public-keys.json",
    )
    app = create_app(settings, clock=clock, database=database, background=False)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def sign_in(client: TestClient, username: str) -> dict[str, str]:
    response = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
    return {"Authorization": f"Bearer {response.json()['token']}"}


def figures(client: TestClient, queue: str) -> dict[str, object]:
    body = client.get("/api/v1/queues", headers=sign_in(client, "officer")).json()
    found: dict[str, object] = next(item for item in body["queues"] if item["queue"] == queue)
    return found


def test_a_supervisor_marks_an_autogate_out_of_order_and_it_is_audited(
    client: TestClient, database: Database
) -> None:
    supervisor = sign_in(client, "supervisor")
    body = {"mrz": zone(1), "direction": "entry", "lane": "A2", "biometric_match": True}
    assert client.post("/api/v1/crossings", json=body, headers=sign_in(client, "officer")).status_code == 201
    response = client.post(
        "/api/v1/lanes/A1", json={"status": "down", "note": "reader dead"}, headers=supervisor
    )
    assert response.status_code == 200
    assert response.json() == {"lane": "A1", "status": "down", "queue": "citizens"}
    citizens = figures(client, "citizens")
    assert citizens["lanes_down"] == ["A1"]
    assert citizens["lanes_open"] == ["A2"]
    with database.transaction() as session:
        entry = session.execute(
            select(AuditEntryRow).where(AuditEntryRow.action == "lane.change")
        ).scalar_one()
    assert (entry.record_id, entry.details["from"], entry.details["to"]) == ("A1", "open", "down")
    assert entry.actor == "account:supervisor"


def test_an_officer_cannot_change_a_lane(client: TestClient) -> None:
    response = client.post("/api/v1/lanes/A1", json={"status": "down"}, headers=sign_in(client, "officer"))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("lane", "body", "field"),
    [
        ("C1", {"status": "down"}, "status"),  # a counter is closed, not out of order
        ("Z9", {"status": "closed"}, "lane"),
        ("C1", {"status": "broken"}, "status"),
        ("C1", {"status": "open", "queue": "vip"}, "queue"),
    ],
)
def test_a_bad_lane_change_is_refused_with_its_field(
    client: TestClient, lane: str, body: dict[str, str], field: str
) -> None:
    response = client.post(f"/api/v1/lanes/{lane}", json=body, headers=sign_in(client, "supervisor"))
    assert response.status_code == 422
    assert response.json()["field"] == field


def test_a_flight_schedule_drives_the_forecast_and_the_advice(client: TestClient, clock: FixedClock) -> None:
    clock.current = clock.current.replace(hour=4, minute=0)  # 11:00 in Jakarta
    supervisor = sign_in(client, "supervisor")
    loaded = client.post("/api/v1/schedule", json={"schedule": SCHEDULE}, headers=supervisor)
    assert loaded.status_code == 201
    assert loaded.json() == {"flights": 3}
    clock.advance(timedelta(minutes=30))
    body = client.get("/api/v1/queues", headers=supervisor).json()
    assert body["from_schedule"] is True
    foreigners = next(item for item in body["queues"] if item["queue"] == "foreigners")
    advice = foreigners["advice"]
    # Hundreds of foreigners walking in with three counters open: more are advised, and until when.
    assert foreigners["line"] > 50
    assert advice["advised_now"] > advice["counters_open"] == 3
    assert advice["open_more_now"] == advice["advised_now"] - 3
    assert advice["needed_until"] is not None
    assert any("Erlang C" in reason for reason in advice["reasons_en"])
    assert len(advice["slices"]) == 8


def test_a_bad_schedule_is_refused_naming_the_row(client: TestClient) -> None:
    bad = "flight,scheduled_on_block,passengers,citizen_share\nGA881,11:00,lots,0.5\n"
    response = client.post("/api/v1/schedule", json={"schedule": bad}, headers=sign_in(client, "supervisor"))
    assert response.status_code == 422
    assert "row 1" in response.json()["message"]


def test_counter_service_time_is_measured_from_the_crossings(client: TestClient, clock: FixedClock) -> None:
    officer = sign_in(client, "officer")
    for number in range(25):
        body = {"mrz": zone(number), "direction": "entry", "lane": "C1", "biometric_match": True}
        assert client.post("/api/v1/crossings", json=body, headers=officer).status_code == 201
        clock.advance(timedelta(seconds=84))
    service = client.get("/api/v1/queues", headers=officer).json()["service_s"]
    # No center ever answered: every crossing was offline, and the offline counter pace is measured.
    assert service["counter-offline"] == {"seconds": 84.0, "measured": True}
    assert service["counter-online"]["measured"] is False


def test_the_hall_display_needs_no_sign_in_and_shows_no_traveller(client: TestClient) -> None:
    officer = sign_in(client, "officer")
    body = {"mrz": zone(1), "direction": "entry", "lane": "A1", "biometric_match": True}
    assert client.post("/api/v1/crossings", json=body, headers=officer).status_code == 201
    for lang, first in (("id", "perkiraan waktu tunggu"), ("en", "expected wait")):
        page = client.get(f"/hall?lang={lang}")
        assert page.status_code == 200
        assert first in page.text
        assert "SANTOSO" not in page.text
        assert "B0000001" not in page.text
        assert 'data-queue="citizens"' in page.text


def test_the_queue_board_is_for_supervisors_only(client: TestClient) -> None:
    assert client.get("/supervisor/queues", headers=sign_in(client, "officer")).status_code == 403
    page = client.get("/supervisor/queues", headers=sign_in(client, "supervisor"))
    assert page.status_code == 200
    assert "<svg" in page.text
    assert 'id="lane-A1"' in page.text
