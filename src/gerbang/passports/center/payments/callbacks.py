"""Payments at the center: the bank's signed callback, matched idempotently, and fair expiry."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gerbang.infra import audit
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import Conflict, NotAuthenticated
from gerbang.passports.center import history
from gerbang.passports.center import repository as repo
from gerbang.passports.center.booking import slots
from gerbang.passports.center.notices import steps as notice_steps
from gerbang.passports.center.orm import ApplicationRow, BillingRow, QuotaRow
from gerbang.passports.center.payments import claims, ledger
from gerbang.passports.domain.lifecycle import Facts, Status

BANK_ACTOR = "system:bank"
BILLING_ACTOR = "system:billing"
SECRET_FILE = Path("keys") / "payment-callback.secret"


@dataclass(frozen=True)
class PaymentResult:
    """What a callback did: applied, revived, refund_owed, amount_mismatch, unmatched or duplicate."""

    outcome: str
    application_id: uuid.UUID | None
    status: Status | None


def load_or_create_secret(data_dir: Path, configured: str | None, *, keys_dir: Path | None = None) -> bytes:
    """The shared callback secret: from settings, else from the key directory (created on first start)."""
    if configured:
        return configured.encode()
    path = keys_dir / SECRET_FILE.name if keys_dir else data_dir / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: of several center processes starting at once, one writes it and all read that one.
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(32))
                handle.flush()
                os.fsync(handle.fileno())
    for _ in range(50):  # a process that lost the race may read before the winner has written
        secret = path.read_text().strip().encode()
        if secret:
            return secret
        time.sleep(0.05)
    raise Conflict("payment.secret_empty", field="keys", path=path)


def verify_signature(secret: bytes, body: bytes, signature: str | None) -> None:
    """Check X-Signature = hex HMAC-SHA256 of the raw body, in constant time."""
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    if not signature or not hmac.compare_digest(expected, signature.strip().lower()):
        raise NotAuthenticated("payment.bad_signature")


def record_payment(
    session: Session,
    *,
    transaction_id: str,
    billing_code: str,
    amount_idr: int,
    paid_at: datetime,
    at: datetime,
    payer_email: str | None = None,
    found_by: str = "callback",
) -> PaymentResult:
    """Record the bank's payment once and apply it: it never leaves an application expired.

    A payment no application holds is owed back (see `claims`); `payer_email`, which only the bank's
    statement carries, lets the center tell that payer.
    """
    paid_at = as_utc(paid_at)

    def owe_back() -> None:
        claims.owe_unmatched(
            session,
            transaction_id=transaction_id,
            billing_code=billing_code,
            amount_idr=amount_idr,
            paid_at=paid_at,
            payer_email=payer_email,
            found_by=found_by,
            at=at,
        )

    seen = repo.ledger_by_transaction(session, transaction_id)
    if seen is not None:
        if seen.application_id is None and seen.kind == "payment":
            # Reported again: still owed once, and the new report may name the payer to tell.
            owe_back()
        return PaymentResult("duplicate", seen.application_id, _status(session, seen.application_id))
    billing = repo.billing_by_code(session, billing_code)
    application = history.locked(session, billing.application_id) if billing else None
    flag = _flag(session, billing, paid_at, amount_idr)
    try:
        with session.begin_nested():
            ledger.append(
                session,
                application,
                "payment",
                amount_idr,
                at=at,
                occurred_at=paid_at,
                billing_code=billing_code,
                transaction_id=transaction_id,
                flag=flag,
                note=(
                    f"expected {billing.amount_idr} rupiah" if billing and flag == "amount_mismatch" else None
                ),
            )
    except IntegrityError:  # the same callback, committed by a concurrent request
        return PaymentResult("duplicate", application.id if application else None, None)
    if billing is None or application is None:
        owe_back()
        return _audited(session, PaymentResult("unmatched", None, None), transaction_id, at)
    if amount_idr != billing.amount_idr:
        mismatch = PaymentResult("amount_mismatch", application.id, _status(session, application.id))
        return _audited(session, mismatch, transaction_id, at)
    return _audited(session, _apply(session, application, at=at), transaction_id, at)


def expire_unpaid(session: Session, *, at: datetime) -> list[uuid.UUID]:
    """Expire applications whose billing code lapsed unpaid, unless an outage may have stopped the payment."""
    expired = []
    outages = repo.outages(session)
    for billing in repo.unpaid_expired_billings(session, at):
        window_end = as_utc(billing.expires_at)
        grace = window_end - as_utc(billing.issued_at)
        if any(
            as_utc(o.starts_at) <= window_end and (o.ends_at is None or as_utc(o.ends_at) + grace > at)
            for o in outages
        ):
            continue  # the payment may be stuck in the outage: keep the place for it
        application = history.locked(session, billing.application_id)
        if repo.status_of(session, application.id) is not Status.AWAITING_PAYMENT:
            continue
        history.advance(
            session,
            application,
            Status.EXPIRED,
            actor=BILLING_ACTOR,
            at=at,
            note="the billing code lapsed unpaid",
        )
        booking = repo.active_booking(session, application.id)
        if booking is not None:
            slots.free(session, booking, reason="expired", at=at)
        expired.append(application.id)
    return expired


def _apply(session: Session, application: ApplicationRow, *, at: datetime) -> PaymentResult:
    steps = repo.history(session, application.id)
    current = steps[-1].status
    if current is Status.AWAITING_PAYMENT:
        history.advance(
            session, application, Status.PAID, facts=Facts(payment_matched=True), actor=BANK_ACTOR, at=at
        )
        notice_steps.payment_received(session, application, application.fee_idr, at=at)
        return PaymentResult("applied", application.id, Status.PAID)
    expired_unpaid = current is Status.EXPIRED and steps[-2].status is Status.AWAITING_PAYMENT
    if expired_unpaid and _rebook(session, application, at=at):
        facts = Facts(payment_matched=True, slot_booked=True, expired_from=Status.AWAITING_PAYMENT)
        history.advance(
            session,
            application,
            Status.PAID,
            facts=facts,
            actor=BANK_ACTOR,
            at=at,
            note="revived by a late payment",
        )
        return PaymentResult("revived", application.id, Status.PAID)
    ledger.owe_refund(
        session,
        application,
        application.fee_idr,
        at=at,
        note=f"payment received while the application was {current.value}",
    )
    return PaymentResult("refund_owed", application.id, current)


def _rebook(session: Session, application: ApplicationRow, *, at: datetime) -> bool:
    """Take the expired application's slot back, if its day is still ahead and a place is free."""
    previous = repo.latest_booking(session, application.id)
    if previous is None:
        return False
    quota = session.get(QuotaRow, previous.quota_id)
    assert quota is not None
    office_row = slots.office(session, quota.office_code)
    if slots.local_now(office_row, at).date() > quota.day:
        return False
    try:
        slots.hold(session, application, quota, previous.hour, at=at)
    except Conflict:
        return False
    return True


def _flag(session: Session, billing: BillingRow | None, paid_at: datetime, amount_idr: int) -> str | None:
    if billing is None:
        return "unmatched"
    if amount_idr != billing.amount_idr:
        return "amount_mismatch"
    if any(
        as_utc(o.starts_at) <= paid_at and (o.ends_at is None or paid_at <= as_utc(o.ends_at))
        for o in repo.outages(session)
    ):
        return "during_outage"
    return "late" if paid_at > as_utc(billing.expires_at) else None


def _status(session: Session, application_id: uuid.UUID | None) -> Status | None:
    return repo.status_of(session, application_id) if application_id else None


def _audited(session: Session, result: PaymentResult, transaction_id: str, at: datetime) -> PaymentResult:
    audit.record(
        session,
        actor=BANK_ACTOR,
        action="passport.payment",
        record_type="passport_application",
        record_id=str(result.application_id) if result.application_id else None,
        details={"transaction_id": transaction_id, "outcome": result.outcome},
        at=at,
    )
    return result
