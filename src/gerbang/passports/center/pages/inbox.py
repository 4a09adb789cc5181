"""The applicant's inbox page: notices in the language they chose first, the other beside, marked read."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from gerbang.infra.accounts import Principal
from gerbang.kernel.errors import GerbangError, NotFound
from gerbang.passports.center.notices import notifications
from gerbang.passports.center.pages.auth import STATIC, Applicant, ApplicantForm, Pages
from gerbang.passports.center.pages.track import application_id
from gerbang.passports.pages_common import clock_of, database_of, render
from gerbang.web.errors import status_for
from gerbang.web.session_pages import form_key, is_htmx, on_refusal

router = APIRouter(route_class=Pages)
INBOX = "/passports/inbox"


@router.get(INBOX, response_model=None)
def inbox(request: Request, who: Applicant, saved: str = "") -> Response:
    """Newest first; unread ones stand out."""
    return _page(request, who, saved=saved == "1")


def _page(request: Request, who: Principal, code: int = 200, **extra: Any) -> Response:
    with database_of(request).transaction() as session:
        # No language given: the applicant's own choice (Indonesian until they choose).
        notices = notifications.inbox(session, account_id=who.id, unread_only=False, limit=100, language=None)
        contact = notifications.contact(session, account_id=who.id)
    values = extra.pop("values", {"email": contact.email or "", "language": contact.language})
    return render(
        "paspor_inbox.html", code, who=who, key=form_key(request), notices=notices, values=values,
        static=STATIC, **extra,
    )  # fmt: skip


@router.post(INBOX + "/{ident}/read", response_model=None)
def mark_read(request: Request, who: ApplicantForm, ident: str) -> Response:
    try:
        notice_id = application_id(ident)
        with database_of(request).transaction() as session:
            notice = notifications.mark_read(
                session, account_id=who.id, notice_id=notice_id, at=clock_of(request).now()
            )
    except NotFound:  # a notice, not an application: say so
        raise NotFound("notice.not_found", notice_id=ident[:40]) from None
    if is_htmx(request):
        return render("paspor_notice.html", n=notice, key=form_key(request))
    return RedirectResponse(INBOX, status_code=303)


@router.post(INBOX + "/contact", response_model=None)
def set_contact(
    request: Request,
    who: ApplicantForm,
    email: Annotated[str, Form(max_length=300)] = "",
    language: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Which language notices come in first, and where they are mailed (none: the inbox only)."""
    values = {"email": email, "language": language}

    def again(exc: GerbangError) -> Response:
        return _page(request, who, status_for(exc), values=values, problem=exc.text())

    on_refusal(request, again)
    with database_of(request).transaction() as session:
        notifications.set_contact(
            session, account_id=who.id, email=email.strip() or None, language=language,
            at=clock_of(request).now(),
        )  # fmt: skip
    return RedirectResponse(INBOX + "?saved=1", status_code=303)
