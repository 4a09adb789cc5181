"""Moving an application along its lifecycle: check the step with the pure rules, then append a row."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from gerbang.kernel.errors import NotFound
from gerbang.passports.center import repository as repo
from gerbang.passports.center.orm import ApplicationRow, HistoryRow
from gerbang.passports.domain.lifecycle import Facts, Status, transition


def append(
    session: Session, application_id: uuid.UUID, status: Status, *, actor: str, at: datetime, note: str | None
) -> None:
    repo.add(
        session, HistoryRow(application_id=application_id, status=status.value, at=at, actor=actor, note=note)
    )


def advance(
    session: Session,
    application: ApplicationRow,
    target: Status,
    *,
    facts: Facts | None = None,
    actor: str,
    at: datetime,
    note: str | None = None,
) -> Status:
    """Take one lifecycle step (or raise Conflict naming the allowed ones) and record it."""
    current = repo.status_of(session, application.id)
    new = transition(current, target, facts or Facts())
    append(session, application.id, new, actor=actor, at=at, note=note)
    return new


def locked(session: Session, application_id: uuid.UUID) -> ApplicationRow:
    """The application, locked for this transaction so two steps on it cannot interleave."""
    row = repo.lock_application(session, application_id)
    if row is None:
        raise NotFound("application.not_found", application_id=application_id)
    return row
