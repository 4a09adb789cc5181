"""Change a booking from the portal: one free reschedule up to the day before, or cancel after confirming."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from gerbang.infra.accounts import Principal
from gerbang.kernel.errors import GerbangError, InvalidInput, NotFound
from gerbang.passports.center import applications
from gerbang.passports.center.booking import availability, quotas
from gerbang.passports.center.pages.auth import HOME, STATIC, Applicant, ApplicantForm, Pages
from gerbang.passports.center.pages.track import application_id
from gerbang.passports.domain.policy import Service
from gerbang.passports.pages_common import clock_of, database_of, parse_day, parse_hour, render
from gerbang.web.errors import status_for
from gerbang.web.session_pages import form_key, is_htmx, on_refusal
from gerbang.words import Text

router = APIRouter(route_class=Pages)
PAGE = HOME + "/applications/{ident}"
Field = Annotated[str, Form(max_length=40)]


@router.get(PAGE + "/reschedule", response_model=None)
def reschedule_form(request: Request, who: Applicant, ident: str, office: str = "") -> Response:
    """The days with places at the booked office (or another one chosen), and the hours it works."""
    return _reschedule_page(request, who, ident, {"office": office[:20]})


def _reschedule_page(
    request: Request, who: Principal, ident: str, values: dict[str, str], code: int = 200,
    problem: Text | None = None,
) -> Response:  # fmt: skip
    with database_of(request).transaction() as session:
        view = applications.get_application(session, application_id=application_id(ident), principal=who)
        offices = quotas.list_offices(session)
        codes = [o.code for o in offices]
        booked = view.booking.office_code if view.booking else codes[0]
        chosen = values.get("office", "").upper()
        found = availability.openings(
            session, office_code=chosen if chosen in codes else booked, service=Service(view.service),
            at=clock_of(request).now(),
        )  # fmt: skip
    return render(
        "paspor_reschedule.html", code, who=who, key=form_key(request), a=view, offices=offices,
        open=found, values=values, problem=problem, static=STATIC,
    )  # fmt: skip


@router.post(PAGE + "/reschedule", response_model=None)
def reschedule(
    request: Request, who: ApplicantForm, ident: str, office: Field = "", day: Field = "", hour: Field = ""
) -> Response:
    """Move the booking through the same service as the API; a refusal is read out in both languages."""
    values = {"office": office, "day": day, "hour": hour}

    def again(exc: GerbangError) -> Response:
        if isinstance(exc, NotFound) and exc.field != "office":
            raise exc  # the application itself is not there: the refusal page
        return _reschedule_page(request, who, ident, values, status_for(exc), exc.text())

    on_refusal(request, again)
    ident_id = application_id(ident)
    if not day.strip():
        raise InvalidInput("booking.choose_day", field="day")
    with database_of(request).transaction() as session:
        quotas.reschedule(
            session, applicant=who, application_id=ident_id, office_code=office,
            day=parse_day(day, "day"), hour=parse_hour(hour), at=clock_of(request).now(),
        )  # fmt: skip
    return _back(request, str(ident_id), "moved")


@router.get(PAGE + "/cancel", response_model=None)
def cancel_form(request: Request, who: Applicant, ident: str) -> Response:
    """What cancelling does, and the button that does it: nothing is cancelled by following a link."""
    return _cancel_page(request, who, ident)


def _cancel_page(request: Request, who: Principal, ident: str, code: int = 200, **extra: Any) -> Response:
    with database_of(request).transaction() as session:
        view = applications.get_application(session, application_id=application_id(ident), principal=who)
    return render("paspor_cancel.html", code, who=who, key=form_key(request), a=view, static=STATIC, **extra)


@router.post(PAGE + "/cancel", response_model=None)
def cancel(request: Request, who: ApplicantForm, ident: str) -> Response:
    """Withdraw through the same service as the API: the slot goes back, money paid is owed back."""

    def again(exc: GerbangError) -> Response:
        if isinstance(exc, NotFound):
            raise exc
        return _cancel_page(request, who, ident, status_for(exc), problem=exc.text())

    on_refusal(request, again)
    ident_id = application_id(ident)
    with database_of(request).transaction() as session:
        quotas.cancel(session, applicant=who, application_id=ident_id, at=clock_of(request).now())
    return _back(request, str(ident_id), "cancelled")


def _back(request: Request, ident: str, changed: str) -> Response:
    target = f"{PAGE.format(ident=ident)}?changed={changed}"
    if is_htmx(request):  # a full load, so the whole tracking page shows the new state
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)
