"""The one mapping from failures to HTTP: a GerbangError is a 4xx with a message, never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from gerbang import words
from gerbang.infra.sign_in import TooManyAttempts
from gerbang.kernel import errors

log = logging.getLogger("gerbang.web")

STATUS_BY_ERROR: list[tuple[type[errors.GerbangError], int]] = [
    # Most specific first: MalformedInput is an InvalidInput.
    (errors.MalformedInput, 400),
    (errors.InvalidInput, 422),
    (errors.NotFound, 404),
    (errors.Conflict, 409),
    (TooManyAttempts, 429),
    (errors.NotAuthenticated, 401),
    (errors.PermissionDenied, 403),
    (errors.Unavailable, 503),
    (errors.IntegrityViolation, 409),
]


def status_for(error: errors.GerbangError) -> int:
    """The HTTP status for a failure."""
    for kind, status in STATUS_BY_ERROR:
        if isinstance(error, kind):
            return status
    return 400


def error_body(code: str, reason: str, field: str | None = None, **params: Any) -> dict[str, str | None]:
    """The JSON of a failure: its code, its reason key, the English message from the catalogue, the field."""
    return {"error": code, "reason": reason, "message": words.say(reason, "en", **params), "field": field}


def _field_path(location: tuple[int | str, ...]) -> str | None:
    # Drop the leading "body"/"query"/"path" so the field reads as the client wrote it.
    parts = [str(p) for p in location[1:]] if len(location) > 1 else [str(p) for p in location]
    return ".".join(parts) or None


# PostgreSQL's "cannot execute ... in a read-only transaction": a session on a server that is not primary.
READ_ONLY_SQLSTATE = "25006"


def switching_primary(exc: DBAPIError) -> bool:
    """True for a failure that a primary change causes: a lost connection or a server now read-only."""
    if exc.connection_invalidated or isinstance(exc, (OperationalError, InterfaceError)):
        return True
    return getattr(exc.orig, "sqlstate", None) == READ_ONLY_SQLSTATE


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on `app`."""

    @app.exception_handler(errors.GerbangError)
    async def _gerbang_error(_request: Request, exc: errors.GerbangError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, errors.NotAuthenticated) else None
        return JSONResponse(exc.to_dict(), status_code=status_for(exc), headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = exc.errors()
        first = problems[0] if problems else {"loc": (), "msg": "invalid request"}
        if first.get("type") == "json_invalid":
            where = first.get("loc", ("body", 0))[-1]
            context = first.get("ctx")
            problem = context.get("error", "invalid JSON") if isinstance(context, dict) else "invalid JSON"
            body = error_body("invalid_request", "request.not_json", problem=problem, where=where)
            return JSONResponse(body, status_code=400)
        field = _field_path(tuple(first.get("loc", ())))
        more = len(problems) - 1
        reason = "request.field_problem" if field else "request.problem"
        if more:
            reason += "s" if more > 1 else "_and_one"
        body = error_body("invalid_request", reason, field, what=field, problem=first["msg"], more=more)
        body["problems"] = [  # type: ignore[assignment]
            {"field": _field_path(tuple(p.get("loc", ()))), "message": p["msg"]} for p in problems
        ]
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 401: "not_authenticated"}.get(
            exc.status_code, "http_error"
        )
        body = error_body(code, "request.http", detail=str(exc.detail))
        return JSONResponse(body, status_code=exc.status_code)

    @app.exception_handler(OperationalError)
    @app.exception_handler(PoolTimeoutError)
    async def _database_unavailable(
        request: Request, exc: OperationalError | PoolTimeoutError
    ) -> JSONResponse:
        # A locked (SQLite, under a burst) or unreachable database is ours to fix, not the client's:
        # say so with a 503 and when to retry, never a 500.
        busy = isinstance(exc, PoolTimeoutError) or "locked" in str(exc.orig).lower()
        log.warning(
            "database %s on %s %s", "busy" if busy else "unavailable", request.method, request.url.path
        )
        body = error_body("unavailable", "request.busy" if busy else "request.database_unavailable")
        return JSONResponse(body, status_code=503, headers={"Retry-After": "1"})

    @app.exception_handler(DBAPIError)
    async def _database_switching(request: Request, exc: DBAPIError) -> JSONResponse:
        # While the primary changes, a kept connection may be closed under us, or reach a server that
        # is now read-only (SQLSTATE 25006): the write can be retried in seconds, so 503, never a 500.
        if not switching_primary(exc):
            return await _unexpected(request, exc)
        log.warning("database primary changing on %s %s", request.method, request.url.path)
        body = error_body("unavailable", "request.primary_changing")
        return JSONResponse(body, status_code=503, headers={"Retry-After": "2"})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Log the type and route only: a request may carry personal data, so never its body.
        log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return JSONResponse(
            error_body("internal_error", "request.internal"),
            status_code=500,
        )
