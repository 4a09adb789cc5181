"""Declared outages of the center, recorded so the service clock and payment expiry can allow for them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from gerbang.infra import audit
from gerbang.infra.accounts import Principal
from gerbang.infra.clock import new_id
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import InvalidInput
from gerbang.passports import repository as repo
from gerbang.passports.orm import OutageRow


@dataclass(frozen=True)
class OutageView:
    id: uuid.UUID
    starts_at: datetime
    ends_at: datetime | None
    reason: str
    declared_by: str
    declared_at: datetime


def declare_outage(
    session: Session,
    *,
    declared_by: Principal,
    starts_at: datetime,
    ends_at: datetime | None,
    reason: str,
    at: datetime,
) -> OutageView:
    """Record an outage window (open while `ends_at` is None)."""
    reason = " ".join(reason.split())
    if len(reason) < 3:
        raise InvalidInput("give a reason of at least 3 characters", field="reason")
    if starts_at.tzinfo is None or (ends_at is not None and ends_at.tzinfo is None):
        raise InvalidInput(
            "give times with a time zone, such as 2024-06-20T04:15:00+07:00", field="starts_at"
        )
    if ends_at is not None and ends_at <= starts_at:
        raise InvalidInput("ends_at must be after starts_at", field="ends_at")
    row = OutageRow(
        id=new_id(at),
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
        declared_by=declared_by.audit_name,
        declared_at=at,
    )
    repo.add(session, row)
    audit.record(
        session,
        actor=declared_by.audit_name,
        action="passport.outage.declare",
        record_type="outage",
        record_id=str(row.id),
        details={"open": ends_at is None},
        at=at,
    )
    return _view(row)


def list_outages(session: Session) -> list[OutageView]:
    """Declared outages, the latest start first."""
    return [_view(row) for row in repo.outages(session)]


def _view(row: OutageRow) -> OutageView:
    return OutageView(
        row.id,
        as_utc(row.starts_at),
        as_utc(row.ends_at) if row.ends_at else None,
        row.reason,
        row.declared_by,
        as_utc(row.declared_at),
    )
