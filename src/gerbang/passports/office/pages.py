"""The office node's console: the day's queue, the interview with photo and fingerprint files, hand-over."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from gerbang import words
from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.kernel.errors import GerbangError, InvalidInput, NotAuthenticated, NotFound
from gerbang.passports.office import service
from gerbang.passports.office.schemas import HandoverCreate, InterviewCreate
from gerbang.passports.pages_common import error_page, first_problem, render
from gerbang.sync.edge.health import warning_texts
from gerbang.web import session_pages
from gerbang.web.session_pages import form_key, on_refusal, safe_path

HOME = "/office"
LOGIN = "/office/login"
STATIC = "/office/static"
SESSION = timedelta(hours=12)  # one shift, with margin
MAX_FILE = 25 * 1024 * 1024  # a photo or a fingerprint record is far smaller; anything bigger is a mistake
Text = Annotated[str, Form(max_length=200)]


def office_of(request: Request) -> service.Office:
    office: service.Office = request.app.state.office
    return office


def refusal(request: Request, error: GerbangError) -> Response:
    return error_page(request, error, home=HOME, static=STATIC)


def _officer(request: Request) -> Principal:
    return session_pages.signed_in(request, Permission.APPLICATIONS_PROCESS, login=LOGIN)


def _officer_form(request: Request, key: Annotated[str, Form(max_length=100)] = "") -> Principal:
    return session_pages.signed_in(request, Permission.APPLICATIONS_PROCESS, form=key, login=LOGIN)


# The signed-in officer a console page is for (a form's post also carries the session's form key).
Officer = Annotated[Principal, Depends(_officer)]
OfficerForm = Annotated[Principal, Depends(_officer_form)]
router = APIRouter(
    tags=["office pages"], include_in_schema=False, route_class=session_pages.page_routes(refusal)
)


def _context(request: Request, who: Principal) -> dict[str, Any]:
    office = office_of(request)
    return {"who": who, "key": form_key(request), "site": office.site, "static": STATIC}


@router.get(f"{STATIC}/htmx.min.js")
def htmx_script() -> Response:
    return session_pages.htmx_script()


@router.get(LOGIN, response_class=HTMLResponse)
def login_form(request: Request, next: str = "") -> HTMLResponse:
    return _login_page(request, next)


def _login_page(request: Request, next: str, code: int = 200, **extra: Any) -> HTMLResponse:
    site = office_of(request).site
    return render(
        "paspor_login.html", code, mode="login", next=next if safe_path(next) else "", action=HOME,
        place=f"Kantor imigrasi {site}", place_en=f"Passport office {site}", signup_link=False,
        static=STATIC, **extra,
    )  # fmt: skip


@router.post(LOGIN, response_model=None)
def login(request: Request, username: Text = "", password: Text = "", next: Text = "") -> Response:
    office = office_of(request)
    try:
        token = session_pages.start_session(
            office.database, office.clock, username=username, password=password,
            name=f"office {office.site} pages", valid_for=SESSION,
            address=session_pages.client_address(request),
        )  # fmt: skip
    except NotAuthenticated:
        return _login_page(
            request, next, 401, username=username,
            error=words.text("account.wrong_password"),
        )  # fmt: skip
    response = RedirectResponse(next if safe_path(next) else HOME, status_code=303)
    session_pages.set_session_cookie(request, response, token, SESSION)
    return response


@router.post("/office/logout")
def logout(request: Request) -> RedirectResponse:
    office = office_of(request)
    response = RedirectResponse(LOGIN, status_code=303)
    session_pages.end_session(request, response, office.database, office.clock)
    return response


@router.get(HOME, response_model=None)
def queue(request: Request, who: Officer, day: str = "") -> Response:
    """The day's appointments in slot order with the interview form, and the passports waiting here."""
    return _queue_page(request, who, day)


def _queue_page(request: Request, who: Principal, day: str, code: int = 200, **extra: Any) -> Response:
    office = office_of(request)
    try:
        chosen = date.fromisoformat(day) if day else None
    except ValueError:
        chosen, extra["problem"] = None, words.text("office.bad_day")
    queue = service.day_queue(office, day=chosen)
    warnings = warning_texts(service.health(office))
    return render(
        "office_queue.html", code, q=queue, warnings=warnings, tz=office.timezone,
        groups=_groups(queue.appointments, office.clock.now()), **_context(request, who), **extra,
    )  # fmt: skip


def _groups(entries: list[Any], now: datetime) -> list[tuple[str, list[Any]]]:
    """Late (the slot has passed, not yet interviewed: kept until the day ends), coming up, and done.

    Late first: the person at the counter who missed their hour is the one the officer looks for.
    """
    done = [e for e in entries if e.status == "interviewed"]
    waiting = [e for e in entries if e.status != "interviewed"]
    late = [e for e in waiting if e.slot is not None and e.slot <= now]
    upcoming = [e for e in waiting if e not in late]
    return [("late", late), ("upcoming", upcoming), ("done", done)]


@router.post("/office/interviews/{ident}", response_model=None)
def interview(
    request: Request,
    who: OfficerForm,
    ident: str,
    photo: Annotated[UploadFile | None, File()] = None,
    fingerprints: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Hash the uploaded files here (SHA-256) and record only the digests; the files are not kept."""

    def again(exc: GerbangError) -> Response:
        code = 409 if exc.code == "conflict" else 422
        return _queue_page(request, who, "", code, problem_for=ident, problem=exc.text())

    on_refusal(request, again)
    body = InterviewCreate(
        application_id=_id(ident), photo_sha256=_digest(photo, "photo"),
        fingerprints_sha256=_digest(fingerprints, "fingerprints"),
    )  # fmt: skip
    service.record_interview(office_of(request), request=body, officer=who)
    return RedirectResponse(f"{HOME}?done={ident}#app-{ident}", status_code=303)


def _digest(upload: UploadFile | None, field: str) -> str:
    if upload is None or not upload.filename:
        raise InvalidInput("office.choose_file", field=field, what=field)
    digest, size = hashlib.sha256(), 0
    while chunk := upload.file.read(1024 * 1024):
        size += len(chunk)
        if size > MAX_FILE:
            raise InvalidInput("office.file_too_big", field=field, what=field)
        digest.update(chunk)
    if size == 0:
        raise InvalidInput("office.file_empty", field=field, what=field)
    return digest.hexdigest()


def _id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise NotFound("office.no_application", text=text[:40]) from None


@router.get("/office/handovers/{ident}", response_model=None)
def handover_form(request: Request, who: Officer, ident: str) -> Response:
    return _handover_page(request, who, ident, {"collector_kind": "holder"})


def _handover_page(
    request: Request, who: Principal, ident: str, values: dict[str, str], code: int = 200, **extra: Any
) -> Response:
    view = office_of(request).reference.view
    entry = view.ready_passport(_id(ident))
    if entry is None:
        raise NotFound("office.not_ready_here", ident=ident[:40])
    return render("office_handover.html", code, e=entry, values=values, **_context(request, who), **extra)


@router.post("/office/handovers/{ident}", response_model=None)
def handover(
    request: Request,
    who: OfficerForm,
    ident: str,
    collector_kind: Text = "holder",
    nik: Text = "",
    name: Text = "",
    birth_date: Text = "",
    relationship: Text = "",
    family_card: Text = "",
) -> Response:
    """Check the collector's e-KTP through the service; a refusal is read out with its reason."""
    values = {"collector_kind": collector_kind, "nik": nik, "name": name, "birth_date": birth_date,
              "relationship": relationship, "family_card": family_card}  # fmt: skip

    def again(exc: GerbangError) -> Response:
        if isinstance(exc, NotFound):
            raise exc
        code = 409 if exc.code == "conflict" else 422
        return _handover_page(request, who, ident, values, code, problem=exc.text(), field=exc.field)

    on_refusal(request, again)
    try:
        body = HandoverCreate.model_validate(
            {"application_id": _id(ident), "collector_kind": collector_kind, "nik": nik.strip(),
             "name": name, "birth_date": birth_date.strip(), "relationship": relationship or None,
             "family_card": family_card.strip() or None}
        )  # fmt: skip
    except ValidationError as exc:
        raise first_problem(exc) from None
    service.record_handover(office_of(request), request=body, officer=who)
    return RedirectResponse(f"{HOME}?handed={ident}#ready", status_code=303)
