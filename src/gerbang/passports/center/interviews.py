"""The interview: photo and fingerprints are taken and the application moves to interviewed (audited)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from gerbang.infra import audit
from gerbang.infra.accounts import Principal
from gerbang.kernel.errors import InvalidInput
from gerbang.passports.center import history
from gerbang.passports.center import repository as repo
from gerbang.passports.center.orm import InterviewRow
from gerbang.passports.center.views import ApplicationView, application_view
from gerbang.passports.domain.lifecycle import Facts, Status

_DIGEST = re.compile(r"[0-9a-f]{64}")


def record_interview(
    session: Session,
    *,
    application_id: uuid.UUID,
    officer: Principal,
    photo_sha256: str | None,
    fingerprints_sha256: str | None,
    at: datetime,
) -> ApplicationView:
    """Record the interview of a paid application; biometrics stay at the office, only digests come here."""
    for name, value in (("photo_sha256", photo_sha256), ("fingerprints_sha256", fingerprints_sha256)):
        if value is not None and not _DIGEST.fullmatch(value):
            raise InvalidInput("interview.bad_digest", field=name, name=name)
    application = history.locked(session, application_id)
    facts = Facts(photo_taken=photo_sha256 is not None, fingerprints_taken=fingerprints_sha256 is not None)
    history.advance(session, application, Status.INTERVIEWED, facts=facts, actor=officer.audit_name, at=at)
    # The guard has checked both.
    assert photo_sha256 is not None
    assert fingerprints_sha256 is not None
    repo.add(
        session,
        InterviewRow(
            application_id=application.id,
            photo_sha256=photo_sha256,
            fingerprints_sha256=fingerprints_sha256,
            officer=officer.audit_name,
            at=at,
        ),
    )
    audit.record(
        session,
        actor=officer.audit_name,
        action="passport.interviewed",
        record_type="passport_application",
        record_id=str(application.id),
        details={"status": Status.INTERVIEWED.value},
        at=at,
    )
    return application_view(session, application)
