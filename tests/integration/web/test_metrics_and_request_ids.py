"""Every node answers /metrics to operators only, counts its decisions and backlog, and tags each request."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from gerbang.apps.edge import create_app
from gerbang.documents import make_zone
from gerbang.infra import accounts
from gerbang.infra.database import Database
from gerbang.infra.logs import JsonLines, request_id
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import create_key_directory
from gerbang.kernel.clock import FixedClock

PASSWORD = "a-long-and-unusual-passphrase-7"


@pytest.fixture
def client(database: Database, clock: FixedClock, tmp_path: Path) -> Iterator[TestClient]:
    create_key_directory(tmp_path / "keys", at=clock.now())
    with database.transaction() as session:
        for username, role in [("officer", Role.CHECKPOINT_OFFICER), ("operator", Role.OPERATOR)]:
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
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def cross(client: TestClient, headers: dict[str, str]) -> None:
    zone = make_zone(
        format="TD3",
        document_type="P",
        issuing_state="IDN",
        surname="SANTOSO",
        given_names="BUDI",
        document_number="B1234567",
        nationality="IDN",
        birth_date="800101",
        sex="M",
        expiry_date="340101",
    )
    body = {
        "mrz": zone,
        "direction": "entry",
        "lane": "C1",
        "flight": "GA880",
        "credential": None,
        "biometric_match": True,
    }
    response = client.post("/api/v1/crossings", json=body, headers=headers)
    assert response.status_code == 201, response.text


def test_metrics_need_an_operator_and_count_decisions_backlog_and_requests(client: TestClient) -> None:
    assert client.get("/metrics").status_code == 401
    officer = sign_in(client, "officer")
    assert client.get("/metrics", headers=officer).status_code == 403
    cross(client, officer)
    response = client.get("/metrics", headers=sign_in(client, "operator"))
    assert response.status_code == 200
    found = samples(response.text)
    decisions = {
        labels: value for (name, labels), value in found.items() if name == "gerbang_decisions_total"
    }
    assert sum(decisions.values()) == 1
    (labels,) = decisions
    assert dict(labels)["lane"] == "C1"
    assert dict(labels)["outcome"] in {"admit", "refer", "refuse"}
    assert found[("gerbang_decision_seconds_count", (("lane_kind", "counter"),))] == 1
    assert found[("gerbang_outbox_backlog", (("record_type", "crossing"),))] == 1
    assert found[("gerbang_outbox_oldest_age_seconds", ())] >= 0
    routes = {dict(labels)["route"] for (name, labels) in found if name == "gerbang_http_requests_total"}
    assert "/api/v1/crossings" in routes


def test_each_request_gets_an_id_and_a_peers_well_formed_id_is_kept(client: TestClient) -> None:
    fresh = client.get("/healthz").headers["x-request-id"]
    assert len(fresh) == 32
    assert client.get("/healthz", headers={"X-Request-ID": "batch-0001-cgk"}).headers["x-request-id"] == (
        "batch-0001-cgk"
    )
    forged = client.get("/healthz", headers={"X-Request-ID": "x\nlevel=error"}).headers["x-request-id"]
    assert forged != "x\nlevel=error"
    assert len(forged) == 32


def test_a_log_line_is_one_json_object_with_the_request_id_and_no_exception_text() -> None:
    record = logging.LogRecord("gerbang.web", logging.ERROR, __file__, 1, "failed on %s", ("/x",), None)
    record.node = "cgk"
    token = request_id.set("abc123def456")
    try:
        try:
            raise ValueError("NIK 3171234567890001 leaked")
        except ValueError:
            import sys

            record.exc_info = sys.exc_info()
        line = JsonLines().format(record)
    finally:
        request_id.reset(token)
    event = json.loads(line)
    assert event["message"] == "failed on /x"
    assert event["level"] == "error"
    assert event["request_id"] == "abc123def456"
    assert event["node"] == "cgk"
    assert event["error"] == "ValueError"
    assert "3171234567890001" not in line
