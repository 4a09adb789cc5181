"""The center's reference-data version: raised whenever a dataset the edges rely on changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gerbang.sync.orm import ReferenceStateRow

_STATE_ID = 1


def current_version(session: Session) -> int:
    """The version edges should hold (0 before any reference data exists)."""
    state = session.get(ReferenceStateRow, _STATE_ID)
    return state.version if state else 0


def bump_version(session: Session, *, reason: str, at: datetime) -> int:
    """Raise the version inside the transaction that changed the data; return the new version."""
    state = session.execute(
        select(ReferenceStateRow).where(ReferenceStateRow.id == _STATE_ID).with_for_update()
    ).scalar_one_or_none()
    if state is None:
        state = ReferenceStateRow(id=_STATE_ID, version=0, changed_at=at, reason=reason)
        session.add(state)
    state.version += 1
    state.changed_at, state.reason = at, reason[:200]
    session.flush()
    return state.version
