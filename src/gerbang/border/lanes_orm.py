"""Tables of the checkpoint's queues: lane states set by supervisors, head counts, flight schedules."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from gerbang.infra.orm import Base

_BIGINT = BigInteger().with_variant(Integer(), "sqlite")


class LaneStateRow(Base):
    """A lane's queue and status (open, closed, down) as last set; every change is also audited."""

    __tablename__ = "lane_states"

    lane: Mapped[str] = mapped_column(String(40), primary_key=True)
    queue: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(String(200))
    changed_by: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[datetime]


class QueueCountRow(Base):
    """People a supervisor counted in one queue's line: the estimate starts again from it."""

    __tablename__ = "queue_counts"
    __table_args__ = (Index("ix_queue_counts_queue_counted_at", "queue", "counted_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    queue: Mapped[str] = mapped_column(String(20))
    people: Mapped[int]
    counted_by: Mapped[str] = mapped_column(String(200))
    counted_at: Mapped[datetime]


class FlightScheduleRow(Base):
    """One day's arriving flights as loaded at the checkpoint; the newest row for a day is in use."""

    __tablename__ = "flight_schedules"

    id: Mapped[int] = mapped_column(_BIGINT, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(index=True)
    flights: Mapped[dict[str, Any]]
    loaded_by: Mapped[str] = mapped_column(String(200))
    loaded_at: Mapped[datetime]


class CheckpointFiguresRow(Base):
    """At the center: each checkpoint's newest queue figures as it uploaded them, for a national view."""

    __tablename__ = "checkpoint_queue_figures"

    site: Mapped[str] = mapped_column(String(40), primary_key=True)
    node: Mapped[str] = mapped_column(String(120))
    figures: Mapped[dict[str, Any]]
    figures_at: Mapped[datetime]
    received_at: Mapped[datetime]
