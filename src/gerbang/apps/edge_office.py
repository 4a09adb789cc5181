"""Wiring of an edge node in the role office: its appointment data, uploader and office routes."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from fastapi import FastAPI

from gerbang.apps import metrics
from gerbang.infra.database import Database
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import Clock
from gerbang.passports.office import pages as pages_office
from gerbang.passports.office import router as office_router
from gerbang.passports.office.reference import (
    OfficeReferenceHolder,
    empty_office_view,
    office_view_from_snapshot,
)
from gerbang.passports.office.service import Office
from gerbang.sync.edge.reference_store import ReferenceStore, Snapshot
from gerbang.sync.edge.runtime import edge_loops, install_kept_snapshot
from gerbang.sync.edge.uploader import Contact
from gerbang.web import accounts_router
from gerbang.web.app import BackgroundLoop, build_app


def create_office_app(
    settings: Settings,
    *,
    clock: Clock,
    database: Database,
    timezone: ZoneInfo,
    store: ReferenceStore,
    background: bool,
) -> FastAPI:
    """A passport office: works from its own signed data; the center is reached in the background."""
    site = (settings.site or settings.node_name).upper()
    holder = OfficeReferenceHolder(empty_office_view(site))

    def install(snapshot: Snapshot) -> None:
        holder.replace(office_view_from_snapshot(snapshot, site=site))

    install_kept_snapshot(store, clock, install)

    contact = Contact()
    office = Office(
        node=settings.node_name,
        site=site,
        timezone=timezone,
        database=database,
        clock=clock,
        reference=holder,
        contact=contact,
        max_reference_age=timedelta(hours=settings.max_reference_age_h),
        snapshots=store,
    )
    loops: list[BackgroundLoop] = []
    if background:
        loops += edge_loops(
            settings, database=database, clock=clock, store=store, contact=contact, install=install
        )
    app = build_app(
        title=f"Gerbang passport office {site}",
        description="A passport office: interviews and hand-overs offline, uploaded when the center answers.",
        database=database,
        clock=clock,
        background=loops,
        routers=[office_router.router, accounts_router.router, pages_office.router],
    )
    app.state.settings = settings
    app.state.office = office
    metrics.install(app.state.metrics, role="office", database=database, clock=clock)
    return app
