"""The bank's statement after a restore: each payment recorded once, a lost one applied again or owed back."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from gerbang.infra import audit
from gerbang.passports.center.orm import RefundClaimRow
from gerbang.passports.center.payments import callbacks, claims
from gerbang.passports.center.schemas import StatementEntry


@dataclass(frozen=True)
class Reconciled:
    """Payments of the statement by outcome, and the refund owed for each one no application holds."""

    outcomes: dict[str, int]
    refunds: list[claims.RefundClaim]


def reconcile(
    session: Session, *, statement_id: str, entries: Sequence[StatementEntry], at: datetime
) -> Reconciled:
    """Pass every payment the bank made through the callback's own path, which records each only once.

    A payment the center already has is a duplicate and changes nothing; one it lost in a restore is
    applied now (a paid application regains its place, or is owed back if the place is gone); one
    whose application no longer exists is owed back and its payer told.
    """
    outcomes: Counter[str] = Counter()
    refunds: list[claims.RefundClaim] = []
    for entry in entries:
        result = callbacks.record_payment(
            session,
            transaction_id=entry.transaction_id,
            billing_code=entry.billing_code,
            amount_idr=entry.amount_idr,
            paid_at=entry.paid_at,
            at=at,
            payer_email=entry.payer_email,
            found_by="statement",
        )
        outcomes[result.outcome] += 1
        claim = session.get(RefundClaimRow, entry.transaction_id) if result.application_id is None else None
        if claim is not None:
            refunds.append(claims.view(claim))
    audit.record(
        session,
        actor=callbacks.BANK_ACTOR,
        action="passport.payment_statement",
        record_type="payment_statement",
        record_id=statement_id,
        details={"entries": len(entries), "outcomes": dict(outcomes), "refunds_owed": len(refunds)},
        at=at,
    )
    return Reconciled(dict(outcomes), refunds)
