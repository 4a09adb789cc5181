"""Payments no application holds: each owed back in full, once, and its payer told when we can reach them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gerbang.kernel.clock import as_utc
from gerbang.passports.center import repository as repo
from gerbang.passports.center.clock.orm import ContactRow
from gerbang.passports.center.notices.notifications import notify_account, rupiah
from gerbang.passports.center.orm import RefundClaimRow
from gerbang.passports.center.payments import ledger
from gerbang.words import tanggal

# Billing codes are Indonesian state revenue; a payer reads the bank's time in Western Indonesia time.
PAYER_TIME = ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True)
class RefundClaim:
    """What the center owes back for one bank transaction, and whether the payer has been told."""

    transaction_id: str
    billing_code: str
    amount_idr: int
    paid_at: datetime
    found_by: str
    payer_told: bool


def owe_unmatched(
    session: Session,
    *,
    transaction_id: str,
    billing_code: str,
    amount_idr: int,
    paid_at: datetime,
    payer_email: str | None,
    found_by: str,
    at: datetime,
) -> RefundClaim:
    """Owe back a payment no application holds, once per bank transaction, and tell its payer if we can.

    A second report of the same transaction (the bank's statement after its callback) adds nothing
    owed; it may bring the payer's address, so a payer not yet told is told then.
    """
    claim = session.get(RefundClaimRow, transaction_id)
    if claim is None:
        claim = RefundClaimRow(
            bank_transaction_id=transaction_id,
            billing_code=billing_code,
            amount_idr=amount_idr,
            paid_at=paid_at,
            payer_email=payer_email,
            account_id=None,
            found_by=found_by,
            recorded_at=at,
            notified_at=None,
        )
        repo.add(session, claim)
        if amount_idr > 0:
            ledger.append(
                session,
                None,
                "refund",
                amount_idr,
                at=at,
                billing_code=billing_code,
                flag="owed",
                note=f"bank transaction {transaction_id}: no application holds this billing code",
            )
    elif payer_email and not claim.payer_email:
        claim.payer_email = payer_email
    if claim.notified_at is None:
        _tell(session, claim, at=at)
    session.flush()
    return view(claim)


def owed(session: Session, *, limit: int) -> list[RefundClaim]:
    """The refunds owed for payments no application holds, newest first."""
    rows = session.execute(
        select(RefundClaimRow).order_by(RefundClaimRow.recorded_at.desc()).limit(limit)
    ).scalars()
    return [view(row) for row in rows]


def _tell(session: Session, claim: RefundClaimRow, *, at: datetime) -> None:
    """A notice in the payer's inbox and mail, when the bank's address belongs to one of our accounts."""
    if not claim.payer_email:
        return  # the bank refunds to the paying account and tells its own customer
    address = claim.payer_email.strip().lower()
    account_id = session.execute(
        select(ContactRow.account_id).where(func.lower(ContactRow.email) == address).limit(1)
    ).scalar_one_or_none()
    if account_id is None:
        return
    paid = as_utc(claim.paid_at).astimezone(PAYER_TIME)
    params = {
        "code": claim.billing_code,
        "transaction": claim.bank_transaction_id,
        "amount_id": rupiah(claim.amount_idr, "id"),
        "amount_en": rupiah(claim.amount_idr, "en"),
        "paid_id": f"{tanggal(paid.date(), weekday=False)} pukul {paid:%H.%M} WIB",
        "paid_en": f"{paid.day} {paid:%B %Y} at {paid:%H:%M} WIB",
    }
    notify_account(
        session,
        account_id=account_id,
        application_id=None,
        kind="payment_unmatched",
        key=f"payment:{claim.bank_transaction_id}:unmatched",
        params=params,
        at=at,
    )
    claim.account_id = account_id
    claim.notified_at = at


def view(row: RefundClaimRow) -> RefundClaim:
    return RefundClaim(
        transaction_id=row.bank_transaction_id,
        billing_code=row.billing_code,
        amount_idr=row.amount_idr,
        paid_at=as_utc(row.paid_at),
        found_by=row.found_by,
        payer_told=row.notified_at is not None,
    )
