"""What every signed-in page set shares: the session cookie, the form key, the guard, htmx and headers."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from datetime import timedelta
from importlib import resources
from urllib.parse import quote, urlsplit

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from gerbang.infra import accounts
from gerbang.infra.accounts import Principal, create_token
from gerbang.infra.database import Database
from gerbang.infra.roles import Permission
from gerbang.infra.sign_in import Attempt, sign_in
from gerbang.kernel.clock import Clock
from gerbang.kernel.errors import GerbangError, NotAuthenticated, PermissionDenied
from gerbang.web.deps import TOKEN_COOKIE, current_principal_from_cookie_or_header

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
    return environment


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


def guard(
    request: Request,
    *permissions: Permission,
    form: str | None = None,
    login: str = "/login",
    refuse: Callable[[Request, GerbangError], Response],
) -> Principal | Response:
    """The signed-in caller holding one of `permissions`, or the page to answer instead (sign in, refusal)."""
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
            return Response(status_code=401, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    if not principal.permissions & set(permissions):
        names = " or ".join(repr(p.value) for p in permissions)
        return refuse(request, PermissionDenied("auth.page_permission", names=names))
    # A form posted with the cookie must carry the session's form key (cross-site request forgery).
    # Only a caller named by its own bearer token is spared it: any other Authorization header leaves
    # the cookie naming the caller, and a cross-site page can send such a header no more than a token.
    checked = form is not None and not _named_by_bearer(request)
    if checked and not hmac.compare_digest(form or "", form_key(request)):
        return refuse(request, PermissionDenied("form.out_of_date"))
    return principal


def client_address(request: Request) -> str | None:
    """The address a request came from, for counting failed sign-ins."""
    return request.client.host if request.client else None


def _named_by_bearer(request: Request) -> bool:
    # The same test current_principal_from_cookie_or_header makes before it falls back to the cookie.
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and bool(token.strip())


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
            session, account=account, name=name, actor=f"account:{account.username}",
            at=clock.now(), valid_for=valid_for,
        )  # fmt: skip


def set_session_cookie(request: Request, response: Response, token: str, valid_for: timedelta) -> None:
    # HttpOnly: no script reads it; SameSite=Strict: no other site's link or form sends it.
    response.set_cookie(
        TOKEN_COOKIE, token, max_age=int(valid_for.total_seconds()), path="/", httponly=True,
        samesite="strict", secure=request.url.scheme == "https",
    )  # fmt: skip


def end_session(request: Request, response: Response, database: Database, clock: Clock) -> None:
    """Revoke the session's token at once and forget the cookie."""
    secret = request.cookies.get(TOKEN_COOKIE)
    if secret:
        with database.transaction() as session:
            accounts.revoke_token(session, secret, actor="session:logout", at=clock.now())
    response.delete_cookie(TOKEN_COOKIE, path="/", httponly=True, samesite="strict")
