"""Passport applications through the center: families of five, NIK checks, own-only reading, officer steps."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from gerbang.infra.orm import AuditEntryRow
from gerbang.passports.center.orm import HistoryRow


def test_an_account_files_for_a_family_of_five_and_a_sixth_is_refused(center: Any) -> None:
    for serial in range(1, 6):
        assert center.apply(body=center.person(serial))["status"] == "submitted"
    sixth = center.client.post(
        "/api/v1/passports/applications", headers=center.as_("ayu"), json=center.person(6)
    )
    assert sixth.status_code == 409
    assert "at most 5 people" in sixth.json()["message"]


def test_fee_comes_from_pp_45_2024(center: Any) -> None:
    application = center.apply(body=center.ayu | {"service": "same-day"})
    assert application["fee_idr"] == 1_650_000
    assert "PP 45/2024" in application["fee_source"]


def test_a_nik_that_disagrees_with_the_birth_date_is_refused_naming_the_field(center: Any) -> None:
    response = center.client.post(
        "/api/v1/passports/applications",
        headers=center.as_("ayu"),
        json=center.ayu | {"birth_date": "1990-04-16"},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "birth_date"
    assert "15-04-90" in response.json()["message"]
    wrong_sex = center.client.post(
        "/api/v1/passports/applications", headers=center.as_("ayu"), json=center.ayu | {"sex": "male"}
    )
    assert wrong_sex.status_code == 422
    assert wrong_sex.json()["field"] == "sex"


def test_the_same_nik_cannot_be_filed_twice_by_another_account(center: Any) -> None:
    center.apply()
    again = center.client.post("/api/v1/passports/applications", headers=center.as_("ben"), json=center.ayu)
    assert again.status_code == 409


def test_applicants_see_only_their_own_applications(center: Any) -> None:
    mine = center.apply()
    center.apply("ben", center.person(7))
    assert (
        center.client.get(
            f"/api/v1/passports/applications/{mine['id']}", headers=center.as_("ben")
        ).status_code
        == 404
    )
    listed = center.client.get("/api/v1/passports/applications", headers=center.as_("ben")).json()
    assert [a["nik"] for a in listed["applications"]] == [center.person(7)["nik"]]
    everyone = center.client.get("/api/v1/passports/applications", headers=center.as_("rina")).json()
    assert len(everyone["applications"]) == 2


def _paid(center: Any) -> Any:
    application = center.apply()
    booked = center.book(application["id"]).json()
    billing = booked["billing"]
    notice = {"transaction_id": "T-1", "billing_code": billing["code"], "amount_idr": billing["amount_idr"]}
    ack = center.pay(notice | {"paid_at": center.clock.now().isoformat()})
    assert ack.json()["outcome"] == "applied", ack.text
    return application


def test_officer_steps_are_audited_with_ids_only(center: Any) -> None:
    application = _paid(center)
    app_id = application["id"]
    assert center.officer(app_id, "approve").status_code == 409  # not interviewed yet
    missing = center.officer(app_id, "interview", {"photo_sha256": "a" * 64})
    assert missing.status_code == 422
    assert missing.json()["field"] == "fingerprints"
    assert (
        center.officer(
            app_id, "interview", {"photo_sha256": "a" * 64, "fingerprints_sha256": "b" * 64}
        ).status_code
        == 200
    )
    for step in ("approve", "printed", "ready"):
        response = center.officer(app_id, step)
        assert response.status_code == 200, response.text
    final = center.get(app_id)
    assert [s["status"] for s in final["history"]] == [
        "submitted",
        "awaiting_payment",
        "paid",
        "interviewed",
        "approved",
        "printed",
        "ready",
    ]
    assert final["ready_on"] is not None
    with center.database.transaction() as session:
        entries = (
            session.execute(select(AuditEntryRow).where(AuditEntryRow.action.like("passport.%")))
            .scalars()
            .all()
        )
        actions = [e.action for e in entries]
        texts = " ".join(str(e.details) for e in entries)
    assert {"passport.interviewed", "passport.approved", "passport.printed", "passport.ready"} <= set(actions)
    assert center.ayu["nik"] not in texts
    assert "Ayu" not in texts
    assert "1990" not in texts
    assert (
        center.client.post(
            f"/api/v1/passports/applications/{app_id}/approve", headers=center.as_("ayu")
        ).status_code
        == 403
    )


def test_a_wrong_step_names_the_state_and_the_allowed_next_steps(center: Any) -> None:
    application = _paid(center)
    response = center.officer(application["id"], "printed")
    assert response.status_code == 409
    assert "is paid" in response.json()["message"]
    assert "cancelled, interviewed" in response.json()["message"]


def test_rejection_needs_a_reason_and_history_rows_are_only_appended(center: Any) -> None:
    application = _paid(center)
    center.officer(
        application["id"], "interview", {"photo_sha256": "a" * 64, "fingerprints_sha256": "b" * 64}
    )
    rejected = center.officer(application["id"], "reject", {"reason": "documents do not match"})
    assert rejected.json()["status"] == "rejected"
    with center.database.transaction() as session:
        rows = session.execute(select(HistoryRow).order_by(HistoryRow.seq)).scalars().all()
    assert [r.status for r in rows] == ["submitted", "awaiting_payment", "paid", "interviewed", "rejected"]
