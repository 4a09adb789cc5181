"""The applicant's inbox page: notices in Indonesian with the English alongside, marked read one by one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from gerbang.infra.accounts import Principal
from gerbang.kernel.errors import GerbangError, NotFound
from gerbang.passports import notifications
from gerbang.passports.pages_auth import STATIC, applicant, refusal
from gerbang.passports.pages_common import clock_of, database_of, render
from gerbang.passports.pages_track import application_id
from gerbang.web.session_pages import form_key, is_htmx

router = APIRouter()
INBOX = "/passports/inbox"


@router.get(INBOX, response_model=None)
def inbox(request: Request) -> Response:
    """Newest first; unread ones stand out."""
    who = applicant(request)
    if not isinstance(who, Principal):
        return who
    with database_of(request).transaction() as session:
        notices = notifications.inbox(session, account_id=who.id, unread_only=False, limit=100, language="id")
    return render("paspor_inbox.html", who=who, key=form_key(request), notices=notices, static=STATIC)


@router.post(INBOX + "/{ident}/read", response_model=None)
def mark_read(request: Request, ident: str, key: Annotated[str, Form(max_length=100)] = "") -> Response:
    who = applicant(request, form=key)
    if not isinstance(who, Principal):
        return who
    try:
        notice_id = application_id(ident)
        with database_of(request).transaction() as session:
            notice = notifications.mark_read(
                session, account_id=who.id, notice_id=notice_id, at=clock_of(request).now()
            )
    except NotFound:
        return refusal(request, NotFound(f"no notice {ident[:40]!r} in your inbox"))
    except GerbangError as exc:
        return refusal(request, exc)
    if is_htmx(request):
        return render("paspor_notice.html", n=notice, key=form_key(request))
    return RedirectResponse(INBOX, status_code=303)
