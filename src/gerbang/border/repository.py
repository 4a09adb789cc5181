"""Queries for the checkpoint's pages: a crossing's summary, recent crossings by lane, today's counts."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gerbang.border.orm import CrossingOverrideRow, CrossingRow
from gerbang.kernel.clock import as_utc


@dataclass(frozen=True)
class CrossingSummary:
    """What a page shows of a recorded crossing: who, which way, what was decided, and any override."""

    id: uuid.UUID
    lane: str
    direction: str
    document_number: str
    nationality: str
    surname: str
    given_names: str
    birth_date: date | None
    decision: str
    offline: bool
    recorded_at: datetime
    overridden_to: str | None


def crossing_summary(session: Session, crossing_id: uuid.UUID) -> CrossingSummary | None:
    """One crossing with its latest override, or None if this checkpoint never recorded it."""
    row = session.get(CrossingRow, crossing_id)
    if row is None:
        return None
    return _summary(row, _latest_overrides(session, [row.id]).get(row.id))


def recent_crossings(session: Session, *, lane: str, limit: int = 5) -> list[CrossingSummary]:
    """The newest crossings decided at `lane`, newest first."""
    rows = (
        session.execute(
            select(CrossingRow)
            .where(CrossingRow.lane == lane)
            .order_by(CrossingRow.recorded_at.desc(), CrossingRow.id.desc())
            .limit(limit)
        )
        .scalars()
        .all()
    )
    overrides = _latest_overrides(session, [row.id for row in rows])
    return [_summary(row, overrides.get(row.id)) for row in rows]


def decision_counts(session: Session, *, since: datetime) -> dict[str, Counter[str]]:
    """Decisions taken since `since`, per lane: {"C1": Counter({"admit": 40, "refer": 2})}.

    The edge's own decisions are counted, not later overrides: the count says what the lanes did.
    """
    rows = session.execute(
        select(CrossingRow.lane, CrossingRow.decision, func.count())
        .where(CrossingRow.recorded_at >= as_utc(since))
        .group_by(CrossingRow.lane, CrossingRow.decision)
    ).all()
    counts: dict[str, Counter[str]] = {}
    for lane, decision, count in rows:
        counts.setdefault(lane, Counter())[decision] = count
    return counts


def _latest_overrides(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(CrossingOverrideRow.crossing_id, CrossingOverrideRow.decision)
        .where(CrossingOverrideRow.crossing_id.in_(ids))
        .order_by(CrossingOverrideRow.recorded_at)
    ).all()
    # Ordered oldest first, so the last one written for a crossing wins.
    return {row.crossing_id: row.decision for row in rows}


def _summary(row: CrossingRow, overridden_to: str | None) -> CrossingSummary:
    return CrossingSummary(
        id=row.id,
        lane=row.lane,
        direction=row.direction,
        document_number=row.document_number,
        nationality=row.nationality,
        surname=row.surname,
        given_names=row.given_names,
        birth_date=row.birth_date,
        decision=row.decision,
        offline=row.offline,
        recorded_at=as_utc(row.recorded_at),
        overridden_to=overridden_to,
    )
