"""The applicant's inbox of passport notices and where they are mailed, in their language."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.passports.center.notices import notifications
from gerbang.passports.center.notices.notifications import NoticeView
from gerbang.passports.center.schemas import ContactRead, ContactUpdate, NoticeRead
from gerbang.web.deps import ClockDep, SessionDep, require

router = APIRouter(prefix="/api/v1/passports", tags=["passports"])
Applicant = Annotated[Principal, Depends(require(Permission.APPLICATIONS_OWN))]


@router.get("/inbox", response_model=list[NoticeRead])
def inbox(
    session: SessionDep,
    applicant: Applicant,
    unread: Annotated[bool, Query(description="Only notices not yet read.")] = False,
    lang: Annotated[str | None, Query(pattern="^(id|en)$", description="Override the language.")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[NoticeRead]:
    """Your own notices, newest first: why something happened to an application and what comes next."""
    views = notifications.inbox(
        session, account_id=applicant.id, unread_only=unread, limit=limit, language=lang
    )
    return [_read(v) for v in views]


@router.post("/inbox/{notice_id}/read", response_model=NoticeRead)
def mark_read(notice_id: uuid.UUID, session: SessionDep, clock: ClockDep, applicant: Applicant) -> NoticeRead:
    return _read(
        notifications.mark_read(session, account_id=applicant.id, notice_id=notice_id, at=clock.now())
    )


@router.get("/contact", response_model=ContactRead)
def get_contact(session: SessionDep, applicant: Applicant) -> ContactRead:
    view = notifications.contact(session, account_id=applicant.id)
    return ContactRead(email=view.email, language=view.language)


@router.put("/contact", response_model=ContactRead)
def set_contact(
    body: ContactUpdate, session: SessionDep, clock: ClockDep, applicant: Applicant
) -> ContactRead:
    """Where notices are mailed (leave email out for the inbox only) and which language comes first."""
    view = notifications.set_contact(
        session, account_id=applicant.id, email=body.email, language=body.language, at=clock.now()
    )
    return ContactRead(email=view.email, language=view.language)


def _read(view: NoticeView) -> NoticeRead:
    return NoticeRead(**view.__dict__)
