"""Composition root of an edge node: its own store, the reference data it decides with, and its uploader."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import FastAPI

from gerbang.apps import metrics
from gerbang.apps.edge_office import create_office_app
from gerbang.border import pages as border_pages
from gerbang.border import queue_pages
from gerbang.border import router as border_router
from gerbang.border.domain import LaneKind
from gerbang.border.queue_upload import figures_loop
from gerbang.border.reference_deltas import DELTAS_FILE, ViewDeltas
from gerbang.border.reference_view import ReferenceHolder, empty_view, view_from_snapshot
from gerbang.border.service import Checkpoint
from gerbang.infra.clock import SystemClock
from gerbang.infra.database import Database
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import Clock
from gerbang.kernel.errors import InvalidInput
from gerbang.kernel.signed import KeySet
from gerbang.sync.edge.reference_store import ReferenceStore, Snapshot
from gerbang.sync.edge.runtime import edge_loops, install_kept_snapshot, load_kept_stays
from gerbang.sync.edge.stays import StaysStore
from gerbang.sync.edge.uploader import Contact
from gerbang.web import accounts_router
from gerbang.web.app import BackgroundLoop, build_app


def parse_lanes(spec: str) -> dict[str, LaneKind]:
    """Lanes from 'C1:counter,A1:autogate'; a bad item is named."""
    lanes: dict[str, LaneKind] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, _, kind = item.partition(":")
        try:
            lanes[name.strip()] = LaneKind(kind.strip())
        except ValueError:
            raise InvalidInput("lane.bad_spec", field="lanes", item=item) from None
    if not lanes:
        raise InvalidInput("lane.none_configured", field="lanes")
    return lanes


def read_trust(settings: Settings) -> KeySet:
    """The center's reference public keys, installed when the node was enrolled."""
    path = settings.effective_trust_file
    if not path.is_file():
        raise InvalidInput("edge.no_center_keys", path=path)
    return KeySet.loads(path.read_bytes())


def create_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    database: Database | None = None,
    background: bool = True,
) -> FastAPI:
    """An edge node's app: it decides on local data; the center is reached only in the background."""
    if settings.role not in ("checkpoint", "office"):
        raise InvalidInput("edge.bad_role", field="role", role=settings.role)
    clock = clock or SystemClock()
    database = database or Database(settings.effective_database_url, key_dir=settings.data_dir)
    try:
        timezone = ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("settings.unknown_zone", field="timezone", timezone=settings.timezone) from None
    store_dir = settings.data_dir / "reference"
    store = ReferenceStore(store_dir, read_trust(settings))
    if settings.role == "office":
        return create_office_app(
            settings, clock=clock, database=database, timezone=timezone, store=store, background=background
        )
    holder = ReferenceHolder(empty_view())

    def install(snapshot: Snapshot) -> None:
        holder.replace(view_from_snapshot(snapshot, at=clock.now()))

    install_kept_snapshot(store, clock, install)
    deltas = ViewDeltas(
        holder, store, database, actor=f"node:{settings.node_name}", kept=store_dir / DELTAS_FILE
    )
    deltas.replay_kept(at=clock.now())
    stays = StaysStore(settings.data_dir / "reference", store.trust)
    load_kept_stays(stays, clock)

    contact = Contact()
    checkpoint = Checkpoint(
        node=settings.node_name,
        site=settings.site or settings.node_name,
        lanes=parse_lanes(settings.lanes),
        timezone=timezone,
        database=database,
        clock=clock,
        reference=holder,
        contact=contact,
        stays=stays,
        snapshots=store,
        max_reference_age=timedelta(hours=settings.max_reference_age_h),
    )
    loops: list[BackgroundLoop] = []
    if background:
        loops += edge_loops(
            settings,
            database=database,
            clock=clock,
            store=store,
            contact=contact,
            install=install,
            stays=stays,
            deltas=deltas,
        )
        loops.append(figures_loop(checkpoint))
    app = build_app(
        title=f"Gerbang checkpoint {checkpoint.site}",
        description="A checkpoint: decides on its own signed data and uploads when the center answers.",
        database=database,
        clock=clock,
        background=loops,
        routers=[
            border_router.router,
            accounts_router.router,
            border_pages.router,
            queue_pages.router,
            queue_pages.api,
        ],
    )
    app.state.settings = settings
    app.state.checkpoint = checkpoint
    metrics.install(
        app.state.metrics,
        role="checkpoint",
        database=database,
        clock=clock,
        ages={"gerbang_reference_confirmed_age_seconds": lambda: _confirmed(checkpoint, clock)},
    )
    return app


def _confirmed(checkpoint: Checkpoint, clock: Clock) -> datetime | None:
    age = checkpoint.reference_age(clock.now())
    return age.checked_at if age else None
