"""Inputs that used to give a 500 get a clear 4xx, and one bad stored entry cannot break a page."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from local_gerbang import LocalGerbang

from gerbang.infra.database import Database
from gerbang.status.orm import StatusIncidentRow


def _token(gerbang: LocalGerbang, node: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {gerbang.nodes()[node]['token']}"}


def _maintenance(starts: str, ends: str) -> dict[str, object]:
    return {
        "title_id": "Pemeliharaan",
        "title_en": "Maintenance",
        "components": ["passports"],
        "text_id": "Pemeliharaan terjadwal.",
        "text_en": "Scheduled maintenance.",
        "starts_at": starts,
        "ends_at": ends,
    }


@pytest.mark.slow
def test_maintenance_at_the_first_moment_of_year_one_is_a_4xx(gerbang: LocalGerbang) -> None:
    url = gerbang.nodes()["status"]["url"]
    body = _maintenance("0001-01-01T00:00:00+14:00", "0001-01-02T00:00:00+14:00")
    response = httpx.post(
        f"{url}/api/v1/status/maintenance", json=body, headers=_token(gerbang, "status"), timeout=30
    )
    assert response.status_code == 422, response.text
    assert httpx.get(f"{url}/", timeout=30).status_code == 200


@pytest.mark.slow
def test_one_unreadable_maintenance_entry_leaves_the_page_up_and_can_be_cancelled(
    gerbang: LocalGerbang,
) -> None:
    node = gerbang.nodes()["status"]
    # As an entry stored before its times were checked: written straight into the status node's store.
    database = Database(f"sqlite:///{Path(node['data_dir']) / 'gerbang.db'}")
    window_id = uuid.uuid4()
    far_east = timezone(timedelta(hours=14))
    with database.transaction() as session:
        session.add(
            StatusIncidentRow(
                id=window_id,
                kind="maintenance",
                title_id="Rusak",
                title_en="Broken",
                state="scheduled",
                node_group=None,
                components=["passports"],
                started_at=datetime(1, 1, 1, tzinfo=far_east),
                resolved_at=None,
                ends_at=datetime(9999, 1, 1, tzinfo=UTC),
                last_update_at=datetime.now(UTC),
                created_by="test",
            )
        )
    database.dispose()
    for path in ("/", "/api/v1/status", "/feed.atom"):
        assert httpx.get(f"{node['url']}{path}", timeout=30).status_code == 200, path
    cancel = httpx.post(
        f"{node['url']}/api/v1/status/maintenance/{window_id}/cancel",
        headers=_token(gerbang, "status"),
        timeout=30,
    )
    assert cancel.status_code == 204, cancel.text


@pytest.mark.slow
def test_an_audit_page_after_an_impossible_position_is_a_4xx(gerbang: LocalGerbang) -> None:
    url = gerbang.nodes()["central"]["url"]
    response = httpx.get(
        f"{url}/api/v1/audit", params={"after_seq": "1e23"}, headers=_token(gerbang, "central")
    )
    assert response.status_code == 422
    response = httpx.get(
        f"{url}/api/v1/audit", params={"after_seq": 10**23}, headers=_token(gerbang, "central")
    )
    assert response.status_code == 422


def _signed_callback(gerbang: LocalGerbang, **changes: object) -> httpx.Response:
    central = Path(gerbang.nodes()["central"]["data_dir"])
    secret = next(central.rglob("payment-callback.secret")).read_text().strip().encode()
    body = {
        "transaction_id": "T-1",
        "billing_code": "8" * 15,
        "amount_idr": 350000,
        "paid_at": "2026-12-07T03:00:00+07:00",
    } | changes
    raw = json.dumps(body).encode()
    signature = hmac.new(secret, raw, hashlib.sha256).hexdigest()
    return httpx.post(
        f"{gerbang.nodes()['central']['url']}/api/v1/passports/payments/callback",
        content=raw,
        headers={"Content-Type": "application/json", "X-Signature": signature},
        timeout=30,
    )


@pytest.mark.slow
@pytest.mark.parametrize("changes", [{"amount_idr": 10**23}, {"paid_at": "9999-12-31T23:59:59+00:00"}])
def test_a_signed_callback_with_numbers_out_of_range_is_a_4xx(
    gerbang: LocalGerbang, changes: dict[str, object]
) -> None:
    response = _signed_callback(gerbang, **changes)
    assert response.status_code == 422, response.text


@pytest.mark.slow
def test_a_birth_date_in_year_one_is_refused(gerbang: LocalGerbang) -> None:
    url = gerbang.nodes()["central"]["url"]
    name, password = f"tua-{uuid.uuid4().hex[:8]}", "a-long-and-unusual-passphrase-7"
    with httpx.Client(
        base_url=url, timeout=30, transport=httpx.HTTPTransport(local_address="127.0.3.1")
    ) as client:
        client.post("/passports/signup", data={"username": name, "password": password})
        token = client.post("/api/v1/auth/token", json={"username": name, "password": password}).json()[
            "token"
        ]
        body = {
            "nik": "3174051701010001",
            "name": "TUA SEKALI",
            "birth_date": "0001-01-17",
            "sex": "male",
            "kind": "ordinary",
        }
        response = client.post(
            "/api/v1/passports/applications", json=body, headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "birth_date"
