"""Billing codes and the append-only payment ledger: charges, payments and refunds owed."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from gerbang.infra.clock import new_id
from gerbang.passports.center import repository as repo
from gerbang.passports.center.orm import ApplicationRow, BillingRow, LedgerRow
from gerbang.passports.packaged_policy import load_policy

BILLING_CODE_DIGITS = 15


def new_billing_code() -> str:
    # Random, not sequential: a guessable code would let anyone pay into (or probe) another's bill.
    return str(10 ** (BILLING_CODE_DIGITS - 1) + secrets.randbelow(9 * 10 ** (BILLING_CODE_DIGITS - 1)))


def issue_billing(session: Session, application: ApplicationRow, *, at: datetime) -> BillingRow:
    """A billing code for the application's fee, valid for the policy's window, and its charge row."""
    billing = BillingRow(
        id=new_id(at),
        application_id=application.id,
        code=new_billing_code(),
        amount_idr=application.fee_idr,
        issued_at=at,
        expires_at=at + timedelta(minutes=load_policy().billing_valid_minutes),
    )
    repo.add(session, billing)
    append(session, application, "charge", application.fee_idr, at=at, billing_code=billing.code)
    return billing


def append(
    session: Session,
    application: ApplicationRow | None,
    kind: str,
    amount_idr: int,
    *,
    at: datetime,
    occurred_at: datetime | None = None,
    billing_code: str | None = None,
    transaction_id: str | None = None,
    flag: str | None = None,
    note: str | None = None,
) -> LedgerRow:
    row = LedgerRow(
        application_id=application.id if application else None,
        kind=kind,
        amount_idr=amount_idr,
        billing_code=billing_code,
        bank_transaction_id=transaction_id,
        flag=flag,
        note=note,
        occurred_at=occurred_at or at,
        recorded_at=at,
    )
    repo.add(session, row)
    return row


def refundable(session: Session, application: ApplicationRow) -> int:
    """Money received (in full payments) and not yet owed back."""
    rows = repo.ledger(session, application.id)
    paid = sum(r.amount_idr for r in rows if r.kind == "payment" and r.flag != "amount_mismatch")
    return paid - sum(r.amount_idr for r in rows if r.kind == "refund")


def owe_refund(
    session: Session, application: ApplicationRow, amount_idr: int, *, note: str, at: datetime
) -> None:
    if amount_idr > 0:
        append(session, application, "refund", amount_idr, at=at, flag="owed", note=note)
