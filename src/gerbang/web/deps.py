"""FastAPI dependencies: the database session of a request and who is calling with what permission."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

import anyio.to_thread
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from gerbang.infra.accounts import Principal, cached_principal, resolve_bearer
from gerbang.infra.database import Database
from gerbang.infra.roles import Permission
from gerbang.infra.sign_in import record_bad_token
from gerbang.kernel.clock import Clock
from gerbang.kernel.errors import NotAuthenticated, PermissionDenied

_bearer = HTTPBearer(auto_error=False, description="An API token (gtk_…) or a node key (gnk_…).")


# Dependencies that only read app state are async: a sync one costs a hop to a worker thread and
# back on every request (see web/admission.py for why those hops matter).
async def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


async def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


def get_session(database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """One transaction per request: committed if the handler returns, rolled back if it raises."""
    with database.transaction() as session:
        yield session


# Scope "function": the transaction commits before the response leaves, so a client never sees a
# success that is not yet stored, and no lock is held while the response travels to a slow client.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
ClockDep = Annotated[Clock, Depends(get_clock)]


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    database: Annotated[Database, Depends(get_database)],
    clock: ClockDep,
) -> Principal:
    """The caller named by the bearer token; raises NotAuthenticated without a valid one."""
    if credentials is None:
        raise NotAuthenticated("auth.bearer_needed")
    at = clock.now()
    principal = cached_principal(credentials.credentials, at=at)
    if principal is not None:
        return principal
    # One hop to a worker thread, holding no lock while it waits for one.
    address = _address(request)
    return await anyio.to_thread.run_sync(_resolve, database, credentials.credentials, at, address)


def _address(request: Request) -> str | None:
    return request.client.host if request.client else None


def _resolve(database: Database, secret: str, at: datetime, address: str | None) -> Principal:
    # One statement of its own (no BEGIN and COMMIT on PostgreSQL): authentication must not share
    # the handler's unit of work.
    try:
        with database.single_reads() as session:
            return resolve_bearer(session, secret, at=at)
    except NotAuthenticated as refused:
        # An unknown, revoked or expired token is a failed sign-in too: audited in its own transaction.
        record_bad_token(database, secret=secret, reason=refused.reason, address=address, at=at)
        raise


@dataclass(frozen=True)
class Caller:
    """The caller of an endpoint that does all its database work in one worker-thread hop.

    Known already if its token was looked up a moment ago; otherwise `resolve` looks it up on that
    same thread, so the request makes one hop, not one for authentication and one for its work.
    """

    principal: Principal | None
    secret: str
    database: Database
    at: datetime
    permission: Permission
    address: str | None = None

    def resolve(self, session: Session | None = None) -> Principal:
        """Who is calling, with the permission checked; call it on the worker thread.

        With `session` (from `Database.single_reads`, say) the token is looked up on it, so a
        request that reads more on that session checks out one connection for all of it.
        """
        if self.principal is not None:
            principal = self.principal
        elif session is not None:
            try:
                principal = resolve_bearer(session, self.secret, at=self.at)
            except NotAuthenticated as refused:
                record_bad_token(
                    self.database, secret=self.secret, reason=refused.reason, address=self.address, at=self.at
                )
                raise
        else:
            principal = _resolve(self.database, self.secret, self.at, self.address)
        _check_permission(principal, self.permission)
        return principal


def caller_with(permission: Permission) -> Callable[..., Awaitable[Caller]]:
    """A dependency naming the caller, checked for `permission` now if cached, else by `Caller.resolve`."""

    async def _caller(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
        database: Annotated[Database, Depends(get_database)],
        clock: ClockDep,
    ) -> Caller:
        if credentials is None:
            raise NotAuthenticated("auth.bearer_needed")
        at = clock.now()
        principal = cached_principal(credentials.credentials, at=at)
        if principal is not None:
            _check_permission(principal, permission)
        return Caller(principal, credentials.credentials, database, at, permission, _address(request))

    return _caller


def _check_permission(principal: Principal, permission: Permission) -> None:
    if permission not in principal.permissions:
        raise PermissionDenied("auth.permission_needed", permission=permission.value)


def require(permission: Permission) -> Callable[..., Awaitable[Principal]]:
    """A dependency that lets the request through only if the caller holds `permission`."""

    async def _check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        _check_permission(principal, permission)
        return principal

    return _check


def require_any(*permissions: Permission) -> Callable[..., Awaitable[Principal]]:
    """A dependency that lets the request through if the caller holds at least one of `permissions`."""

    async def _check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if not principal.permissions & set(permissions):
            names = " or ".join(repr(p.value) for p in permissions)
            raise PermissionDenied("auth.permissions_needed", names=names)
        return principal

    return _check


TOKEN_COOKIE = "gerbang_token"  # noqa: S105  (the cookie's name, not a secret)


def current_principal_from_cookie_or_header(request: Request) -> Principal:
    """The caller named by an Authorization bearer header or, for pages a browser opens, the token cookie.

    Only for pages that read: a cookie is sent on any link to the site, so an action must never
    accept it (that would invite cross-site request forgery).
    """
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    secret = token.strip() if scheme.lower() == "bearer" else ""
    secret = secret or request.cookies.get(TOKEN_COOKIE, "")
    if not secret:
        raise NotAuthenticated("auth.sign_in_first", token_cookie=TOKEN_COOKIE)
    clock: Clock = request.app.state.clock
    at = clock.now()
    database: Database = request.app.state.database
    return cached_principal(secret, at=at) or _resolve(database, secret, at, _address(request))
