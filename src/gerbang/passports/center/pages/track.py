"""One application's pages: book a slot, pay with the billing code, and track its history to the end."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from gerbang.infra.accounts import Principal
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import GerbangError, InvalidInput, NotFound
from gerbang.passports.center import applications
from gerbang.passports.center import repository as repo
from gerbang.passports.center.booking import availability, quotas
from gerbang.passports.center.clock import repository as clock_repository
from gerbang.passports.center.orm import BookingRow, QuotaRow
from gerbang.passports.center.pages.auth import HOME, STATIC, Applicant, ApplicantForm, Pages
from gerbang.passports.center.views import ApplicationView
from gerbang.passports.domain.lifecycle import NEXT, Status
from gerbang.passports.domain.policy import Service
from gerbang.passports.pages_common import (
    JAKARTA,
    both_days,
    clock_of,
    database_of,
    parse_day,
    parse_hour,
    render,
)
from gerbang.web.session_pages import form_key, is_htmx, on_refusal
from gerbang.words import Text, text

router = APIRouter(route_class=Pages)
HOURS = range(8, 16)  # the usual 08:00-15:00 slots; the office's own hours are checked by the service


@dataclass(frozen=True)
class Refund:
    amount_idr: int
    state: str  # owed or paid
    note: str | None


def application_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise NotFound("application.not_found_text", text=text[:40]) from None


def _zone(session: Session, view: ApplicationView) -> ZoneInfo:
    code = view.booking.office_code if view.booking else view.draw.office_code if view.draw else None
    offices = {o.code: o.timezone for o in quotas.list_offices(session)} if code else {}
    return ZoneInfo(offices[code]) if code in offices else JAKARTA


@dataclass(frozen=True)
class Moved:
    """A reschedule in the history: when it was made, and from which day to which slot."""

    at: datetime
    said: Text


def _moves(session: Session, view: ApplicationView) -> list[Moved]:
    new, old = aliased(BookingRow), aliased(BookingRow)
    new_quota, old_quota = aliased(QuotaRow), aliased(QuotaRow)
    rows = session.execute(
        select(new.created_at, new.hour, new_quota.office_code, new_quota.day, old_quota.day)
        .join(old, old.id == new.rescheduled_from)
        .join(new_quota, new_quota.id == new.quota_id)
        .join(old_quota, old_quota.id == old.quota_id)
        .where(new.application_id == view.id)
    ).all()
    return [
        Moved(as_utc(at), text("page.history_rescheduled", office=office, day=both_days(day),
                               hour=f"{hour:02d}:00", old_day=both_days(was)))
        for at, hour, office, day, was in rows
    ]  # fmt: skip


def _timeline(session: Session, view: ApplicationView) -> list[Any]:
    """The status changes and the reschedules, oldest first: a move is history as much as a payment."""
    entries: list[Any] = [*view.history, *_moves(session, view)]
    return sorted(entries, key=lambda e: e.at)


def _details(session: Session, view: ApplicationView) -> dict[str, Any]:
    refunds = [
        Refund(r.amount_idr, r.flag or "owed", r.note)
        for r in repo.ledger(session, view.id)
        if r.kind == "refund"
    ]
    return {
        "zone": _zone(session, view),
        "refunds": refunds,
        "due": clock_repository.latest_due(session, view.id),
        "can_cancel": Status.CANCELLED in NEXT[view.status],
        "timeline": _timeline(session, view),
    }


@router.get("/passports/applications/{ident}", response_model=None)
def track(request: Request, who: Applicant, ident: str, changed: str = "") -> Response:
    """Where the application stands, what happens next, what to pay, and its whole history."""
    with database_of(request).transaction() as session:
        view = applications.get_application(session, application_id=application_id(ident), principal=who)
        details = _details(session, view)
    name = "paspor_application_body.html" if is_htmx(request) else "paspor_application.html"
    return render(
        name, who=who, key=form_key(request), a=view, now=clock_of(request).now(), static=STATIC,
        changed=changed, demo_bank=getattr(request.app.state, "demo_bank", False), **details,
    )  # fmt: skip


@router.get("/passports/applications/{ident}/book", response_model=None)
def book_form(request: Request, who: Applicant, ident: str, office: str = "") -> Response:
    """The offices, the days with places at one of them, and the hours: the same choice as rescheduling."""
    return _book_page(request, who, ident, {"office": office[:20], "day": "", "hour": "9"})


def _book_page(
    request: Request, who: Principal, ident: str, values: dict[str, str], status: int = 200, **extra: Any
) -> Response:
    with database_of(request).transaction() as session:
        view = applications.get_application(session, application_id=application_id(ident), principal=who)
        offices = quotas.list_offices(session)
        # The days with places at the office chosen (or the first one), as the reschedule page lists them.
        usable = [o.code for o in offices if o.electronic or view.kind != "electronic"]
        chosen = values.get("office", "").upper()
        showing = chosen if chosen in usable else (usable[0] if usable else None)
        found = (
            availability.openings(
                session, office_code=showing, service=Service(view.service), at=clock_of(request).now()
            )
            if showing
            else None
        )
    tomorrow: date = clock_of(request).now().astimezone(JAKARTA).date() + timedelta(days=1)
    return render(
        "paspor_book.html", status, who=who, key=form_key(request), a=view, offices=offices, hours=HOURS,
        values=values, earliest=tomorrow.isoformat(), open=found, static=STATIC,
        **extra,
    )  # fmt: skip


@router.post("/passports/applications/{ident}/book", response_model=None)
def book(
    request: Request,
    who: ApplicantForm,
    ident: str,
    office: Annotated[str, Form(max_length=20)] = "",
    day: Annotated[str, Form(max_length=40)] = "",
    day_typed: Annotated[str, Form(max_length=40)] = "",
    hour: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Book through the service: a place at once, or a request in the release draw.

    The day is one of the listed days with places, or one typed in (a day just released joins its draw).
    """
    day = day.strip() or day_typed.strip()
    values = {"office": office, "day": day, "hour": hour}
    on_refusal(request, lambda exc: _book_again(request, who, ident, values, exc))
    if not office:
        raise InvalidInput("booking.choose_office", field="office")
    with database_of(request).transaction() as session:
        quotas.book(
            session, applicant=who, application_id=application_id(ident), office_code=office,
            day=parse_day(day, "day"), hour=parse_hour(hour), at=clock_of(request).now(),
        )  # fmt: skip
    return RedirectResponse(f"{HOME}/applications/{ident}", status_code=303)


def _book_again(
    request: Request, who: Principal, ident: str, values: dict[str, str], exc: GerbangError
) -> Response:
    """The form again with the refusal beside its field; an application not found is a refusal page."""
    if isinstance(exc, NotFound) and exc.field != "office":
        raise exc
    return _book_page(request, who, ident, values, 422, problems={exc.field or "day": exc.text()})
