"""Officer steps at the center after the interview: approve or reject, printed, ready; each one audited."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from gerbang.infra import audit
from gerbang.infra.accounts import Principal
from gerbang.passports.center import history
from gerbang.passports.center.views import ApplicationView, application_view
from gerbang.passports.domain.lifecycle import Facts, Status


def approve(
    session: Session, *, application_id: uuid.UUID, officer: Principal, at: datetime
) -> ApplicationView:
    """Approve after the interview, so the passport can be printed."""
    return _step(session, application_id, Status.APPROVED, officer=officer, at=at)


def reject(
    session: Session, *, application_id: uuid.UUID, officer: Principal, reason: str, at: datetime
) -> ApplicationView:
    """Reject after the interview, with a reason the applicant will read."""
    reason = " ".join(reason.split())
    return _step(session, application_id, Status.REJECTED, officer=officer, at=at, reason=reason)


def mark_printed(
    session: Session, *, application_id: uuid.UUID, officer: Principal, at: datetime
) -> ApplicationView:
    return _step(session, application_id, Status.PRINTED, officer=officer, at=at)


def mark_ready(
    session: Session, *, application_id: uuid.UUID, officer: Principal, at: datetime
) -> ApplicationView:
    """The passport waits at the office; it must be collected within 30 days."""
    return _step(session, application_id, Status.READY, officer=officer, at=at)


def _step(
    session: Session,
    application_id: uuid.UUID,
    target: Status,
    *,
    officer: Principal,
    at: datetime,
    reason: str | None = None,
) -> ApplicationView:
    application = history.locked(session, application_id)
    history.advance(
        session, application, target, facts=Facts(reason=reason), actor=officer.audit_name, at=at, note=reason
    )
    # Ids only: an audit entry must never carry a name, NIK or birth date.
    audit.record(
        session,
        actor=officer.audit_name,
        action=f"passport.{target.value}",
        record_type="passport_application",
        record_id=str(application.id),
        details={"status": target.value},
        at=at,
    )
    return application_view(session, application)
