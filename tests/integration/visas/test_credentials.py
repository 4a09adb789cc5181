"""Issued credentials: extension, revocation as a signed list, and who may open the e-visa page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from gerbang.infra import accounts
from gerbang.infra.orm import AuditEntryRow
from gerbang.infra.signing import read_key_set
from gerbang.kernel.signed import verify_signed
from gerbang.sync.domain import SNAPSHOT_KIND
from gerbang.visas.domain.credential import Outcome
from gerbang.visas.domain.revocation import read_revocation_list
from gerbang.visas.domain.verify import verify_credential


def _issued(center: Any) -> str:
    credential_id: str = center.approve(center.apply()["id"])["credential_id"]
    return credential_id


def _credential(center: Any, credential_id: str, user: str = "siti") -> Any:
    response = center.client.get(f"/api/v1/visas/credentials/{credential_id}", headers=center.as_(user))
    assert response.status_code == 200, response.text
    return response.json()


def _node_key(center: Any) -> dict[str, str]:
    with center.database.transaction() as session:
        key = accounts.create_node_credential(
            session, name="cgk-t3", role="checkpoint", site="CGK", actor="shell:admin", at=center.clock.now()
        )
    return {"Authorization": f"Bearer {key}"}


def _actions(center: Any, action: str) -> list[AuditEntryRow]:
    with center.database.transaction() as session:
        return list(session.execute(select(AuditEntryRow).where(AuditEntryRow.action == action)).scalars())


def test_an_evoa_stay_extends_once_by_30_days_and_not_twice(center: Any) -> None:
    first = _issued(center)
    response = center.client.post(f"/api/v1/visas/credentials/{first}/extend", headers=center.as_("siti"))
    assert response.status_code == 201, response.text
    extended = response.json()
    assert (extended["stay_days"], extended["extended_from"]) == (60, first)
    old = _credential(center, first)
    assert old["superseded_by"] == extended["id"]
    assert old["revocation_reason"] == "superseded by extension"

    again = center.client.post(
        f"/api/v1/visas/credentials/{extended['id']}/extend", headers=center.as_("siti")
    )
    assert again.status_code == 409
    assert "can be extended once, by 30 days" in again.json()["message"]
    from_old = center.client.post(f"/api/v1/visas/credentials/{first}/extend", headers=center.as_("siti"))
    assert from_old.status_code == 409
    assert "superseded" in from_old.json()["message"]
    [entry] = _actions(center, "visa.extend")
    assert (entry.actor, entry.record_id, entry.details["extended_from"]) == (
        "account:siti",
        extended["id"],
        first,
    )


def test_a_revoked_credential_fails_with_the_list_edges_fetch(center: Any) -> None:
    credential_id = _issued(center)
    text = _credential(center, credential_id)["text"]
    keys = read_key_set(center.data_dir / "keys" / "visas" / "public-keys.json")
    node = _node_key(center)
    before = center.client.get("/api/v1/visas/revocations", headers=node)
    assert before.headers["X-Revocation-List-Version"] == "0"

    response = center.client.post(
        f"/api/v1/visas/credentials/{credential_id}/revoke",
        headers=center.as_("siti"),
        json={"reason": "passport reported stolen"},
    )
    assert response.status_code == 200, response.text
    center.clock.advance(timedelta(minutes=1))
    fetched = center.client.get("/api/v1/visas/revocations", headers=node)
    assert fetched.headers["X-Revocation-List-Version"] == "1"
    revocations = read_revocation_list(fetched.text, keys=keys, at=center.clock.now())
    verdict = verify_credential(
        text, keys=keys, revocations=revocations, at=center.clock.now(), passport_number="PA1234567"
    )
    assert verdict.outcome is Outcome.REVOKED

    [entry] = _actions(center, "visa.revoke")
    assert (entry.actor, entry.record_id) == ("account:siti", credential_id)
    assert "stolen" not in repr(entry.details)


def test_the_reference_snapshot_carries_the_signed_revocation_list(center: Any) -> None:
    credential_id = _issued(center)
    node = _node_key(center)
    before = center.client.get("/api/v1/reference/snapshot", headers=node)
    version, digest = int(before.headers["X-Reference-Version"]), before.headers["ETag"].strip('"')
    unchanged = center.client.get("/api/v1/reference/snapshot", headers=node, params={"have_digest": digest})
    assert unchanged.status_code == 304
    center.client.post(
        f"/api/v1/visas/credentials/{credential_id}/revoke",
        headers=center.as_("siti"),
        json={"reason": "fraud"},
    )
    snapshot = center.client.get("/api/v1/reference/snapshot", headers=node, params={"have_digest": digest})
    assert snapshot.status_code == 200
    assert int(snapshot.headers["X-Reference-Version"]) == version + 1
    reference_keys = read_key_set(center.data_dir / "keys" / "reference" / "public-keys.json")
    payload = verify_signed(
        snapshot.text, keys=reference_keys, kind=SNAPSHOT_KIND, at=center.clock.now()
    ).payload
    visa_keys = read_key_set(center.data_dir / "keys" / "visas" / "public-keys.json")
    revocations = read_revocation_list(payload["visa_revocations"], keys=visa_keys, at=center.clock.now())
    assert [str(r.credential_id) for r in revocations.revocations] == [credential_id]


def test_an_unchanged_snapshot_stays_unchanged_while_nothing_is_revoked(center: Any) -> None:
    # The empty revocation list must not be signed anew at each build: checkpoints would download the
    # whole watchlist again every time the snapshot is rebuilt.
    node = _node_key(center)
    first = center.client.get("/api/v1/reference/snapshot", headers=node)
    digest = first.headers["ETag"].strip('"')
    center.clock.advance(timedelta(hours=2))
    again = center.client.get("/api/v1/reference/snapshot", headers=node, params={"have_digest": digest})
    assert again.status_code == 304


def test_revoking_needs_a_reason_the_permission_and_happens_once(center: Any) -> None:
    credential_id = _issued(center)
    url = f"/api/v1/visas/credentials/{credential_id}/revoke"
    no_reason = center.client.post(url, headers=center.as_("siti"), json={})
    assert (no_reason.status_code, no_reason.json()["field"]) == (422, "reason")
    assert center.client.post(url, headers=center.as_("ayu"), json={"reason": "mine"}).status_code == 403
    assert center.client.post(url, headers=center.as_("siti"), json={"reason": "fraud"}).status_code == 200
    twice = center.client.post(url, headers=center.as_("siti"), json={"reason": "fraud"})
    assert twice.status_code == 409
    assert center.client.get("/api/v1/visas/revocations", headers=center.as_("ayu")).status_code == 403


def test_a_credential_is_visible_to_its_applicant_and_officers_only(center: Any) -> None:
    credential_id = _issued(center)
    assert _credential(center, credential_id, "ayu")["holder"]["name"] == "Emma Louise Watson"
    url = f"/api/v1/visas/credentials/{credential_id}"
    assert center.client.get(url, headers=center.as_("ben")).status_code == 404
    missing = center.client.get(
        "/api/v1/visas/credentials/0190d5c0-0000-7000-8000-000000000000", headers=center.as_("siti")
    )
    assert missing.status_code == 404


def test_the_evisa_page_accepts_the_token_cookie_or_header(center: Any) -> None:
    credential_id = _issued(center)
    page = f"/visas/{credential_id}"
    token = center.as_("ayu")["Authorization"].removeprefix("Bearer ")
    center.client.cookies.set("gerbang_token", token)
    by_cookie = center.client.get(page)
    center.client.cookies.clear()
    assert by_cookie.status_code == 200
    assert "Emma Louise Watson" in by_cookie.text
    assert "<svg" in by_cookie.text
    assert by_cookie.headers["cache-control"] == "no-store"
    assert center.client.get(page, headers=center.as_("siti")).status_code == 200
    anonymous = center.client.get(page)
    assert anonymous.status_code == 401
    assert "text/html" in anonymous.headers["content-type"]
    assert center.client.get(page, headers=center.as_("ben")).status_code == 404
    assert center.client.get("/visas/nonsense", headers=center.as_("siti")).status_code == 404
