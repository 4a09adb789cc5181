"""The applicant's own steps leave a notice in the inbox: an application filed, paid, moved."""

from __future__ import annotations

from datetime import timedelta
from typing import Any


def _inbox(center: Any) -> list[dict[str, Any]]:
    answer: list[dict[str, Any]] = center.client.get(
        "/api/v1/passports/inbox", headers=center.as_("ayu")
    ).json()
    return sorted(answer, key=lambda n: n["created_at"])


def test_submitting_paying_and_rescheduling_each_leave_one_notice_in_both_languages(center: Any) -> None:
    application = center.apply()
    [filed] = _inbox(center)
    assert filed["kind"] == "submitted"
    assert filed["application_id"] == application["id"]
    assert filed["subject"].startswith("Permohonan paspor diterima")
    assert filed["subject_en"].startswith("Passport application received")

    center.clock.current += timedelta(minutes=1)
    booked = center.book(application["id"]).json()
    billing = booked["billing"]
    amount = f"{billing['amount_idr']:,}"
    assert f"Rp {amount.replace(',', '.')}" in filed["body"]  # the fee, the Indonesian way
    assert f"Rp {amount}" in filed["body_en"]
    paid = center.pay(
        {
            "transaction_id": "BNI-STEP-1",
            "billing_code": billing["code"],
            "amount_idr": billing["amount_idr"],
            "paid_at": center.clock.now().isoformat(),
        }
    )
    assert paid.json()["outcome"] == "applied"
    again = center.pay(
        {
            "transaction_id": "BNI-STEP-1",
            "billing_code": billing["code"],
            "amount_idr": billing["amount_idr"],
            "paid_at": center.clock.now().isoformat(),
        }
    )
    assert again.json()["outcome"] == "duplicate"
    kinds = [n["kind"] for n in _inbox(center)]
    assert kinds == ["submitted", "payment_received"]  # a repeated callback tells nothing twice
    received = _inbox(center)[1]
    assert f"Rp {amount.replace(',', '.')}" in received["body"]
    assert f"Rp {amount}" in received["body_en"]
    assert "Selasa, 23 Juni 2026 pukul 09:00" in received["body"]
    assert "Tuesday 23 June 2026 at 09:00" in received["body_en"]

    center.clock.current += timedelta(minutes=1)
    moved = center.client.post(
        f"/api/v1/passports/applications/{application['id']}/reschedule",
        headers=center.as_("ayu"),
        json={"office": "SBY", "day": "2026-06-24", "hour": 10},
    )
    assert moved.status_code == 200, moved.text
    notices = _inbox(center)
    assert [n["kind"] for n in notices] == ["submitted", "payment_received", "rescheduled"]
    assert "pada Rabu, 24 Juni 2026 pukul 10:00" in notices[2]["body"]
    assert "Selasa, 23 Juni 2026 09:00" in notices[2]["body"]  # where it was before
    assert "on Wednesday 24 June 2026 at 10:00" in notices[2]["body_en"]
