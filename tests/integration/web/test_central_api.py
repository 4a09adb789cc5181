"""The central API: tokens, roles on every route, audited actions, and errors a client can act on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from gerbang.apps.central import create_app
from gerbang.infra import accounts
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import FixedClock

PASSWORD = "correct-horse-battery"


@pytest.fixture
def client(database: Database, clock: FixedClock) -> Iterator[TestClient]:
    with database.transaction() as session:
        for username, role in [("admin1", Role.ADMIN), ("applicant1", Role.APPLICANT)]:
            accounts.create_account(
                session,
                username=username,
                password=PASSWORD,
                roles=frozenset({role}),
                display_name=None,
                actor="shell:admin",
                at=clock.now(),
            )
    app = create_app(Settings(), clock=clock, database=database)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _token(client: TestClient, username: str) -> dict[str, str]:
    response = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "alive"}
    assert client.get("/readyz").json()["status"] == "ready"


def test_api_needs_a_token(client: TestClient) -> None:
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"
    assert response.headers["www-authenticate"] == "Bearer"


def test_wrong_password_gets_401_without_saying_which_part_was_wrong(client: TestClient) -> None:
    response = client.post("/api/v1/auth/token", json={"username": "admin1", "password": "nope-nope-nope"})
    assert response.status_code == 401
    assert response.json()["message"] == "wrong username or password"


def test_admin_creates_an_account_and_the_action_is_audited(client: TestClient) -> None:
    admin = _token(client, "admin1")
    response = client.post(
        "/api/v1/accounts",
        headers=admin,
        json={"username": "budi", "password": PASSWORD, "roles": ["checkpoint-officer"]},
    )
    assert response.status_code == 201
    assert response.json()["roles"] == ["checkpoint-officer"]
    entries = client.get("/api/v1/audit", headers=admin).json()["entries"]
    created = [e for e in entries if e["action"] == "account.create" and e["details"]["username"] == "budi"]
    assert created
    assert created[0]["actor"] == "account:admin1"
    assert client.get("/api/v1/audit/verify", headers=admin).json()["intact"] is True


def test_applicant_may_not_create_accounts(client: TestClient) -> None:
    response = client.post(
        "/api/v1/accounts",
        headers=_token(client, "applicant1"),
        json={"username": "eve", "password": PASSWORD, "roles": ["admin"]},
    )
    assert response.status_code == 403
    assert "accounts:manage" in response.json()["message"]


def test_bad_body_names_the_field_and_why(client: TestClient) -> None:
    response = client.post(
        "/api/v1/accounts",
        headers=_token(client, "admin1"),
        json={"username": "budi", "password": "short", "roles": ["checkpoint-officer"]},
    )
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "password"
    assert "at least 10 characters" in body["message"]


def test_unknown_field_is_reported_not_ignored(client: TestClient) -> None:
    response = client.post(
        "/api/v1/accounts",
        headers=_token(client, "admin1"),
        json={"username": "budi", "password": PASSWORD, "roles": ["admin"], "rolez": ["x"]},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "rolez"


def test_body_that_is_not_json_gets_a_400(client: TestClient) -> None:
    response = client.post(
        "/api/v1/auth/token", content=b"{username: ", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["message"]


def test_node_key_authenticates_as_the_node(client: TestClient) -> None:
    admin = _token(client, "admin1")
    key = client.post(
        "/api/v1/nodes", headers=admin, json={"name": "cgk-1", "role": "checkpoint", "site": "CGK"}
    )
    assert key.status_code == 201
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {key.json()['key']}"}).json()
    assert (me["kind"], me["name"], me["roles"], me["site"]) == ("node", "cgk-1", ["node-checkpoint"], "CGK")


def test_unknown_route_gets_a_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
