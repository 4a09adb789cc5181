"""Visa applications through the center's API: fees from policy, roles, screening, decisions and audit."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from gerbang.border.center.watchlist import replace_watchlist
from gerbang.infra.orm import AuditEntryRow
from gerbang.infra.signing import read_key_set
from gerbang.kernel.signed import KeySet
from gerbang.visas.domain.credential import Outcome
from gerbang.visas.domain.verify import verify_credential

EMMA_ON_LIST = {
    "id": "WL-001",
    "names": ["Emma Louise Watson"],
    "birth_date": "1990-04-15",
    "nationality": "AUS",
}


def _visa_keys(center: Any) -> KeySet:
    return read_key_set(center.data_dir / "keys" / "visas" / "public-keys.json")


def _watchlist(center: Any, kind: str) -> None:
    with center.database.transaction() as session:
        replace_watchlist(session, [EMMA_ON_LIST | {"list": kind}], at=center.clock.now())


def _audit(center: Any, action: str) -> list[AuditEntryRow]:
    with center.database.transaction() as session:
        return list(session.execute(select(AuditEntryRow).where(AuditEntryRow.action == action)).scalars())


def test_approved_evoa_verifies_offline_with_the_published_public_keys(center: Any) -> None:
    application = center.apply()
    assert application["status"] == "submitted"
    assert application["fee_idr"] == 500_000
    approved = center.approve(application["id"])
    assert approved["status"] == "approved"
    assert approved["decided_by"] == "account:siti"

    credential = center.client.get(
        f"/api/v1/visas/credentials/{approved['credential_id']}", headers=center.as_("ayu")
    ).json()
    assert credential["stay_days"] == 30
    assert credential["entries"] == 1
    issued = datetime.fromisoformat(credential["issued_at"])
    assert datetime.fromisoformat(credential["valid_until"]) - issued == timedelta(days=90)

    on_arrival = center.clock.now() + timedelta(days=10)
    verdict = verify_credential(
        credential["text"],
        keys=_visa_keys(center),
        revocations=None,
        at=on_arrival,
        passport_number="PA1234567",
    )
    assert verdict.outcome is Outcome.VALID
    assert verdict.credential is not None
    assert verdict.credential.holder.name == "Emma Louise Watson"
    late = verify_credential(
        credential["text"],
        keys=_visa_keys(center),
        revocations=None,
        at=issued + timedelta(days=91),
        passport_number="PA1234567",
    )
    assert late.outcome is Outcome.EXPIRED


def test_only_a_visa_officer_may_decide(center: Any) -> None:
    application = center.apply()
    for user in ("ayu", "pos1"):
        response = center.client.post(
            f"/api/v1/visas/applications/{application['id']}/approve", headers=center.as_(user), json={}
        )
        assert response.status_code == 403, user
        assert response.json()["error"] == "permission_denied"
    assert center.client.get("/api/v1/visas/applications", headers=center.as_("pos1")).status_code == 403
    assert center.client.post("/api/v1/visas/applications", json=center.body()).status_code == 401


def test_applicants_see_only_their_own_applications(center: Any) -> None:
    mine = center.apply("ayu")
    center.apply("ben", passport_number="PB7654321")
    listed = center.client.get("/api/v1/visas/applications", headers=center.as_("ayu")).json()
    assert [a["id"] for a in listed["applications"]] == [mine["id"]]
    other = center.client.get(f"/api/v1/visas/applications/{mine['id']}", headers=center.as_("ben"))
    assert other.status_code == 404
    everyone = center.client.get("/api/v1/visas/applications", headers=center.as_("siti")).json()
    assert len(everyone["applications"]) == 2
    waiting = center.client.get(
        "/api/v1/visas/applications", params={"status": "submitted"}, headers=center.as_("siti")
    ).json()
    assert len(waiting["applications"]) == 2


def test_a_refusal_carries_its_reason_and_is_final(center: Any) -> None:
    application = center.apply()
    url = f"/api/v1/visas/applications/{application['id']}"
    refused = center.client.post(
        f"{url}/refuse", headers=center.as_("siti"), json={"reason": "the return ticket is missing"}
    )
    assert refused.status_code == 200, refused.text
    seen = center.client.get(url, headers=center.as_("ayu")).json()
    assert (seen["status"], seen["reason"]) == ("refused", "the return ticket is missing")
    assert seen["decided_by"] is None  # officers' names are for officers
    again = center.client.post(f"{url}/approve", headers=center.as_("siti"), json={})
    assert again.status_code == 409
    assert "already refused" in again.json()["message"]


def test_an_entry_ban_match_refuses_the_application_at_once(center: Any) -> None:
    _watchlist(center, "entry-ban")
    application = center.apply()
    assert application["status"] == "refused"
    assert "entry ban" in application["reason"]
    assert application["watchlist_matches"] == []  # the applicant is not told which entry
    seen = center.client.get(f"/api/v1/visas/applications/{application['id']}", headers=center.as_("siti"))
    assert [m["entry_id"] for m in seen.json()["watchlist_matches"]] == ["WL-001"]
    assert _audit(center, "visa.refuse")[0].actor == "system:screening"


def test_an_entry_ban_listed_after_applying_refuses_at_approval(center: Any) -> None:
    application = center.apply()
    _watchlist(center, "entry-ban")
    decided = center.approve(application["id"])
    assert decided["status"] == "refused"
    assert decided["credential_id"] is None


def test_a_wanted_match_waits_for_the_officer_to_review_it(center: Any) -> None:
    _watchlist(center, "wanted")
    application = center.apply()
    assert application["status"] == "submitted"
    url = f"/api/v1/visas/applications/{application['id']}"
    flagged = center.client.get(url, headers=center.as_("siti")).json()
    assert flagged["watchlist_matches"][0]["list_kind"] == "wanted"
    blind = center.client.post(f"{url}/approve", headers=center.as_("siti"), json={})
    assert blind.status_code == 409
    assert blind.json()["field"] == "screening_reviewed"
    assert center.approve(application["id"], screening_reviewed=True)["status"] == "approved"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nationality": "XYZ"}, "nationality"),
        ({"nationality": "AFG"}, "nationality"),  # not on the visa-on-arrival list
        ({"nationality": "A1"}, "nationality"),
        ({"birth_date": "2099-01-01"}, "birth_date"),
        ({"birth_date": "1990-02-30"}, "birth_date"),
        ({"passport_number": "PA-123"}, "passport_number"),
        ({"passport_number": "P" * 22}, "passport_number"),
        ({"type": "tourist"}, "type"),
        ({"type": "visit-single"}, "type"),  # its fee is not confirmed in the policy
        ({"name": ""}, "name"),
        ({"fee_idr": 1}, "fee_idr"),
    ],
)
def test_a_bad_application_gets_422_naming_the_field(
    center: Any, changes: dict[str, Any], field: str
) -> None:
    response = center.client.post(
        "/api/v1/visas/applications", headers=center.as_("ayu"), json=center.body(**changes)
    )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field
    assert response.json()["message"]


def test_a_missing_field_and_a_bad_id_get_422(center: Any) -> None:
    body = center.body()
    del body["birth_date"]
    response = center.client.post("/api/v1/visas/applications", headers=center.as_("ayu"), json=body)
    assert (response.status_code, response.json()["field"]) == (422, "birth_date")
    response = center.client.get("/api/v1/visas/applications/not-a-uuid", headers=center.as_("ayu"))
    assert (response.status_code, response.json()["field"]) == (422, "application_id")


def test_a_second_open_application_for_the_same_passport_conflicts(center: Any) -> None:
    center.apply()
    response = center.client.post("/api/v1/visas/applications", headers=center.as_("ayu"), json=center.body())
    assert response.status_code == 409
    assert "awaiting a decision" in response.json()["message"]


def test_decisions_are_audited_without_personal_data(center: Any) -> None:
    first, second = center.apply(), center.apply(passport_number="PC1111111")
    center.approve(first["id"])
    center.client.post(
        f"/api/v1/visas/applications/{second['id']}/refuse", headers=center.as_("siti"), json={"reason": "no"}
    )  # too short: refused with 422, not recorded
    center.client.post(
        f"/api/v1/visas/applications/{second['id']}/refuse",
        headers=center.as_("siti"),
        json={"reason": "incomplete documents"},
    )
    approved, refused = _audit(center, "visa.approve"), _audit(center, "visa.refuse")
    assert [(e.actor, e.record_id) for e in approved] == [("account:siti", first["id"])]
    assert [(e.actor, e.record_id) for e in refused] == [("account:siti", second["id"])]
    for entry in approved + refused + _audit(center, "visa.apply"):
        text = repr(entry.details)
        assert "Emma" not in text
        assert "PA1234567" not in text
        assert "1990" not in text
