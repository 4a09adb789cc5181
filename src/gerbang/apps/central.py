"""Composition root of the central service: its database, clock and every center-side router."""

from __future__ import annotations

from fastapi import FastAPI

from gerbang.infra.clock import SystemClock
from gerbang.infra.database import Database
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import Clock
from gerbang.web import accounts_router
from gerbang.web.app import build_app


def create_app(
    settings: Settings, *, clock: Clock | None = None, database: Database | None = None
) -> FastAPI:
    """The central service's FastAPI app for `settings`."""
    database = database or Database(settings.effective_database_url)
    app = build_app(
        title="Gerbang central",
        description="The center: accounts, visas, passports, and what edges upload.",
        database=database,
        clock=clock or SystemClock(),
        routers=[accounts_router.router],
    )
    app.state.settings = settings
    return app
