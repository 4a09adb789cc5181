"""What every signed-in page set shares: the session cookie, the form key, the guard, htmx and headers."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Coroutine
from datetime import timedelta
from importlib import resources
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool

from gerbang.infra import accounts
from gerbang.infra.accounts import Principal, create_token
from gerbang.infra.database import Database
from gerbang.infra.roles import Permission
from gerbang.infra.sign_in import Attempt, sign_in
from gerbang.kernel.clock import Clock
from gerbang.kernel.errors import GerbangError, NotAuthenticated, PermissionDenied
from gerbang.web.deps import TOKEN_COOKIE, current_principal_from_cookie_or_header
from gerbang.words import Text

# Personal data: never cached or framed; scripts only from this node (htmx), so nothing injected runs.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
}
HTMX_SCRIPT = resources.files("gerbang.web").joinpath("static", "htmx.min.js").read_bytes()


def rupiah(amount: int) -> str:
    """Whole rupiah the Indonesian way: Rp 1.650.000."""
    return "Rp " + f"{amount:,}".replace(",", ".")


def page_environment(package: str) -> Environment:
    """Templates of `package`, then the shared base and static files (inlined CSS), HTML-escaped."""
    environment = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader(package, "templates"),
                PackageLoader("gerbang.web", "templates"),
                PackageLoader("gerbang.web", "static"),
            ]
        ),
        autoescape=select_autoescape(["html"]),
    )
    environment.filters["rupiah"] = rupiah
    environment.filters["said"] = said
    return environment


def said(value: Text | GerbangError | str | None, first: str = "id") -> Markup:
    """A message in both languages: `first` as the text, the other beside it in its own `lang` span."""
    if isinstance(value, GerbangError):
        value = value.text()
    if not isinstance(value, Text):
        return escape(value or "")
    # The API's English starts in lower case ("wrong username or password"); a page starts a sentence.
    english = value.en[:1].upper() + value.en[1:]
    main, other, other_lang = (english, value.id, "id") if first == "en" else (value.id, english, "en")
    if main == other:
        return escape(main)
    return Markup('{} <span class="en" lang="{}">/ {}</span>').format(main, other_lang, other)


def htmx_script() -> Response:
    """The vendored htmx, served by the node itself: pages keep working when the internet does not."""
    return Response(
        HTMX_SCRIPT, media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"}
    )


def form_key(request: Request) -> str:
    """A per-session value forms must echo back: a cross-site page cannot read the cookie to forge it."""
    token = request.cookies.get(TOKEN_COOKIE, "")
    return hashlib.sha256(f"gerbang-form:{token}".encode()).hexdigest()[:32]


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def safe_path(path: str) -> bool:
    """Only a path on this site: never another host (//evil.example) after signing in."""
    return path.startswith("/") and not path.startswith(("//", "/\\"))


class SignInFirst(Exception):
    """No session: the page answers with the sign-in page, which comes back here afterwards."""

    def __init__(self, response: Response) -> None:
        super().__init__("sign in first")
        self.response = response


def signed_in(
    request: Request, *permissions: Permission, form: str | None = None, login: str = "/login"
) -> Principal:
    """The signed-in caller holding one of `permissions`.

    Raises SignInFirst (answered with the sign-in page) without a session, and PermissionDenied for a
    caller without the permission or a form without the session's form key; the page routes answer both.
    """
    try:
        principal = current_principal_from_cookie_or_header(request)
    except NotAuthenticated:
        back = (
            request.url.path
            if request.method == "GET"
            else urlsplit(request.headers.get("hx-current-url", "")).path
        )
        target = f"{login}?next={quote(back, safe='/')}" if safe_path(back) else login
        if is_htmx(request):  # htmx would swap a redirect's page into the panel; ask for a full load
            raise SignInFirst(Response(status_code=401, headers={"HX-Redirect": target})) from None
        raise SignInFirst(RedirectResponse(target, status_code=303)) from None
    if not principal.permissions & set(permissions):
        names = " or ".join(repr(p.value) for p in permissions)
        raise PermissionDenied("auth.page_permission", names=names)
    # A form posted with the cookie must carry the session's form key (cross-site request forgery).
    # Only a caller named by its own bearer token is spared it: any other Authorization header leaves
    # the cookie naming the caller, and a cross-site page can send such a header no more than a token.
    checked = form is not None and not _named_by_bearer(request)
    if checked and not hmac.compare_digest(form or "", form_key(request)):
        raise PermissionDenied("form.out_of_date")
    return principal


def client_address(request: Request) -> str | None:
    """The address a request came from, for counting failed sign-ins."""
    return request.client.host if request.client else None


def _named_by_bearer(request: Request) -> bool:
    # The same test current_principal_from_cookie_or_header makes before it falls back to the cookie.
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and bool(token.strip())


def guard(
    request: Request,
    *permissions: Permission,
    form: str | None = None,
    login: str = "/login",
    refuse: Callable[[Request, GerbangError], Response],
) -> Principal | Response:
    """The signed-in caller, or the page to answer instead, for a handler outside `page_routes`."""
    try:
        return signed_in(request, *permissions, form=form, login=login)
    except SignInFirst as exc:
        return exc.response
    except GerbangError as exc:
        return refuse(request, exc)


def on_refusal(request: Request, show: Callable[[GerbangError], Response]) -> None:
    """Answer a refusal raised later in this request with `show` (the form again, the problem beside
    its field) instead of the refusal page."""
    request.state.on_refusal = show


Refuse = Callable[[Request, GerbangError], Response]


def page_routes(refuse: Refuse) -> type[APIRoute]:
    """A route class for one set of pages: every GerbangError a page (or its dependencies) raises is
    answered in one place, as `refuse` renders it or as the page asked with `on_refusal`; a missing
    session is answered with the sign-in page."""

    class PageRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def page(request: Request) -> Response:
                try:
                    return await handler(request)
                except SignInFirst as exc:
                    return exc.response
                except GerbangError as exc:
                    show: Callable[[GerbangError], Response] | None = getattr(
                        request.state, "on_refusal", None
                    )
                    if show is None or isinstance(exc, PermissionDenied):
                        return refuse(request, exc)
                    try:  # the form again; it may hand the refusal back (raise) for the refusal page
                        # The form reads the database again: off the event loop, like the page itself.
                        return await run_in_threadpool(show, exc)
                    except GerbangError as passed:
                        return refuse(request, passed)

            return page

    return PageRoute


def language_of(request: Request) -> str:
    """The language a visitor chose for the pages ("id" until they choose "en"), remembered in a cookie."""
    return "en" if request.cookies.get(LANGUAGE_COOKIE) == "en" else "id"


LANGUAGE_COOKIE = "gerbang_lang"


def start_session(
    database: Database,
    clock: Clock,
    *,
    username: str,
    password: str,
    name: str,
    valid_for: timedelta,
    address: str | None = None,
) -> str:
    """Check the password and issue a token for the pages; raises NotAuthenticated on a wrong one.

    Failures count towards the lockout of the account and of `address`, and are audited.
    """
    account = sign_in(database, Attempt.of(username, address), password, at=clock.now())
    with database.transaction() as session:
        return create_token(
            session,
            account=account,
            name=name,
            actor=f"account:{account.username}",
            at=clock.now(),
            valid_for=valid_for,
        )


def set_session_cookie(request: Request, response: Response, token: str, valid_for: timedelta) -> None:
    # HttpOnly: no script reads it; SameSite=Strict: no other site's link or form sends it.
    response.set_cookie(
        TOKEN_COOKIE,
        token,
        max_age=int(valid_for.total_seconds()),
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def end_session(request: Request, response: Response, database: Database, clock: Clock) -> None:
    """Revoke the session's token at once and forget the cookie."""
    secret = request.cookies.get(TOKEN_COOKIE)
    if secret:
        with database.transaction() as session:
            accounts.revoke_token(session, secret, actor=None, at=clock.now())
    response.delete_cookie(TOKEN_COOKIE, path="/", httponly=True, samesite="strict")
