"""The public status page (works without scripts; htmx refreshes its status part), feed, unsubscribe."""

from __future__ import annotations

from datetime import datetime, timedelta
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from gerbang import words
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import GerbangError
from gerbang.status import feed, subscribers, views
from gerbang.status.domain import State
from gerbang.status.domain.components import SEVERITY
from gerbang.status.domain.history import label, notable, shown_percent
from gerbang.status.i18n import TEXTS, choose_language
from gerbang.status.router import context, public_url, stale_after
from gerbang.web.deps import ClockDep, SessionDep
from gerbang.web.errors import status_for
from gerbang.web.session_pages import htmx_script
from gerbang.words.phrases import day_in, joined, moment_in, span_in

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
# The page works without scripts; with them, only this node's own (htmx and the refresh guard) run.
_HEADERS = {
    "Cache-Control": "no-cache",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; "
        "form-action 'self'; frame-ancestors 'none'"
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


STATUS_SCRIPT = resources.files("gerbang.status").joinpath("templates", "status.js").read_bytes()


def _local(request: Request, moment: str | datetime | None, language: str) -> str:
    if moment is None:
        return ""
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    ctx = context(request)
    return moment_in(as_utc(value).astimezone(ctx.timezone), language, ctx.zone_label)


def _uptime(history: views.History, *, round_seconds: float, language: str) -> str:
    """ "99,9% berjalan selama 2 jam diamati": the share, and only over the time the monitor saw."""
    if history.uptime is None:
        return TEXTS[language]["no_data"]
    span = span_in(timedelta(seconds=history.observed_rounds * round_seconds), language)
    return words.say(
        "status_page.uptime_observed", language, percent=shown_percent(history.uptime), span=span
    )


def _page_context(request: Request, session: SessionDep, now: datetime, language: str) -> dict[str, Any]:
    """What both the page and its refreshed status part show."""
    ctx = context(request)
    summary = views.public_status(session, ctx, now=now, lang=language, stale_after=stale_after(request))
    history = views.history(session, ctx, today=now.astimezone(ctx.timezone).date())
    ongoing = [i for i in summary["incidents"] if i["state"] == "open"]
    in_incident = {c for i in ongoing for c in i["components"]}
    headline = summary["overall"]
    if headline == State.OPERATIONAL.value and ongoing:
        # The probes see everything working, yet an incident is still open: never say "all normal".
        headline = "incident"
    names = {c["id"]: c["name"] for c in summary["components"]}

    def earlier(component: dict[str, Any]) -> str:
        """Today's worse moment, when the row's state now differs from its day bar's last cell."""
        today = history[component["id"]].cells[-1].state
        if today is None or SEVERITY[today] <= SEVERITY[State(component["state"])]:
            return ""
        return words.say("status_page.earlier_today", language, state=label(today, language))

    return {
        "t": TEXTS[language],
        "lang": language,
        "summary": summary,
        "headline": headline,
        "history": history,
        "symbol": SYMBOL,
        "label": lambda state: label(State(state) if state else None, language),
        "notable": notable,
        "local": lambda moment: _local(request, moment, language),
        "day": lambda value: day_in(value, language),
        "uptime": lambda h: _uptime(h, round_seconds=ctx.board.round_seconds, language=language),
        "names": lambda ids: joined([names.get(i, i) for i in ids], language),
        "earlier": earlier,
        "in_incident": in_incident,
        "ongoing": ongoing,
        "past": [i for i in summary["incidents"] if i["state"] != "open"],
        "maintenance": [m for m in summary["maintenance"] if m["state"] != "completed"],
    }


@router.get("/", response_class=HTMLResponse)
def status_page(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    lang: Annotated[str | None, Query(max_length=5)] = None,
) -> HTMLResponse:
    """Every component now and over 90 days, open incidents first, then maintenance and past incidents."""
    language = choose_language(lang, request.headers.get("accept-language", ""))
    page = _page_context(request, session, clock.now(), language)
    html = _environment.get_template("status_page.html").render(
        **page, subscribed=request.query_params.get("subscribed") == "1"
    )
    return HTMLResponse(html, headers={**_HEADERS, "Content-Language": language})


@router.get("/live", response_class=HTMLResponse)
def status_part(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    lang: Annotated[str | None, Query(max_length=5)] = None,
) -> HTMLResponse:
    """The status part alone, for htmx to swap in: the headline (out of band) and what follows it."""
    language = choose_language(lang, request.headers.get("accept-language", ""))
    page = _page_context(request, session, clock.now(), language)
    html = _environment.get_template("status_live.html").render(**page, oob=True)
    return HTMLResponse(html, headers={**_HEADERS, "Content-Language": language})


@router.get("/static/htmx.min.js", include_in_schema=False)
def htmx() -> Response:
    return htmx_script()


@router.get("/static/status.js", include_in_schema=False)
def status_script() -> Response:
    """Keeps the refresh away from a visitor who is typing or not looking."""
    return Response(
        STATUS_SCRIPT, media_type="text/javascript", headers={"Cache-Control": "public, max-age=3600"}
    )


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
