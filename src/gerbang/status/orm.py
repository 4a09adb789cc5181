"""Tables of the status node: incidents and their updates, daily history, subscribers and deliveries."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gerbang.infra.orm import Base


class StatusIncidentRow(Base):
    """An incident (opened by the monitor or an operator) or a scheduled maintenance window."""

    __tablename__ = "status_incidents"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "incident" or "maintenance"
    title_id: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    state: Mapped[str] = mapped_column(String(20), index=True)  # "open", "resolved" or "scheduled"
    # The node group an automatic incident watches; None for operator-written ones.
    node_group: Mapped[str | None] = mapped_column(String(120))
    components: Mapped[list[str]] = mapped_column(JSON())
    started_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    last_update_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))


class StatusUpdateRow(Base):
    """One public word on an incident, in both languages; an edit keeps the time it was first said."""

    __tablename__ = "status_updates"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("status_incidents.id"), index=True)
    at: Mapped[datetime]
    text_id: Mapped[str] = mapped_column(Text())
    text_en: Mapped[str] = mapped_column(Text())
    author: Mapped[str] = mapped_column(String(200))
    edited_at: Mapped[datetime | None]


class StatusDayRow(Base):
    """How many probe rounds of one local day judged a component in each state."""

    __tablename__ = "status_days"

    component: Mapped[str] = mapped_column(String(120), primary_key=True)
    day: Mapped[date] = mapped_column(Date(), primary_key=True)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON())


class StatusSubscriberRow(Base):
    """Someone who asked to hear about incidents by email or webhook (the address is personal data)."""

    __tablename__ = "status_subscribers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "email" or "webhook"
    address: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str | None] = mapped_column(String(100))  # signs webhook bodies
    created_at: Mapped[datetime]
    unsubscribed_at: Mapped[datetime | None]
    # Nothing is delivered until the subscriber confirms (status/subscribers.py).
    confirmed_at: Mapped[datetime | None]
    confirm_sent_at: Mapped[datetime | None]


class StatusDeliveryRow(Base):
    """One update on its way to one subscriber: the delivery log and the retry queue in one row."""

    __tablename__ = "status_deliveries"
    __table_args__ = (Index("ix_status_deliveries_due", "delivered_at", "failed_at", "next_attempt_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    subscriber_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("status_subscribers.id"), index=True)
    update_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("status_updates.id"))
    event: Mapped[str] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(Integer(), default=0)
    next_attempt_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime]
