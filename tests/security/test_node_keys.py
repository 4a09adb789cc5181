"""A node key uploads only its own role's records, for its own site, with numbers in range."""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from local_gerbang import LocalGerbang

from gerbang.infra import accounts
from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.infra.orm import NodeCredentialRow
from gerbang.sync.center.catch_up import MAX_VERSION


def _key(gerbang: LocalGerbang, name: str) -> dict[str, str]:
    for line in Path(gerbang.nodes()[name]["config"]).read_text().splitlines():
        if line.startswith("node_key"):
            return {"Authorization": f"Bearer {json.loads(line.split('=', 1)[1])}"}
    raise AssertionError(f"no node key in {name}'s settings")


def _crossing(crossing_id: uuid.UUID, **changes: Any) -> dict[str, Any]:
    record = {
        "id": str(crossing_id),
        "node": "cgk",
        "site": "CGK",
        "lane": "C1",
        "direction": "entry",
        "document_number": "E9999999",
        "nationality": "FRA",
        "surname": "DUPONT",
        "given_names": "JEAN",
        "birth_date": "1985-05-05",
        "flight": None,
        "credential_id": None,
        "decision": "admit",
        "reasons": [],
        "permitted_until": None,
        "offline": False,
        "reference_version": 1,
        "officer": "t",
        "recorded_at": datetime.now(UTC).isoformat(),
    }
    return record | changes


def _upload(
    gerbang: LocalGerbang, node: str, payload: dict[str, Any], *, edge_seq: int = 1
) -> httpx.Response:
    record = {"id": payload["id"], "record_type": "crossing", "edge_seq": edge_seq, "payload": payload}
    return httpx.post(
        f"{gerbang.nodes()['central']['url']}/api/v1/sync/batches",
        json={"records": [record]},
        headers=_key(gerbang, node),
        timeout=30,
    )


def _held(gerbang: LocalGerbang, crossing_id: uuid.UUID) -> bool:
    return str(crossing_id) in gerbang.center_crossing_ids()


@pytest.mark.slow
def test_an_office_key_cannot_upload_a_crossing(gerbang: LocalGerbang) -> None:
    crossing_id = new_id()
    response = _upload(gerbang, "jks", _crossing(crossing_id, permitted_until="2099-12-31"))
    assert response.status_code == 403, response.text
    assert not _held(gerbang, crossing_id)


@pytest.mark.slow
def test_a_checkpoint_key_cannot_upload_a_crossing_for_another_site(gerbang: LocalGerbang) -> None:
    crossing_id = new_id()
    response = _upload(gerbang, "cgk", _crossing(crossing_id, site="DPS"))
    assert response.status_code == 403, response.text
    assert not _held(gerbang, crossing_id)


@pytest.mark.slow
def test_a_stay_longer_than_any_permit_is_refused(gerbang: LocalGerbang) -> None:
    crossing_id = new_id()
    response = _upload(gerbang, "cgk", _crossing(crossing_id, permitted_until="2099-12-31"))
    assert response.status_code == 422, response.text
    assert not _held(gerbang, crossing_id)


@pytest.mark.slow
def test_an_outbox_position_past_any_count_is_a_4xx(gerbang: LocalGerbang) -> None:
    response = _upload(gerbang, "cgk", _crossing(new_id()), edge_seq=10**30)
    assert response.status_code == 422, response.text


@pytest.mark.slow
def test_a_node_cannot_push_the_centers_version_to_its_limit(gerbang: LocalGerbang) -> None:
    url = f"{gerbang.nodes()['central']['url']}/api/v1/reference/snapshot"
    headers = _key(gerbang, "cgk")
    before = httpx.get(url, headers=headers, timeout=30)
    assert before.status_code == 200
    attack = httpx.get(url, params={"have_version": MAX_VERSION}, headers=headers, timeout=30)
    assert attack.status_code == 200
    version = int(attack.headers["X-Reference-Version"])
    assert version < int(before.headers["X-Reference-Version"]) + 1000
    after = httpx.get(url, params={"have_version": version}, headers=headers, timeout=30)
    assert after.status_code in (200, 304), after.text


@pytest.mark.slow
def test_an_office_key_without_a_site_cannot_be_issued(gerbang: LocalGerbang) -> None:
    admin = {"Authorization": f"Bearer {gerbang.nodes()['central']['token']}"}
    response = httpx.post(
        f"{gerbang.nodes()['central']['url']}/api/v1/nodes",
        json={"name": "rogue-office", "role": "office"},
        headers=admin,
        timeout=30,
    )
    assert response.status_code == 422, response.text


@pytest.mark.slow
def test_an_office_key_issued_without_a_site_acts_for_no_office(gerbang: LocalGerbang) -> None:
    # A key issued before a site was required: written straight into the center's store.
    central = gerbang.nodes()["central"]
    database = Database(f"sqlite:///{Path(central['data_dir']) / 'gerbang.db'}")
    secret = accounts.NODE_KEY_PREFIX + secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with database.transaction() as session:
        session.add(
            NodeCredentialRow(
                id=new_id(now),
                name=f"office-{secrets.token_hex(3)}",
                role="office",
                site=None,
                key_digest=accounts.digest(secret),
                created_at=now,
                revoked_at=None,
            )
        )
    database.dispose()
    record_id = new_id()
    interview = {
        "id": str(record_id),
        "application_id": str(uuid.uuid4()),
        "node": "jks",
        "site": "JKS",
        "photo_sha256": "0" * 64,
        "fingerprints_sha256": "1" * 64,
        "officer": "t",
        "reference_version": 1,
        "recorded_at": now.isoformat(),
    }
    response = httpx.post(
        f"{central['url']}/api/v1/sync/batches",
        json={
            "records": [
                {
                    "id": str(record_id),
                    "record_type": "passport-interview",
                    "edge_seq": 1,
                    "payload": interview,
                }
            ]
        },
        headers={"Authorization": f"Bearer {secret}"},
        timeout=30,
    )
    assert response.status_code == 403, response.text
