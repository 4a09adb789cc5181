"""The checkpoint API: the contract shape, local decisions, overrides by supervisors only, and health."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from gerbang.apps.edge import create_app
from gerbang.documents import make_zone
from gerbang.infra import accounts
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import create_key_directory
from gerbang.kernel.clock import FixedClock
from gerbang.sync.orm import OutboxRow

PASSWORD = "correct-horse-battery"


def zone(*, nationality: str = "IDN", expiry: str = "340101", number: str = "B1234567") -> list[str]:
    return make_zone(
        format="TD3",
        document_type="P",
        issuing_state=nationality,
        surname="SANTOSO",
        given_names="BUDI",
        document_number=number,
        nationality=nationality,
        birth_date="800101",
        sex="M",
        expiry_date=expiry,
    )


@pytest.fixture
def client(database: Database, clock: FixedClock, tmp_path: Path) -> Iterator[TestClient]:
    keys = create_key_directory(tmp_path / "keys", at=clock.now())
    assert keys.keys
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
        trust_file=tmp_path / "keys" / "public-keys.json",
    )
    app = create_app(settings, clock=clock, database=database, background=False)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def sign_in(client: TestClient, username: str) -> dict[str, str]:
    response = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
    return {"Authorization": f"Bearer {response.json()['token']}"}


def crossing(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "mrz": zone(),
        "direction": "entry",
        "lane": "C1",
        "flight": "GA880",
        "credential": None,
        "biometric_match": True,
    }
    return body | overrides


def test_crossing_answer_follows_the_contract(client: TestClient, database: Database) -> None:
    response = client.post("/api/v1/crossings", json=crossing(), headers=sign_in(client, "officer"))
    assert response.status_code == 201
    body = response.json()
    assert set(body) >= {"id", "decision", "reasons", "offline", "reference_version", "recorded_at"}
    assert body["decision"] == "admit"
    assert [r["code"] for r in body["reasons"]] == ["citizen_entry"]
    assert body["offline"] is True  # no center was ever reached
    with database.transaction() as session:
        queued = session.execute(select(OutboxRow.record_id)).scalars().all()
        audited = session.execute(
            select(func.count()).where(AuditEntryRow.action == "crossing.decide")
        ).scalar_one()
    assert [str(i) for i in queued] == [body["id"]]
    assert audited == 1


def test_expired_passport_is_refused_with_its_reason(client: TestClient) -> None:
    response = client.post(
        "/api/v1/crossings",
        json=crossing(mrz=zone(nationality="AUS", expiry="200101"), direction="exit"),
        headers=sign_in(client, "officer"),
    )
    assert response.json()["decision"] == "refuse"
    assert "document_expired" in [r["code"] for r in response.json()["reasons"]]


def test_malformed_zone_names_the_line_and_position(client: TestClient) -> None:
    lines = zone()
    lines[1] = lines[1][:10] + "a" + lines[1][11:]
    response = client.post("/api/v1/crossings", json=crossing(mrz=lines), headers=sign_in(client, "officer"))
    assert response.status_code == 400
    message = response.json()["message"]
    assert "line 2" in message
    assert "position 11" in message


def test_unknown_lane_is_named(client: TestClient) -> None:
    response = client.post("/api/v1/crossings", json=crossing(lane="Z9"), headers=sign_in(client, "officer"))
    assert response.status_code == 422
    assert response.json()["field"] == "lane"
    assert "Z9" in response.json()["message"]


def test_only_a_supervisor_overrides_and_the_original_is_kept(client: TestClient, database: Database) -> None:
    officer, supervisor = sign_in(client, "officer"), sign_in(client, "supervisor")
    created = client.post(
        "/api/v1/crossings", json=crossing(mrz=zone(nationality="PAK")), headers=officer
    ).json()
    assert created["decision"] == "refuse"  # no visa and not exempt: UU 6/2011 art. 13(1)(d)
    change = {"decision": "admit", "reason": "visa seen on paper; system copy missing"}
    assert (
        client.post(f"/api/v1/crossings/{created['id']}/override", json=change, headers=officer).status_code
        == 403
    )
    overridden = client.post(f"/api/v1/crossings/{created['id']}/override", json=change, headers=supervisor)
    assert overridden.status_code == 200
    read = client.get(f"/api/v1/crossings/{created['id']}", headers=officer).json()
    assert (read["decision"], read["override"]["decision"]) == ("refuse", "admit")
    assert read["override"]["officer"] == "account:supervisor"
    with database.transaction() as session:
        actions = session.execute(select(AuditEntryRow.action).order_by(AuditEntryRow.seq)).scalars().all()
    assert actions[-1] == "crossing.override"


def test_health_warns_when_no_reference_data_arrived(client: TestClient) -> None:
    health = client.get("/api/v1/health", headers=sign_in(client, "officer")).json()
    assert health["reference_version"] == 0
    assert health["center_reachable"] is False
    assert any("no reference data" in w for w in health["warnings"])


def test_crossings_need_a_token(client: TestClient) -> None:
    assert client.post("/api/v1/crossings", json=crossing()).status_code == 401
