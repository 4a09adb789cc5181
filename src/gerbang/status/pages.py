"""The public status page (no JavaScript), the Atom feed, and one-click unsubscribe."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import GerbangError
from gerbang.status import feed, subscribers, views
from gerbang.status.domain import State
from gerbang.status.domain.history import label, notable
from gerbang.status.i18n import TEXTS, choose_language
from gerbang.status.router import context, public_url, stale_after
from gerbang.web.deps import ClockDep, SessionDep
from gerbang.web.errors import status_for

router = APIRouter(tags=["status pages"])

_environment = Environment(
    loader=ChoiceLoader(
        [
            PackageLoader("gerbang.status", "templates"),
            PackageLoader("gerbang.web", "templates"),
            PackageLoader("gerbang.web", "static"),
        ]
    ),
    autoescape=select_autoescape(["html"]),
)
# Scripts are not needed and not allowed: the page must work where JavaScript does not.
_HEADERS = {
    "Cache-Control": "no-cache",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
}
SYMBOL = {
    None: "·",
    "operational": "✓",
    "degraded": "!",
    "partial_outage": "◐",
    "major_outage": "✕",
    "unknown": "?",
}


def _local(request: Request, moment: str | datetime | None) -> str:
    if moment is None:
        return ""
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    ctx = context(request)
    return f"{as_utc(value).astimezone(ctx.timezone):%Y-%m-%d %H:%M} {ctx.zone_label}"


@router.get("/", response_class=HTMLResponse)
def status_page(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    lang: Annotated[str | None, Query(max_length=5)] = None,
) -> HTMLResponse:
    """Every component now and over 90 days, open incidents first, then maintenance and past incidents."""
    language = choose_language(lang, request.headers.get("accept-language", ""))
    ctx, now = context(request), clock.now()
    summary = views.public_status(session, ctx, now=now, lang=language, stale_after=stale_after(request))
    history = views.history(session, ctx, today=now.astimezone(ctx.timezone).date())
    html = _environment.get_template("status_page.html").render(
        t=TEXTS[language],
        lang=language,
        summary=summary,
        history=history,
        symbol=SYMBOL,
        label=lambda state: label(State(state) if state else None, language),
        notable=notable,
        local=lambda moment: _local(request, moment),
        ongoing=[i for i in summary["incidents"] if i["state"] == "open"],
        past=[i for i in summary["incidents"] if i["state"] != "open"],
        maintenance=[m for m in summary["maintenance"] if m["state"] != "completed"],
        subscribed=request.query_params.get("subscribed") == "1",
    )
    return HTMLResponse(html, headers={**_HEADERS, "Content-Language": language})


@router.get("/feed.atom")
def atom_feed(request: Request, session: SessionDep, clock: ClockDep) -> Response:
    """Every update of the last 90 days as Atom 1.0, newest first."""
    ctx, now = context(request), clock.now()
    summary = views.public_status(session, ctx, now=now, lang="en", stale_after=stale_after(request))
    base = public_url(request)
    body = feed.atom(base_url=base, feed_id=f"{base}/feed.atom", incidents=summary["incidents"], now=now)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.post("/subscribe", response_class=HTMLResponse)
def subscribe_form(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    email: Annotated[str, Form(max_length=500)] = "",
    lang: Annotated[str, Form(max_length=5)] = "id",
) -> Response:
    """The page's email form: subscribe, then back to the page with a note (works without JavaScript)."""
    language = choose_language(lang, "")
    try:
        subscribers.subscribe(
            session, kind="email", address=email, key=request.app.state.status_key, at=clock.now()
        )
    except GerbangError as exc:
        return _message(language, TEXTS[language]["subscribe_failed"], exc.said_in(language), status_for(exc))
    return Response(status_code=303, headers={"Location": f"/?lang={language}&subscribed=1#subscribe"})


@router.api_route("/unsubscribe", methods=["GET", "POST"], response_class=HTMLResponse)
def unsubscribe(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    token: Annotated[str, Query(max_length=300)] = "",
    lang: Annotated[str | None, Query(max_length=5)] = None,
) -> HTMLResponse:
    """One click from an email or a webhook body: no sign-in, the signed token says who."""
    language = choose_language(lang, request.headers.get("accept-language", ""))
    try:
        subscribers.unsubscribe(session, token=token, key=request.app.state.status_key, at=clock.now())
    except GerbangError as exc:
        return _message(
            language, TEXTS[language]["unsubscribe_failed"], exc.said_in(language), status_for(exc)
        )
    return _message(language, TEXTS[language]["unsubscribed"], TEXTS[language]["unsubscribed_more"], 200)


_CONFIRMED = {
    "id": ("Langganan dikonfirmasi", "Kabar status Gerbang akan dikirim ke alamat ini."),
    "en": ("Subscription confirmed", "Gerbang status news will be sent to this address."),
}


@router.get("/confirm", response_class=HTMLResponse)
def confirm(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    token: Annotated[str, Query(max_length=300)] = "",
    lang: Annotated[str | None, Query(max_length=5)] = None,
) -> HTMLResponse:
    """The link of a confirmation email: from now on this address hears of every update."""
    language = choose_language(lang, request.headers.get("accept-language", ""))
    try:
        subscribers.confirm(session, token=token, key=request.app.state.status_key, at=clock.now())
    except GerbangError as exc:
        return _message(language, TEXTS[language]["subscribe_failed"], exc.said_in(language), status_for(exc))
    title, text = _CONFIRMED["en" if language == "en" else "id"]
    return _message(language, title, text, 200)


def _message(language: str, title: str, text: str, status: int) -> HTMLResponse:
    html = _environment.get_template("status_message.html").render(
        t=TEXTS[language], lang=language, title=title, text=text
    )
    return HTMLResponse(html, status_code=status, headers=_HEADERS)
