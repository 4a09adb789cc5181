"""What every Gerbang node's web app has: error mapping, health and readiness, its database and clock."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy import text

import gerbang
from gerbang.infra import audit_heads, migrate
from gerbang.infra.database import Database
from gerbang.kernel.clock import Clock
from gerbang.web import observe
from gerbang.web.admission import Admission
from gerbang.web.errors import install_error_handlers
from gerbang.web.limits import BodyLimits, Limits
from gerbang.web.observe import NodeMetrics, Observed

# A loop that runs beside the web server until its event is set (uploads, polling, probes).
BackgroundLoop = Callable[[threading.Event], None]

# Requests served at once; more wait their turn on the event loop (see web/admission.py). Matches the
# database pool (infra/database.py), so an admitted request never waits for a connection either.
REQUESTS_AT_ONCE = 32


def build_app(
    *,
    title: str,
    database: Database,
    clock: Clock,
    routers: Iterable[APIRouter],
    description: str = "",
    background: Iterable[BackgroundLoop] = (),
    limits: Limits | None = None,
) -> FastAPI:
    """A FastAPI app with Gerbang's error mapping, /healthz, /readyz, the routers and background loops."""
    # Every node publishes its audit head outside its database (infra/audit_heads.py).
    loops = [*background, audit_heads.publish_loop(database, clock)]

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        threads = [threading.Thread(target=loop, args=(stop,), daemon=True) for loop in loops]
        for thread in threads:
            thread.start()
        yield
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
        database.dispose()

    app = FastAPI(title=title, description=description, version=gerbang.__version__, lifespan=lifespan)
    app.state.database = database
    app.state.clock = clock
    install_error_handlers(app)
    # Liveness skips the queue: under a burst it still answers at once, which is what a monitor asks.
    app.add_middleware(
        Admission, limit=REQUESTS_AT_ONCE, exempt=frozenset({"/healthz"}), fail_fast=frozenset({"/readyz"})
    )
    # Added last, so it runs first: a body is read (under a deadline and a size limit) before admission.
    app.add_middleware(BodyLimits, limits=limits)
    # Outermost of all: every request gets its id and is measured, refusals included.
    app.state.metrics = NodeMetrics(title)
    app.add_middleware(Observed, metrics=app.state.metrics)
    # Pages, htmx and JSON go gzipped to a client that asks (a status page: 48 KB becomes 4 KB);
    # under 1 KB the header costs about what it saves.
    app.add_middleware(GZipMiddleware, minimum_size=1024)

    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        """The process is alive and serving."""
        return {"status": "alive"}

    @app.get("/readyz", tags=["health"], response_model=None)
    def readyz() -> JSONResponse:
        """The database answers and its schema is at the newest migration."""
        try:
            with database.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
                # A standby (a replica, the other site before promotion) answers but cannot write;
                # edges that know several centers pick one that can.
                writable = (
                    database.is_sqlite or not connection.execute(text("SELECT pg_is_in_recovery()")).scalar()
                )
            migrated = migrate.is_up_to_date(database.engine, database.url)
        except Exception as exc:  # any driver error means "not ready", never a 500
            return JSONResponse(
                {"status": "not ready", "database": "unreachable", "reason": type(exc).__name__},
                status_code=503,
            )
        if not migrated:
            return JSONResponse({"status": "not ready", "database": "not migrated"}, status_code=503)
        # A node may add what a monitor should see (the center: its last verified backup).
        extra = getattr(app.state, "readiness", None)
        ready = {"status": "ready", "database": "ok", "writable": bool(writable)}
        return JSONResponse({**ready, **(extra() if extra else {})})

    for router in [*routers, observe.router]:
        app.include_router(router)
    return app
