"""Composition root of the central service: its database, clock, keys and every center-side router."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy.orm import Session

from gerbang.apps import metrics
from gerbang.border import center as border_center
from gerbang.border.center import delta_router as watchlist_delta_router
from gerbang.border.center import queues as national_queues
from gerbang.border.center import router as border_router
from gerbang.border.center.policy import policy_section
from gerbang.border.center.stays import load_or_create_secret, stays_key_section, stays_provider, track_stays
from gerbang.border.center.watchlist import CenterIndex, watchlist_section
from gerbang.border.center.watchlist_deltas import WatchlistDeltas
from gerbang.infra.backup.state import backup_summary, last_verified
from gerbang.infra.clock import SystemClock
from gerbang.infra.database import Database
from gerbang.infra.leases import Leases
from gerbang.infra.settings import Settings
from gerbang.infra.signing import KEY_SET_FILE, ensure_signing_keys, load_signer, read_key_set
from gerbang.kernel.clock import Clock
from gerbang.passports.center import router as passports_router
from gerbang.passports.center.clock.service_clock import service_clock_loop
from gerbang.passports.center.intake import feed as office_feed
from gerbang.passports.center.intake import ingest as office_ingest
from gerbang.passports.center.intake import router as office_center_router
from gerbang.passports.center.notices import router as passports_inbox
from gerbang.passports.center.notices.mailer import Mailer, Smtp
from gerbang.passports.center.pages import routes as passport_pages
from gerbang.passports.center.payments import callbacks as passport_payments
from gerbang.passports.center.payments import demo_bank
from gerbang.passports.office import reference as office_reference
from gerbang.sync.center import router as sync_router
from gerbang.sync.center.ingest import all_reviewers
from gerbang.sync.center.publisher import ReferencePublisher, StaysPublisher, only_for, own_site_for
from gerbang.visas.center import pages as visa_pages
from gerbang.visas.center import router as visas_router
from gerbang.visas.center.router import revocations_section
from gerbang.web import accounts_router, nodes_router
from gerbang.web.app import build_app
from gerbang.web.restore_hold import RestoreHold, held

REFERENCE_KEYS = Path("keys") / "reference"
VISA_KEYS = Path("keys") / "visas"
STAYS_KEYS = Path("keys") / "stays"


def key_paths(settings: Settings) -> dict[str, Path]:
    """The center's key directories: in --keys / GERBANG_KEYS_DIR when given, else DATA/keys."""
    root = settings.effective_keys_dir
    return {
        "reference": root / REFERENCE_KEYS.name,
        "visas": root / VISA_KEYS.name,
        "stays": root / STAYS_KEYS.name,
    }


def ensure_key_directory(directory: Path, clock: Clock) -> Path:
    """Create a signing key and its public key set on first start; keep them after that."""
    ensure_signing_keys(directory, at=clock.now())
    return directory


def visa_keys_section(directory: Path) -> Any:
    """The snapshot section with the visa public keys, so edges verify visas offline."""

    def provide(_session: Session, _at: Any) -> tuple[str, Any]:
        keys = read_key_set(directory / KEY_SET_FILE) if (directory / KEY_SET_FILE).exists() else None
        return "visa_keys", keys.to_json() if keys else None

    return provide


def background_work(settings: Settings, database: Database, clock: Clock, leases: Leases) -> list[Any]:
    """The center's background loops, each run by one process of the cluster (the lease keeper by all)."""
    mailer = Mailer(database, clock, Smtp(settings.smtp_host, settings.smtp_port, settings.smtp_from))
    return [
        leases.run,
        leases.guard("office-feed", office_feed.refresh_loop(database, clock)),
        leases.guard("service-clock", service_clock_loop(database, clock, every=settings.service_clock_s)),
        leases.guard("mailer", lambda stop: mailer.run(stop, every=settings.mailer_every_s)),
    ]


def create_app(
    settings: Settings, *, clock: Clock | None = None, database: Database | None = None
) -> FastAPI:
    """The central service's FastAPI app for `settings`."""
    clock = clock or SystemClock()
    database = database or Database(
        settings.effective_database_url,
        key_dir=settings.data_dir,
        audit_key_file=settings.effective_keys_dir / "audit.key",
    )
    # Every center process asks for every background job; PostgreSQL gives each to one process at a time.
    leases = Leases.for_url(database.url)
    # Keys live in their own directory (--keys), which every site holds a copy of; see key_paths.
    keys = key_paths(settings)
    reference_keys = ensure_key_directory(keys["reference"], clock)
    visa_keys = ensure_key_directory(keys["visas"], clock)
    app = build_app(
        title="Gerbang central",
        description="The center: accounts, visas, passports, and what edges upload.",
        database=database,
        clock=clock,
        routers=[
            accounts_router.router,
            nodes_router.router,
            sync_router.router,
            border_router.router,
            watchlist_delta_router.router,
            national_queues.router,
            visas_router.router,
            passports_router.router,
            passports_inbox.router,
            office_center_router.router,
            visa_pages.router,
            passport_pages.router,
        ],
        # After a restore nothing runs or is served until `gerbang backup verify --restored` passes.
        background=held(settings.data_dir, background_work(settings, database, clock, leases)),
    )
    app.add_middleware(RestoreHold, data_dir=settings.data_dir)
    app.state.readiness = lambda: backup_summary(settings.data_dir, clock.now())
    app.state.leases = leases
    app.state.settings = settings
    app.state.visa_keys = visa_keys
    app.state.payment_secret = passport_payments.load_or_create_secret(
        settings.data_dir, settings.payment_callback_secret, keys_dir=settings.keys_dir
    )
    app.state.demo_bank = settings.demo_bank
    if settings.demo_bank:  # the demo platform only: a simulated bank that pays through the real callback
        app.include_router(demo_bank.router)
    app.state.ingest_handlers = {
        "crossing": border_center.ingest_crossings,
        "queue_figures": national_queues.ingest_figures,
        **office_ingest.HANDLERS,
    }
    # What each node role may upload (sync/center/router.py): its own record types and nothing else.
    app.state.ingest_roles = {
        "node-checkpoint": frozenset({"crossing", "queue_figures"}),
        "node-office": frozenset(office_ingest.HANDLERS),
    }
    app.state.ingest_reviewers = {
        "crossing": all_reviewers(border_center.OfflineRescreener(CenterIndex()), track_stays)
    }
    signer = load_signer(reference_keys)
    stays_secret = load_or_create_secret(keys["stays"])
    app.state.reference_publisher = ReferencePublisher(
        signer,
        [
            watchlist_section,
            visa_keys_section(visa_keys),
            revocations_section(visa_keys),
            policy_section,
            stays_key_section(stays_secret),
            office_feed.office_section,
        ],
        reuse_for=timedelta(seconds=30),
        # Checkpoints get what they decide with; an office gets its own appointments and nothing else.
        scopes={
            "watchlist": only_for("checkpoint"),
            "visa_keys": only_for("checkpoint"),
            "visa_revocations": only_for("checkpoint"),
            "border_policy": only_for("checkpoint"),
            "stays_key": only_for("checkpoint"),
            office_reference.SECTION: own_site_for("office"),
        },
    )
    # Checkpoints ask for what changed in the watchlist since their version before the whole snapshot.
    app.state.watchlist_deltas = WatchlistDeltas(signer, app.state.reference_publisher)
    # Foreigners' stays change with every upload, so they travel apart from the snapshot.
    app.state.stays_publisher = StaysPublisher(signer, stays_provider(stays_secret))
    metrics.install(
        app.state.metrics,
        role="central",
        database=database,
        clock=clock,
        ages={"gerbang_backup_verified_age_seconds": lambda: _verified_backup_taken(settings.data_dir)},
    )
    return app


def _verified_backup_taken(data_dir: Path) -> datetime | None:
    """When the newest backup that passed verification was taken (None: no backup verified yet)."""
    verified = last_verified(data_dir)
    return datetime.fromisoformat(verified["backup_created_at"]) if verified else None
