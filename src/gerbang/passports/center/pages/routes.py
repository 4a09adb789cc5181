"""The passport portal at the center: sign in or sign up, the applicant's list, and every page router."""

from __future__ import annotations

from datetime import timedelta
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from gerbang.infra import sign_in as sign_ins
from gerbang.kernel.errors import GerbangError, NotAuthenticated
from gerbang.passports.center import applications
from gerbang.passports.center.pages import apply as pages_apply
from gerbang.passports.center.pages import change as pages_change
from gerbang.passports.center.pages import inbox as pages_inbox
from gerbang.passports.center.pages import officer as pages_officer
from gerbang.passports.center.pages import track as pages_track
from gerbang.passports.center.pages.auth import HOME, LOGIN, STATIC, Pages, SignedIn
from gerbang.passports.pages_common import clock_of, database_of, render
from gerbang.web import session_pages
from gerbang.web.errors import status_for
from gerbang.web.session_pages import form_key, on_refusal, safe_path
from gerbang.words import text

SESSION = timedelta(hours=8)  # a phone left somewhere signs itself out within a working day

router = APIRouter(tags=["passport pages"], include_in_schema=False, route_class=Pages)


@router.get(f"{STATIC}/htmx.min.js")
def htmx_script() -> Response:
    return session_pages.htmx_script()


TRACK_SCRIPT = resources.files("gerbang.passports").joinpath("templates", "paspor_track.js").read_bytes()


@router.get(f"{STATIC}/track.js")
def track_script() -> Response:
    """The tracking page's poller: at the pace the page asks, paused in a hidden tab, over once final."""
    return Response(
        TRACK_SCRIPT, media_type="text/javascript", headers={"Cache-Control": "public, max-age=3600"}
    )


@router.get(LOGIN, response_class=HTMLResponse)
def login_form(next: str = "") -> HTMLResponse:
    return render("paspor_login.html", mode="login", next=next if safe_path(next) else "", static=STATIC)


@router.post(LOGIN, response_model=None)
def login(
    request: Request,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Check the password, keep an 8-hour token in an HttpOnly cookie, and go on."""
    next = next if safe_path(next) else ""
    try:
        token = session_pages.start_session(
            database_of(request), clock_of(request), username=username, password=password,
            name="passport pages", valid_for=SESSION, address=session_pages.client_address(request),
        )  # fmt: skip
    except NotAuthenticated:
        return render(
            "paspor_login.html", 401, mode="login", next=next, username=username, static=STATIC,
            error=text("account.wrong_password"),
        )  # fmt: skip
    response = RedirectResponse(next or HOME, status_code=303)
    session_pages.set_session_cookie(request, response, token, SESSION)
    return response


@router.get("/passports/signup", response_class=HTMLResponse)
def signup_form() -> HTMLResponse:
    return render("paspor_login.html", mode="signup", next="", static=STATIC)


@router.post("/passports/signup", response_model=None)
def signup(
    request: Request,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    display_name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Open an applicant account (argon2-hashed password), then ask to sign in with it.

    A taken username gets the very same answer (and nothing happens), so sign-up never tells which
    usernames exist; the account's owner signs in as usual.
    """
    database, clock = database_of(request), clock_of(request)

    def again(exc: GerbangError) -> Response:
        return render(
            "paspor_login.html", status_for(exc), mode="signup", next="", static=STATIC, username=username,
            display_name=display_name, problems={exc.field or "username": exc.text()},
        )  # fmt: skip

    on_refusal(request, again)
    with database.transaction() as session:
        name = " ".join(display_name.split()) or None
        sign_ins.sign_up(session, username=username, password=password, display_name=name, at=clock.now())
    return render(
        "paspor_login.html",
        200,
        mode="login",
        next="",
        static=STATIC,
        username=username.strip().lower(),
        error=SIGNED_UP,
    )


SIGNED_UP = text("account.signed_up")


@router.post("/passports/logout")
def logout(request: Request) -> RedirectResponse:
    response = RedirectResponse(LOGIN, status_code=303)
    session_pages.end_session(request, response, database_of(request), clock_of(request))
    return response


@router.get(HOME, response_model=None)
def home(request: Request, principal: SignedIn) -> Response:
    """The applicant's applications, newest first; an officer goes to the console instead."""
    if applications.is_officer(principal):
        return RedirectResponse(pages_officer.CONSOLE, status_code=303)
    with database_of(request).transaction() as session:
        views = applications.list_applications(
            session, principal=principal, status=None, before=None, limit=50
        )
    return render("paspor_home.html", who=principal, key=form_key(request), items=views, static=STATIC)


for _module in (pages_apply, pages_track, pages_change, pages_inbox, pages_officer):
    router.include_router(_module.router)
