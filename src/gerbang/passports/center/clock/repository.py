"""Queries of the service clock: applications by state, where they are served, and their deadline events."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gerbang.kernel.clock import as_utc
from gerbang.passports.center import repository as repo
from gerbang.passports.center.clock.orm import DeadlineEventRow
from gerbang.passports.center.orm import (
    ApplicationRow,
    BookingRow,
    HistoryRow,
    OfficeRow,
    OutageRow,
    QuotaRow,
)
from gerbang.passports.domain.deadlines import Window
from gerbang.passports.domain.lifecycle import Status


@dataclass(frozen=True)
class Placement:
    """Where and when an application is served: its office, interview day and hour, and the booking."""

    office: OfficeRow
    zone: ZoneInfo
    day: date
    hour: int
    booking: BookingRow
    quota: QuotaRow


def applications_in(
    session: Session, statuses: Iterable[Status], services: Iterable[str] | None = None
) -> list[ApplicationRow]:
    """Applications whose latest history row is one of `statuses`, oldest first."""
    latest = (
        select(HistoryRow.application_id, func.max(HistoryRow.seq).label("seq"))
        .group_by(HistoryRow.application_id)
        .subquery()
    )
    query = (
        select(ApplicationRow)
        .join(latest, latest.c.application_id == ApplicationRow.id)
        .join(HistoryRow, HistoryRow.seq == latest.c.seq)
        .where(HistoryRow.status.in_([s.value for s in statuses]))
    )
    if services is not None:
        query = query.where(ApplicationRow.service.in_(list(services)))
    return list(session.execute(query.order_by(ApplicationRow.id)).scalars())


def placement(session: Session, application_id: uuid.UUID) -> Placement | None:
    """The office and slot of the application's latest booking (None if it never had one)."""
    booking = repo.latest_booking(session, application_id)
    if booking is None:
        return None
    quota = session.get(QuotaRow, booking.quota_id)
    office = session.get(OfficeRow, quota.office_code) if quota else None
    if quota is None or office is None:
        return None
    return Placement(office, ZoneInfo(office.timezone), quota.day, booking.hour, booking, quota)


def has_event(session: Session, application_id: uuid.UUID, key: str) -> bool:
    return (
        session.execute(
            select(DeadlineEventRow.seq).where(
                DeadlineEventRow.application_id == application_id, DeadlineEventRow.key == key
            )
        ).first()
        is not None
    )


def add_event(session: Session, row: DeadlineEventRow) -> bool:
    """Append an event once; False when its (application, key) is already there."""
    if has_event(session, row.application_id, row.key):
        return False
    try:
        # A savepoint: a concurrent clock that got there first makes this a no-op, not a failed transaction.
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        return False
    return True


def latest_due(session: Session, application_id: uuid.UUID) -> datetime | None:
    """The due time set by the last extension, if there was one."""
    due = session.execute(
        select(DeadlineEventRow.due_at)
        .where(DeadlineEventRow.application_id == application_id, DeadlineEventRow.due_at.is_not(None))
        .order_by(DeadlineEventRow.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    return as_utc(due) if due else None


def step_at(session: Session, application_id: uuid.UUID, status: Status) -> datetime | None:
    """When the application last entered `status`."""
    at = session.execute(
        select(HistoryRow.at)
        .where(HistoryRow.application_id == application_id, HistoryRow.status == status.value)
        .order_by(HistoryRow.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    return as_utc(at) if at else None


def outages_since(session: Session, since: datetime) -> Sequence[OutageRow]:
    """Outages still open or ended after `since`: the ones the clock still has to allow for."""
    return (
        session.execute(
            select(OutageRow)
            .where(or_(OutageRow.ends_at.is_(None), OutageRow.ends_at >= since))
            .order_by(OutageRow.starts_at)
        )
        .scalars()
        .all()
    )


def window(outage: OutageRow) -> Window:
    return Window(as_utc(outage.starts_at), as_utc(outage.ends_at) if outage.ends_at else None)


def windows_since(session: Session, since: datetime) -> list[Window]:
    return [window(o) for o in outages_since(session, since - timedelta(days=1))]
