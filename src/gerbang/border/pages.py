"""The checkpoint's pages: sign-in, the lane console and the supervisor's wall view (Jinja2 + htmx)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import pass_context
from jinja2.runtime import Context
from pydantic import ValidationError

from gerbang import words
from gerbang.border import repository, service
from gerbang.border.domain.decision import reason_details
from gerbang.border.metered import decide_and_count
from gerbang.border.schemas import CrossingCreate, CrossingRead, OverrideCreate, ReasonRead
from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.kernel.errors import GerbangError, InvalidInput, NotAuthenticated
from gerbang.sync.edge.health import warning_texts
from gerbang.web import session_pages
from gerbang.web.errors import status_for
from gerbang.web.session_pages import (
    LANGUAGE_COOKIE,
    PAGE_HEADERS,
    form_key,
    is_htmx,
    language_of,
    on_refusal,
    page_environment,
)
from gerbang.web.session_pages import safe_path as _safe
from gerbang.words import Text, text

SESSION = timedelta(hours=12)  # one shift, with margin; the officer signs in again at the next
_environment = page_environment("gerbang.border")
_HEADERS = PAGE_HEADERS
_TITLES = {403: "console.not_allowed", 404: "console.not_found"}
# Each language named in itself, as the officer looks for it whichever language the console is in.
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
LANGUAGE_KEPT = timedelta(days=400)  # an officer's choice outlives a year of shifts


@pass_context
def _label(context: Context, reason: str, /, **params: Any) -> str:
    """A console label in the page's language (English on pages that do not choose one yet)."""
    return words.say(reason, context.get("lang") or "en", **params)


_environment.globals["t"] = _label


@pass_context
def _reason(context: Context, reason: ReasonRead) -> str:
    """A decision's reason in the page's language; one recorded before the catalogue held it, as recorded."""
    if reason.key and words.known(reason.key):
        return words.say(reason.key, context.get("lang") or "en", **reason_details(reason.details or {}))
    return reason.message


_environment.globals["reason_said"] = _reason
_environment.globals["language_names"] = LANGUAGE_NAMES


def checkpoint_of(request: Request) -> service.Checkpoint:
    checkpoint: service.Checkpoint = request.app.state.checkpoint
    return checkpoint


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(
        _environment.get_template(name).render(**context), status_code=status, headers=_HEADERS
    )


def guard(request: Request, permission: Permission, *, form: str | None = None) -> Principal | Response:
    """The signed-in caller holding `permission`, or the page to answer instead (sign in, or not allowed)."""
    return session_pages.guard(request, permission, form=form, login="/login", refuse=refusal)


def refusal(request: Request, error: GerbangError) -> HTMLResponse:
    status = status_for(error)
    lang = language_of(request)
    if is_htmx(request):
        return render("checkpoint_result.html", status, error=error.text(), lang=lang)
    title = words.say(_TITLES.get(status, "console.refused"), lang)
    return render(
        "checkpoint_error.html", status, title=title, said=error.text(), lang=lang, here=request.url.path
    )


def _officer(request: Request, lane: str) -> Principal:
    principal = session_pages.signed_in(request, Permission.CROSSINGS_DECIDE, login="/login")
    _known_lane(request, lane)
    return principal


def _officer_form(request: Request, lane: str, key: Annotated[str, Form(max_length=100)] = "") -> Principal:
    principal = session_pages.signed_in(request, Permission.CROSSINGS_DECIDE, form=key, login="/login")
    _known_lane(request, lane)
    return principal


def _supervisor(request: Request) -> Principal:
    return session_pages.signed_in(request, Permission.CROSSINGS_OVERRIDE, login="/login")


def _supervisor_form(
    request: Request, lane: str, key: Annotated[str, Form(max_length=100)] = ""
) -> Principal:
    principal = session_pages.signed_in(request, Permission.CROSSINGS_OVERRIDE, form=key, login="/login")
    _known_lane(request, lane)
    return principal


# The signed-in officer of a lane that exists here (a form's post also carries the session's form key).
LaneOfficer = Annotated[Principal, Depends(_officer)]
LaneOfficerForm = Annotated[Principal, Depends(_officer_form)]
Supervisor = Annotated[Principal, Depends(_supervisor)]
SupervisorForm = Annotated[Principal, Depends(_supervisor_form)]
router = APIRouter(
    tags=["checkpoint pages"], include_in_schema=False, route_class=session_pages.page_routes(refusal)
)


def _first_lane(request: Request) -> str:
    return f"/lanes/{next(iter(checkpoint_of(request).lanes))}"


@router.get("/static/htmx.min.js")
def htmx_script() -> Response:
    """The vendored htmx, served by the node itself: lanes keep working when the internet does not."""
    return session_pages.htmx_script()


@router.get("/")
def home(request: Request) -> RedirectResponse:
    return RedirectResponse(_first_lane(request), status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "") -> HTMLResponse:
    """The sign-in form."""
    return render(
        "checkpoint_login.html", site=checkpoint_of(request).site, next=next if _safe(next) else "",
        lang=language_of(request), here=f"/login?next={quote(next)}" if _safe(next) else "/login",
    )  # fmt: skip


@router.post("/login", response_model=None)
def login(
    request: Request,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Check the password, keep a 12-hour token in an HttpOnly cookie, and go to the lane console."""
    checkpoint = checkpoint_of(request)
    try:
        token = session_pages.start_session(
            checkpoint.database, checkpoint.clock, username=username, password=password,
            name=f"checkpoint {checkpoint.site} pages", valid_for=SESSION,
            address=session_pages.client_address(request),
        )  # fmt: skip
    except NotAuthenticated:
        return render(
            "checkpoint_login.html", 401, site=checkpoint.site, next=next if _safe(next) else "",
            username=username, error=text("account.wrong_password"), lang=language_of(request),
            here="/login",
        )  # fmt: skip
    response = RedirectResponse(next if _safe(next) else _first_lane(request), status_code=303)
    session_pages.set_session_cookie(request, response, token, SESSION)
    return response


@router.post("/logout")
def logout(request: Request) -> RedirectResponse:
    """Revoke the session's token at once and forget the cookie."""
    checkpoint = checkpoint_of(request)
    response = RedirectResponse("/login", status_code=303)
    session_pages.end_session(request, response, checkpoint.database, checkpoint.clock)
    return response


@router.post("/language")
def choose_language(
    lang: Annotated[str, Form(max_length=10)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> RedirectResponse:
    """The officer's language for the console, remembered in a cookie on this device; back where they were."""
    response = RedirectResponse(next if _safe(next) else "/", status_code=303)
    chosen = "en" if lang == "en" else "id"
    response.set_cookie(
        LANGUAGE_COOKIE, chosen, max_age=int(LANGUAGE_KEPT.total_seconds()), path="/", httponly=True,
        samesite="strict",
    )  # fmt: skip
    return response


def lane_page(
    request: Request, principal: Principal, lane: str, *, status: int = 200,
    values: dict[str, Any] | None = None, **result: Any,
) -> HTMLResponse:  # fmt: skip
    """The whole console; for htmx only the result panel, and a fresh form once a crossing is recorded."""
    checkpoint = checkpoint_of(request)
    context = dict(
        site=checkpoint.site, lanes=checkpoint.lanes, lane=lane, kind=checkpoint.lanes[lane].value,
        who=principal, key=form_key(request), tz=checkpoint.timezone,
        can_override=Permission.CROSSINGS_OVERRIDE in principal.permissions,
        can_supervise=Permission.CROSSINGS_OVERRIDE in principal.permissions,
        values=values or {"direction": "entry", "biometric": ""}, **result,
        # The edge's own sync health: its uploads and polls have not reached the center lately.
        center_down=checkpoint.is_offline(checkpoint.clock.now()),
        banner=words.text("lane.center_unreachable"), lang=language_of(request), here=f"/lanes/{lane}",
    )  # fmt: skip
    if is_htmx(request):
        return render("checkpoint_result.html", status, fresh_form="result" in result, **context)
    return render("checkpoint_lane.html", status, **context)


def _known_lane(request: Request, lane: str) -> None:
    lanes = checkpoint_of(request).lanes
    if lane not in lanes:
        raise InvalidInput("lane.unknown_here", lane=lane[:40], lanes=", ".join(lanes))


@router.get("/lanes/{lane}", response_model=None)
def lane_console(request: Request, principal: LaneOfficer, lane: str) -> Response:
    """A lane's console: the traveller's zone and what the officer saw, then the decision."""
    return lane_page(request, principal, lane)


@router.post("/lanes/{lane}", response_model=None)
def decide_crossing(
    request: Request,
    principal: LaneOfficerForm,
    lane: str,
    direction: Annotated[str, Form(max_length=10)] = "entry",
    mrz: Annotated[str, Form(max_length=400)] = "",
    flight: Annotated[str, Form(max_length=100)] = "",
    credential: Annotated[str, Form(max_length=8000)] = "",
    biometric: Annotated[str, Form(max_length=10)] = "",
    voa_paid: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Decide and record through the service; a bad zone comes back as typed, with where it fails."""
    values = {"direction": direction, "mrz": mrz, "flight": flight, "credential": credential,
              "biometric": biometric, "voa_paid": bool(voa_paid)}  # fmt: skip
    checkpoint = checkpoint_of(request)
    on_refusal(
        request,
        lambda exc: lane_page(
            request, principal, lane, status=status_for(exc), values=values, error=exc.text()
        ),
    )
    body = _crossing_request(lane, values)
    result = decide_and_count(request, checkpoint, body=body, officer=principal)
    with checkpoint.database.transaction() as session:
        person = repository.crossing_summary(session, result.id)
    fresh = {"direction": direction, "biometric": ""}  # the next traveller starts from an empty form
    return lane_page(request, principal, lane, values=fresh, result=result, person=person)


def _crossing_request(lane: str, values: dict[str, Any]) -> CrossingCreate:
    # A scanner types each line and Enter; blank lines and stray spaces at the ends are not the zone's.
    lines = [line.strip() for line in str(values["mrz"]).splitlines() if line.strip()]
    if not 2 <= len(lines) <= 3:
        raise InvalidInput("lane.zone_lines", field="mrz", count=len(lines))  # fmt: skip
    biometric = {"yes": True, "no": False}.get(str(values["biometric"]))
    try:
        return CrossingCreate(
            mrz=lines, direction=values["direction"], lane=lane, flight=values["flight"].strip() or None,
            credential=values["credential"].strip() or None, biometric_match=biometric,
            voa_paid=values["voa_paid"],
        )  # fmt: skip
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "form"
        raise InvalidInput("form.field_problem", field=field, what=field, problem=first["msg"]) from None


@router.post("/lanes/{lane}/crossings/{crossing_id}/override", response_model=None)
def override_crossing(
    request: Request,
    principal: SupervisorForm,
    lane: str,
    crossing_id: str,
    decision: Annotated[str, Form(max_length=10)] = "",
    reason: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """A supervisor changes a decision with a reason; the service keeps the original and audits the change."""
    checkpoint = checkpoint_of(request)

    def again(exc: GerbangError) -> Response:
        code = 422 if exc.reason in ("override.form", "crossing.not_found_text") else status_for(exc)
        return _result_again(request, principal, lane, crossing_id, override_error=exc.text(), status=code)

    on_refusal(request, again)
    try:
        ident = uuid.UUID(crossing_id)
    except ValueError:
        raise InvalidInput("crossing.not_found_text", crossing_id=crossing_id[:40]) from None
    try:
        body = OverrideCreate(decision=decision, reason=reason.strip())
    except ValidationError:
        raise InvalidInput("override.form", field="reason") from None
    result: CrossingRead = service.override_crossing(
        checkpoint, crossing_id=ident, outcome=body.decision, reason=body.reason, officer=principal
    )
    with checkpoint.database.transaction() as session:
        person = repository.crossing_summary(session, result.id)
    return lane_page(request, principal, lane, result=result, person=person, overridden=True)


def _result_again(
    request: Request, principal: Principal, lane: str, crossing_id: str, *, override_error: Text, status: int
) -> HTMLResponse:
    """The crossing's result with the override's problem under it, so the supervisor can correct the form."""
    checkpoint = checkpoint_of(request)
    try:
        result = service.read_crossing(checkpoint, crossing_id=uuid.UUID(crossing_id))
    except (ValueError, GerbangError):
        return lane_page(request, principal, lane, status=status, error=override_error)
    with checkpoint.database.transaction() as session:
        person = repository.crossing_summary(session, result.id)
    return lane_page(request, principal, lane, status=status, result=result, person=person,
                     override_error=override_error)  # fmt: skip


@router.get("/supervisor", response_model=None)
def supervisor_view(request: Request, principal: Supervisor) -> Response:
    """Every lane with its last decisions, today's counts, the outbox, the center and the reference data."""
    checkpoint = checkpoint_of(request)
    now = checkpoint.clock.now()
    local = now.astimezone(checkpoint.timezone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    with checkpoint.database.transaction() as session:
        recent = {lane: repository.recent_crossings(session, lane=lane) for lane in checkpoint.lanes}
        counts = repository.decision_counts(session, since=midnight)
    totals = {kind: sum(c[kind] for c in counts.values()) for kind in ("admit", "refer", "refuse")}
    health = service.health(checkpoint)
    lang = language_of(request)
    name = "checkpoint_supervisor_panel.html" if is_htmx(request) else "checkpoint_supervisor.html"
    return render(
        name, site=checkpoint.site, lanes=checkpoint.lanes, who=principal, key=form_key(request),
        tz=checkpoint.timezone, health=health, recent=recent, counts=counts, totals=totals, now=local,
        age=_age(health["reference_age_s"], lang), lang=lang, here="/supervisor",
        checked=_checked(health["reference_checked_at"], now, lang),
        warnings=[said.said_in(lang) for said in _warnings(health, now)], can_supervise=True,
    )  # fmt: skip


def _age(seconds: float | None, lang: str) -> str:
    if seconds is None:
        return words.say("supervisor.none_yet", lang)
    key, params = _minutes("old", int(seconds // 60))
    return words.say(key, lang, **params)


def _minutes(kind: str, minutes: int) -> tuple[str, dict[str, int]]:
    if minutes < 60:
        return f"supervisor.minutes_{kind}", {"minutes": minutes}
    return f"supervisor.hours_{kind}", {"hours": minutes // 60, "minutes": minutes % 60}


def _checked(at: str | None, now: datetime, lang: str) -> str | None:
    """How long ago the center last confirmed the reference data, as a supervisor reads it."""
    if at is None:
        return None
    minutes = max(int((now - datetime.fromisoformat(at)).total_seconds() // 60), 0)
    key, params = _minutes("ago", minutes)
    return words.say(key, lang, **params)


def _warnings(health: dict[str, Any], now: datetime) -> list[Text]:
    """The health report's warnings from the catalogue: the sync ones by their reasons, then this node's."""
    found = warning_texts(health)
    if health.get("entry_policy") == "packaged":
        found.append(words.text("checkpoint.packaged_policy"))
    if health.get("stays_version") is None:
        found.append(words.text("checkpoint.stays_missing"))
    elif health.get("stays_stale") and health.get("stays_checked_at"):
        quiet = now - datetime.fromisoformat(health["stays_checked_at"])
        found.append(words.text("checkpoint.stays_stale", hours=quiet.total_seconds() / 3600))
    if service.STAYS_KEY_MISSING in health.get("warnings", []):
        found.append(words.text("checkpoint.stays_key_missing"))
    return found


def local_time(moment: datetime, tz: Any) -> str:
    return moment.astimezone(tz).strftime("%H:%M:%S")


_environment.filters["local_time"] = local_time
