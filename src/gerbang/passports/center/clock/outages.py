"""Declared outages of the center, recorded so the service clock and payment expiry can allow for them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gerbang.infra import audit
from gerbang.infra.accounts import Principal
from gerbang.infra.clock import new_id
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import Conflict, InvalidInput, NotFound
from gerbang.passports.center import repository as repo
from gerbang.passports.center.clock.orm import OutageKeyRow
from gerbang.passports.center.orm import OutageRow


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
        raise InvalidInput("outage.reason_too_short", field="reason")
    if starts_at.tzinfo is None or (ends_at is not None and ends_at.tzinfo is None):
        raise InvalidInput("outage.time_without_zone", field="starts_at")
    if ends_at is not None and ends_at <= starts_at:
        raise InvalidInput("outage.ends_before_start", field="ends_at")
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


def declare_once(
    session: Session,
    *,
    key: str | None,
    declared_by: Principal,
    starts_at: datetime,
    ends_at: datetime | None,
    reason: str,
    at: datetime,
) -> tuple[OutageView, bool]:
    """Declare an outage once per idempotency key; True if it is new.

    The same key again changes nothing, except that an end given for a still-open outage closes it:
    a sender that declared the start and now reports the end must not leave a second window behind.
    """
    if key is None:
        return declare_outage(
            session, declared_by=declared_by, starts_at=starts_at, ends_at=ends_at, reason=reason, at=at
        ), True
    existing = session.get(OutageKeyRow, key)
    if existing is None:
        try:
            with session.begin_nested():
                view = declare_outage(
                    session,
                    declared_by=declared_by,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    reason=reason,
                    at=at,
                )
                repo.add(session, OutageKeyRow(key=key, outage_id=view.id))
            return view, True
        except IntegrityError:  # declared by a concurrent request with the same key
            existing = session.get(OutageKeyRow, key)
            assert existing is not None
    row = session.get(OutageRow, existing.outage_id)
    assert row is not None  # a foreign key guarantees it
    if row.ends_at is None and ends_at is not None:
        return close_outage(session, outage_id=row.id, ended_at=ends_at, closed_by=declared_by, at=at), False
    return _view(row), False


def close_outage(
    session: Session, *, outage_id: uuid.UUID, ended_at: datetime, closed_by: Principal, at: datetime
) -> OutageView:
    """Close an open outage at `ended_at`; closing it again at the same moment changes nothing."""
    if ended_at.tzinfo is None:
        raise InvalidInput("outage.end_without_zone", field="ended_at")
    row = session.get(OutageRow, outage_id)
    if row is None:
        raise NotFound("outage.not_found", outage_id=outage_id)
    if row.ends_at is not None:
        if as_utc(row.ends_at) == as_utc(ended_at):
            return _view(row)
        closed = as_utc(row.ends_at).isoformat()
        raise Conflict("outage.already_closed", field="ended_at", closed=closed)
    if as_utc(ended_at) <= as_utc(row.starts_at):
        raise InvalidInput("outage.end_before_start", field="ended_at")
    row.ends_at = ended_at
    session.flush()
    audit.record(
        session,
        actor=closed_by.audit_name,
        action="passport.outage.close",
        record_type="outage",
        record_id=str(row.id),
        details={"open": False},
        at=at,
    )
    return _view(row)


def outage_row(session: Session, outage_id: uuid.UUID) -> OutageRow:
    row = session.get(OutageRow, outage_id)
    if row is None:
        raise NotFound("outage.not_found", outage_id=outage_id)
    return row


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
