"""Payments: signed callbacks, idempotent and out of order; late payments revive or are refunded; outages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from gerbang.passports.center.orm import LedgerRow
from gerbang.passports.center.payments import callbacks as payments


def _booked(center: Any) -> tuple[str, dict[str, Any]]:
    application = center.apply()
    body = center.book(application["id"]).json()
    return application["id"], body["billing"]


def _notice(billing: dict[str, Any], txn: str, paid_at: datetime, **changes: Any) -> dict[str, Any]:
    return {
        "transaction_id": txn,
        "billing_code": billing["code"],
        "amount_idr": billing["amount_idr"],
        "paid_at": paid_at.isoformat(),
    } | changes


def _ledger(center: Any) -> list[tuple[int, str, int, str | None]]:
    with center.database.transaction() as session:
        rows = session.execute(select(LedgerRow).order_by(LedgerRow.seq)).scalars().all()
        return [(r.seq, r.kind, r.amount_idr, r.flag) for r in rows]


def _expire(center: Any) -> list[Any]:
    with center.database.transaction() as session:
        return payments.expire_unpaid(session, at=center.clock.now())


def test_a_repeated_callback_returns_200_and_changes_nothing(center: Any) -> None:
    app_id, billing = _booked(center)
    first = center.pay(_notice(billing, "BNI-1", center.clock.now()))
    assert first.status_code == 200
    assert first.json()["outcome"] == "applied"
    before = _ledger(center)
    again = center.pay(_notice(billing, "BNI-1", center.clock.now()))
    assert again.status_code == 200
    assert again.json()["outcome"] == "duplicate"
    assert _ledger(center) == before
    assert [kind for _, kind, _, _ in before] == ["charge", "payment"]
    assert center.get(app_id)["status"] == "paid"


def test_a_bad_signature_is_refused_with_401(center: Any) -> None:
    _, billing = _booked(center)
    response = center.pay(_notice(billing, "BNI-2", center.clock.now()), secret="not-the-secret")
    assert response.status_code == 401
    unsigned = center.client.post(
        "/api/v1/passports/payments/callback", json=_notice(billing, "X", center.clock.now())
    )
    assert unsigned.status_code == 401
    assert [kind for _, kind, _, _ in _ledger(center)] == ["charge"]


def test_a_wrong_amount_is_recorded_and_flagged_not_accepted(center: Any) -> None:
    app_id, billing = _booked(center)
    response = center.pay(_notice(billing, "BNI-3", center.clock.now(), amount_idr=1000))
    assert response.json()["outcome"] == "amount_mismatch"
    assert _ledger(center)[-1][1:] == ("payment", 1000, "amount_mismatch")
    assert center.get(app_id)["status"] == "awaiting_payment"


def test_billing_code_expires_after_two_hours_and_frees_the_slot(center: Any) -> None:
    app_id, _ = _booked(center)
    center.move_to(center.clock.now() + timedelta(minutes=119))
    assert _expire(center) == []
    center.move_to(center.clock.now() + timedelta(minutes=2))
    assert [str(i) for i in _expire(center)] == [app_id]
    expired = center.get(app_id)
    assert expired["status"] == "expired"
    assert expired["booking"] is None


def test_a_payment_made_in_time_but_delivered_after_expiry_revives_the_application(center: Any) -> None:
    app_id, billing = _booked(center)
    paid_at = center.clock.now() + timedelta(minutes=30)
    center.move_to(center.clock.now() + timedelta(hours=3))
    _expire(center)
    response = center.pay(_notice(billing, "BRI-9", paid_at))
    assert response.json()["outcome"] == "revived"
    revived = center.get(app_id)
    assert revived["status"] == "paid"
    assert revived["booking"]["day"] == center.day.isoformat()
    assert [s["status"] for s in revived["history"]][-2:] == ["expired", "paid"]
    assert _ledger(center)[-1][1:] == ("payment", billing["amount_idr"], None)


def test_a_late_payment_whose_slot_is_gone_is_owed_back_in_new_ledger_rows(center: Any) -> None:
    app_id, billing = _booked(center)
    center.move_to(center.clock.now() + timedelta(hours=3))
    _expire(center)
    before = _ledger(center)
    center.move_to(datetime(2026, 6, 24, 3, 0, tzinfo=UTC))  # the interview day has passed
    response = center.pay(_notice(billing, "MANDIRI-7", center.clock.now()))
    assert response.json()["outcome"] == "refund_owed"
    after = _ledger(center)
    assert after[: len(before)] == before  # nothing edited, only appended
    assert [(kind, flag) for _, kind, _, flag in after[len(before) :]] == [
        ("payment", "late"),
        ("refund", "owed"),
    ]
    final = center.get(app_id)
    assert final["status"] == "expired"
    assert final["refund_owed_idr"] == billing["amount_idr"]


def test_payments_out_of_order_a_second_payment_is_owed_back(center: Any) -> None:
    app_id, billing = _booked(center)
    center.pay(_notice(billing, "B-2", center.clock.now() + timedelta(minutes=5)))
    older = center.pay(_notice(billing, "B-1", center.clock.now()))
    assert older.json()["outcome"] == "refund_owed"
    assert center.get(app_id)["refund_owed_idr"] == billing["amount_idr"]
    assert center.get(app_id)["status"] == "paid"


def test_a_declared_outage_keeps_unpaid_applications_from_expiring(center: Any) -> None:
    app_id, billing = _booked(center)
    declared = center.client.post(
        "/api/v1/passports/outages",
        headers=center.as_("ops"),
        json={"starts_at": center.clock.now().isoformat(), "reason": "data center unreachable"},
    )
    assert declared.status_code == 201, declared.text
    assert (
        center.client.post("/api/v1/passports/outages", headers=center.as_("ayu"), json={}).status_code == 403
    )
    listed = center.client.get("/api/v1/passports/outages", headers=center.as_("ops")).json()
    assert listed[0]["ends_at"] is None
    assert listed[0]["declared_by"] == "account:ops"
    center.move_to(center.clock.now() + timedelta(hours=5))
    assert _expire(center) == []
    late = center.pay(_notice(billing, "BCA-1", center.clock.now()))
    assert late.json()["outcome"] == "applied"
    assert _ledger(center)[-1][3] == "during_outage"
    assert center.get(app_id)["status"] == "paid"
