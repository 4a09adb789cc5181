"""Queries of the status node's store: incidents, updates, daily counts, subscribers and deliveries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gerbang.kernel.clock import as_utc
from gerbang.status.orm import (
    StatusDayRow,
    StatusDeliveryRow,
    StatusIncidentRow,
    StatusSubscriberRow,
    StatusUpdateRow,
)


def open_incidents(session: Session) -> Sequence[StatusIncidentRow]:
    """Every incident still open (not maintenance), oldest first."""
    query = select(StatusIncidentRow).where(
        StatusIncidentRow.kind == "incident", StatusIncidentRow.state == "open"
    )
    return session.execute(query.order_by(StatusIncidentRow.started_at)).scalars().all()


def incident(session: Session, incident_id: uuid.UUID) -> StatusIncidentRow | None:
    return session.get(StatusIncidentRow, incident_id)


def recent_incidents(
    session: Session, *, kind: str, since: datetime, limit: int
) -> Sequence[StatusIncidentRow]:
    """Incidents (or maintenance) still open or started after `since`, newest first."""
    query = (
        select(StatusIncidentRow)
        .where(StatusIncidentRow.kind == kind)
        .where((StatusIncidentRow.state != "resolved") | (StatusIncidentRow.started_at >= since))
        .order_by(StatusIncidentRow.started_at.desc(), StatusIncidentRow.id.desc())
        .limit(limit)
    )
    return session.execute(query).scalars().all()


def updates_of(session: Session, incident_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[StatusUpdateRow]]:
    """The updates of each incident, newest first."""
    found: dict[uuid.UUID, list[StatusUpdateRow]] = {i: [] for i in incident_ids}
    if not incident_ids:
        return found
    rows = session.execute(
        select(StatusUpdateRow)
        .where(StatusUpdateRow.incident_id.in_(incident_ids))
        .order_by(StatusUpdateRow.at.desc(), StatusUpdateRow.id.desc())
    ).scalars()
    for row in rows:
        found[row.incident_id].append(row)
    return found


def recent_updates(session: Session, *, limit: int) -> Sequence[StatusUpdateRow]:
    return (
        session.execute(
            select(StatusUpdateRow)
            .order_by(StatusUpdateRow.at.desc(), StatusUpdateRow.id.desc())
            .limit(limit)
        )
        .scalars()
        .all()
    )


def update(session: Session, update_id: uuid.UUID) -> StatusUpdateRow | None:
    return session.get(StatusUpdateRow, update_id)


def maintenance_windows(session: Session, *, ending_after: datetime) -> Sequence[StatusIncidentRow]:
    """Maintenance windows still of interest; one whose times cannot be read is left out, so a single
    bad entry (written before its times were range-checked) cannot break the page for everyone."""
    query = select(StatusIncidentRow).where(
        StatusIncidentRow.kind == "maintenance",
        StatusIncidentRow.ends_at > ending_after,
        StatusIncidentRow.state != "cancelled",
    )
    rows = session.execute(query.order_by(StatusIncidentRow.started_at)).scalars().all()
    return [row for row in rows if _readable(row.started_at) and _readable(row.ends_at)]


def _readable(moment: datetime | None) -> bool:
    try:
        if moment is not None:
            as_utc(moment)
    except (OverflowError, ValueError):
        return False
    return True


def count_round(session: Session, *, component: str, day: date, state: str) -> None:
    """Add one probe round to a component's day (read, then write: the status node is its only writer)."""
    row = session.get(StatusDayRow, (component, day))
    if row is None:
        session.add(StatusDayRow(component=component, day=day, counts={state: 1}))
        return
    # A new dict, so that SQLAlchemy sees the JSON value change.
    row.counts = {**row.counts, state: int(row.counts.get(state, 0)) + 1}


def days_since(session: Session, *, first: date) -> Sequence[StatusDayRow]:
    return session.execute(select(StatusDayRow).where(StatusDayRow.day >= first)).scalars().all()


def active_subscribers(session: Session) -> Sequence[StatusSubscriberRow]:
    """Subscribers who confirmed and did not leave: the only ones anything is delivered to."""
    query = select(StatusSubscriberRow).where(
        StatusSubscriberRow.unsubscribed_at.is_(None), StatusSubscriberRow.confirmed_at.is_not(None)
    )
    return session.execute(query.order_by(StatusSubscriberRow.created_at)).scalars().all()


def unconfirmed_subscribers(session: Session, *, limit: int) -> Sequence[StatusSubscriberRow]:
    """Subscribers not yet sent their confirmation, oldest first."""
    query = select(StatusSubscriberRow).where(
        StatusSubscriberRow.unsubscribed_at.is_(None),
        StatusSubscriberRow.confirmed_at.is_(None),
        StatusSubscriberRow.confirm_sent_at.is_(None),
    )
    return session.execute(query.order_by(StatusSubscriberRow.created_at).limit(limit)).scalars().all()


def subscriber(session: Session, subscriber_id: uuid.UUID) -> StatusSubscriberRow | None:
    return session.get(StatusSubscriberRow, subscriber_id)


def active_subscriber_with(session: Session, *, kind: str, address: str) -> StatusSubscriberRow | None:
    query = select(StatusSubscriberRow).where(
        StatusSubscriberRow.kind == kind,
        StatusSubscriberRow.address == address,
        StatusSubscriberRow.unsubscribed_at.is_(None),
    )
    return session.execute(query).scalars().first()


def due_deliveries(session: Session, *, now: datetime, limit: int) -> Sequence[StatusDeliveryRow]:
    """Deliveries neither done nor given up whose next attempt is due, oldest first."""
    query = (
        select(StatusDeliveryRow)
        .where(
            StatusDeliveryRow.delivered_at.is_(None),
            StatusDeliveryRow.failed_at.is_(None),
            StatusDeliveryRow.next_attempt_at <= now,
        )
        .order_by(StatusDeliveryRow.created_at, StatusDeliveryRow.id)
        .limit(limit)
    )
    return session.execute(query).scalars().all()


def delivery(session: Session, delivery_id: uuid.UUID) -> StatusDeliveryRow | None:
    return session.get(StatusDeliveryRow, delivery_id)


def delivery_log(session: Session, *, limit: int) -> Sequence[StatusDeliveryRow]:
    query = select(StatusDeliveryRow).order_by(
        StatusDeliveryRow.created_at.desc(), StatusDeliveryRow.id.desc()
    )
    return session.execute(query.limit(limit)).scalars().all()
