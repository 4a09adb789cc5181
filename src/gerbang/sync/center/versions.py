"""The center's versions of what it signs for edges: raised whenever a dataset the edges rely on changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gerbang.sync.orm import ReferenceStateRow

# One counter per signed stream: the snapshot, and the foreigners' stays that change far more often.
SNAPSHOT_STREAM = 1
STAYS_STREAM = 2


def current_version(session: Session, *, stream: int = SNAPSHOT_STREAM) -> int:
    """The version edges should hold (0 before any data of that stream exists)."""
    state = session.get(ReferenceStateRow, stream)
    return state.version if state else 0


def bump_version(session: Session, *, reason: str, at: datetime, stream: int = SNAPSHOT_STREAM) -> int:
    """Raise the version inside the transaction that changed the data; return the new version."""
    state = session.execute(
        select(ReferenceStateRow).where(ReferenceStateRow.id == stream).with_for_update()
    ).scalar_one_or_none()
    if state is None:
        state = ReferenceStateRow(id=stream, version=0, changed_at=at, reason=reason)
        session.add(state)
    state.version += 1
    state.changed_at, state.reason = at, reason[:200]
    session.flush()
    return state.version


def raise_past(
    session: Session, *, held: int, reason: str, at: datetime, stream: int = SNAPSHOT_STREAM
) -> int | None:
    """Raise the version above `held` unless it already is; return the new version, or None if unchanged.

    A center restored from an older backup counts from behind what it had published, and an edge
    refuses any document older than the one it holds. The version is never lowered.
    """
    state = session.execute(
        select(ReferenceStateRow).where(ReferenceStateRow.id == stream).with_for_update()
    ).scalar_one_or_none()
    if (state.version if state else 0) >= held:
        return None
    if state is None:
        session.add(ReferenceStateRow(id=stream, version=held, changed_at=at, reason=reason[:200]))
    else:
        state.version = held
    session.flush()
    return bump_version(session, reason=reason, at=at, stream=stream)
