"""The bank's statement: lost payments applied again, payments no application holds owed back and told."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from gerbang.infra.orm import AuditEntryRow
from gerbang.passports.center.clock.orm import EmailOutboxRow, NoticeRow
from gerbang.passports.center.orm import LedgerRow, RefundClaimRow
from gerbang.passports.center.schemas import STATEMENT_ENTRIES

SECRET = "bank-shared-secret-for-tests"
UNKNOWN_CODE = "912345678901234"


def _booked(center: Any, body: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
    application = center.apply(body=body)
    return application["id"], center.book(application["id"]).json()["billing"]


def _entry(code: str, txn: str, amount: int, paid_at: datetime, email: str | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "transaction_id": txn,
        "billing_code": code,
        "amount_idr": amount,
        "paid_at": paid_at.isoformat(),
    }
    return entry | ({"payer_email": email} if email else {})


def _send(
    center: Any, entries: list[dict[str, Any]], *, secret: str = SECRET, raw: bytes | None = None
) -> Any:
    body = (
        raw
        if raw is not None
        else json.dumps({"statement_id": "BNI-2026-06-20", "entries": entries}).encode()
    )
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return center.client.post(
        "/api/v1/passports/payments/statement",
        content=body,
        headers={"X-Signature": signature, "Content-Type": "application/json"},
    )


def _set_email(center: Any, user: str, email: str) -> None:
    answer = center.client.put(
        "/api/v1/passports/contact", headers=center.as_(user), json={"email": email, "language": "id"}
    )
    assert answer.status_code == 200, answer.text


def _inbox(center: Any, user: str) -> list[dict[str, Any]]:
    answer = center.client.get("/api/v1/passports/inbox", headers=center.as_(user))
    assert answer.status_code == 200, answer.text
    return list(answer.json())


def test_a_payment_the_center_lost_is_applied_from_the_statement_and_one_it_has_changes_nothing(
    center: Any,
) -> None:
    kept_id, kept = _booked(center)
    lost_id, lost = _booked(center, center.person(1))
    now = center.clock.now()
    assert (
        center.pay(_entry(kept["code"], "BNI-KEPT", kept["amount_idr"], now)).json()["outcome"] == "applied"
    )
    # The restored center never saw the second payment: only the bank's statement has it.
    entries = [
        _entry(kept["code"], "BNI-KEPT", kept["amount_idr"], now),
        _entry(lost["code"], "BNI-LOST", lost["amount_idr"], now + timedelta(seconds=30)),
    ]
    answer = _send(center, entries)
    assert answer.status_code == 200, answer.text
    assert answer.json()["outcomes"] == {"duplicate": 1, "applied": 1}
    assert answer.json()["refunds_owed"] == []
    assert center.get(lost_id)["status"] == "paid"
    assert center.get(kept_id)["status"] == "paid"
    kinds = [n["kind"] for n in _inbox(center, "ayu")]
    assert kinds.count("payment_received") == 2

    again = _send(center, entries)
    assert again.json()["outcomes"] == {"duplicate": 2}
    with center.database.transaction() as session:
        payments = session.execute(select(LedgerRow).where(LedgerRow.kind == "payment")).scalars().all()
    assert sorted(p.bank_transaction_id or "" for p in payments) == ["BNI-KEPT", "BNI-LOST"]


def test_a_payment_whose_application_is_gone_is_owed_back_once_and_its_payer_told_in_both_languages(
    center: Any,
) -> None:
    _set_email(center, "ben", "Ben.Santoso@example.org")
    paid_at = center.clock.now() - timedelta(minutes=3)
    entry = _entry(UNKNOWN_CODE, "BRI-ORPHAN", 650_000, paid_at, email="ben.santoso@example.org")
    answer = _send(center, [entry])
    assert answer.status_code == 200, answer.text
    assert answer.json()["outcomes"] == {"unmatched": 1}
    [owed] = answer.json()["refunds_owed"]
    assert owed["transaction_id"] == "BRI-ORPHAN"
    assert owed["amount_idr"] == 650_000
    assert owed["payer_told"] is True
    assert owed["found_by"] == "statement"

    [notice] = _inbox(center, "ben")
    assert notice["kind"] == "payment_unmatched"
    assert "Rp 650.000" in notice["subject_id"]
    assert UNKNOWN_CODE in notice["subject_id"]
    assert "Rp 650,000" in notice["subject_en"]
    assert "BRI-ORPHAN" in notice["body_id"]
    assert "dikembalikan" in notice["body_id"]
    assert _inbox(center, "ayu") == []

    again = _send(center, [entry])
    assert again.json()["outcomes"] == {"duplicate": 1}
    assert again.json()["refunds_owed"][0]["payer_told"] is True
    with center.database.transaction() as session:
        refunds = session.execute(select(LedgerRow).where(LedgerRow.kind == "refund")).scalars().all()
        mails = session.execute(select(EmailOutboxRow)).scalars().all()
    assert [(r.amount_idr, r.flag, r.application_id) for r in refunds] == [(650_000, "owed", None)]
    assert [m.address for m in mails] == ["Ben.Santoso@example.org"]
    assert len(_inbox(center, "ben")) == 1


def test_an_unknown_code_in_a_callback_is_owed_back_and_its_payer_told_when_the_statement_names_them(
    center: Any,
) -> None:
    paid_at = center.clock.now()
    callback = center.pay(_entry(UNKNOWN_CODE, "MANDIRI-1", 350_000, paid_at))
    assert callback.json()["outcome"] == "unmatched"
    listed = center.client.get("/api/v1/passports/payments/refund-claims", headers=center.as_("ops"))
    assert listed.status_code == 200, listed.text
    assert [(c["transaction_id"], c["found_by"], c["payer_told"]) for c in listed.json()] == [
        ("MANDIRI-1", "callback", False)
    ]
    _set_email(center, "ben", "ben@example.org")
    answer = _send(center, [_entry(UNKNOWN_CODE, "MANDIRI-1", 350_000, paid_at, email="ben@example.org")])
    assert answer.json()["refunds_owed"][0]["payer_told"] is True
    assert [n["kind"] for n in _inbox(center, "ben")] == ["payment_unmatched"]
    with center.database.transaction() as session:
        assert len(session.execute(select(LedgerRow).where(LedgerRow.kind == "refund")).all()) == 1


def test_a_payer_the_center_cannot_reach_is_still_owed_back_and_left_for_the_bank_to_tell(
    center: Any,
) -> None:
    answer = _send(
        center, [_entry(UNKNOWN_CODE, "BCA-9", 350_000, center.clock.now(), email="who@nowhere.example")]
    )
    assert answer.json()["refunds_owed"][0]["payer_told"] is False
    with center.database.transaction() as session:
        assert session.execute(select(NoticeRow)).first() is None
        claim = session.get(RefundClaimRow, "BCA-9")
        assert claim is not None
        assert claim.notified_at is None


def test_refund_claims_are_for_officers_and_operators_only(center: Any) -> None:
    listed = center.client.get("/api/v1/passports/payments/refund-claims", headers=center.as_("ayu"))
    assert listed.status_code == 403


def test_a_statement_is_refused_whole_when_unsigned_or_malformed_and_nothing_is_recorded(center: Any) -> None:
    _, billing = _booked(center)
    good = _entry(billing["code"], "BNI-1", billing["amount_idr"], center.clock.now())
    assert _send(center, [good], secret="not-the-secret").status_code == 401
    bad_amount = _send(center, [good, good | {"transaction_id": "BNI-2", "amount_idr": -5}])
    assert bad_amount.status_code == 422
    assert "entries.1.amount_idr" in bad_amount.text
    bad_email = _send(center, [good | {"payer_email": "not an address"}])
    assert bad_email.status_code == 422
    assert "payer_email" in bad_email.text
    too_many = _send(center, [good] * (STATEMENT_ENTRIES + 1))
    assert too_many.status_code in (413, 422)
    assert _send(center, [], raw=b"{not json").status_code == 422
    with center.database.transaction() as session:
        assert session.execute(select(LedgerRow).where(LedgerRow.kind == "payment")).first() is None


def test_every_statement_is_audited_with_its_outcomes(center: Any) -> None:
    _, billing = _booked(center)
    _send(center, [_entry(billing["code"], "BNI-7", billing["amount_idr"], center.clock.now())])
    with center.database.transaction() as session:
        [logged] = (
            session.execute(select(AuditEntryRow).where(AuditEntryRow.action == "passport.payment_statement"))
            .scalars()
            .all()
        )
    assert logged.record_id == "BNI-2026-06-20"
    assert logged.details["outcomes"] == {"applied": 1}
