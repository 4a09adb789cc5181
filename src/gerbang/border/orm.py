"""Tables of the border: crossings (edge and center alike), overrides, and the center's lists and alerts."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from gerbang.infra.orm import Base

_BIGINT = BigInteger().with_variant(Integer(), "sqlite")


class CrossingRow(Base):
    """One traveller passing a checkpoint and the decision taken; never updated once written.

    The same table serves the edge (its own crossings) and the center (every edge's crossings, as
    uploaded); `received_at` is set only at the center.
    """

    __tablename__ = "crossings"
    __table_args__ = (Index("ix_crossings_site_recorded_at", "site", "recorded_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    node: Mapped[str] = mapped_column(String(120))
    site: Mapped[str] = mapped_column(String(40))
    lane: Mapped[str] = mapped_column(String(40))
    direction: Mapped[str] = mapped_column(String(10))
    document_number: Mapped[str] = mapped_column(String(40), index=True)
    nationality: Mapped[str] = mapped_column(String(3))
    surname: Mapped[str] = mapped_column(String(120))
    given_names: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None]
    flight: Mapped[str | None] = mapped_column(String(20))
    credential_id: Mapped[str | None] = mapped_column(String(40))
    decision: Mapped[str] = mapped_column(String(10))
    reasons: Mapped[dict[str, Any]]
    permitted_until: Mapped[date | None]
    offline: Mapped[bool]
    reference_version: Mapped[int]
    officer: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime]
    received_at: Mapped[datetime | None]


class CrossingOverrideRow(Base):
    """An officer's change of a decision, with its reason; the original crossing stays as it was."""

    __tablename__ = "crossing_overrides"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    crossing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("crossings.id"), index=True)
    decision: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(500))
    officer: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime]


class WatchlistEntryRow(Base):
    """One watchlist entry held at the center (the edges receive the list in the signed snapshot)."""

    __tablename__ = "watchlist_entries"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    list_kind: Mapped[str] = mapped_column(String(40))
    entry: Mapped[dict[str, Any]]
    valid_until: Mapped[date | None]
    imported_at: Mapped[datetime]


class AlertRow(Base):
    """A traveller the center would have stopped, found when re-screening a decision taken offline."""

    __tablename__ = "alerts"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    crossing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("crossings.id"), index=True)
    site: Mapped[str] = mapped_column(String(40))
    entry_id: Mapped[str] = mapped_column(String(80))
    list_kind: Mapped[str] = mapped_column(String(40))
    score: Mapped[float]
    edge_decision: Mapped[str] = mapped_column(String(10))
    edge_reference_version: Mapped[int]
    center_reference_version: Mapped[int]
    raised_at: Mapped[datetime]


class BorderPolicyRow(Base):
    """One version of the entry policy as the center holds it; the newest row is in force."""

    __tablename__ = "border_policies"

    id: Mapped[int] = mapped_column(_BIGINT, primary_key=True, autoincrement=True)
    document: Mapped[dict[str, Any]]
    reason: Mapped[str] = mapped_column(String(500))
    imported_by: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime]


class ForeignerStayRow(Base):
    """The center's latest word on one foreign passport: its newest crossing, from any checkpoint.

    A row whose crossing is an entry is a stay in progress; an exit ends it. Only a newer crossing
    replaces a row, so batches arriving out of order leave the right answer.
    """

    __tablename__ = "foreigner_stays"

    nationality: Mapped[str] = mapped_column(String(3), primary_key=True)
    document_number: Mapped[str] = mapped_column(String(40), primary_key=True)
    crossing_id: Mapped[uuid.UUID]
    direction: Mapped[str] = mapped_column(String(10))
    site: Mapped[str] = mapped_column(String(40))
    recorded_at: Mapped[datetime]
    permitted_until: Mapped[date | None]
    updated_at: Mapped[datetime]
