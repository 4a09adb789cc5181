"""Composition root of the status node: its own store, the monitor, subscribers, and the public page."""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import FastAPI

from gerbang.apps import metrics
from gerbang.infra.clock import SystemClock
from gerbang.infra.database import Database
from gerbang.infra.keyfile import write_private
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import Clock
from gerbang.kernel.errors import InvalidInput
from gerbang.status import audit_witness, pages
from gerbang.status import router as status_router
from gerbang.status.audit_witness import WITNESS_FILE, Witness
from gerbang.status.board import Board
from gerbang.status.domain import Rules, catalogue
from gerbang.status.monitor import Monitor
from gerbang.status.notify import Channels, Notifier
from gerbang.status.outages import OutageSender
from gerbang.status.probes import Prober, Targets
from gerbang.status.service import Context
from gerbang.status.settings import StatusSettings, load_status_settings
from gerbang.web import accounts_router
from gerbang.web.app import BackgroundLoop, build_app

KEY_FILE = "status.key"


def signing_key(data_dir: Path) -> bytes:
    """This node's key for unsubscribe links: made once, kept private, so old links keep working."""
    path = data_dir / KEY_FILE
    if not path.exists():
        write_private(path, secrets.token_bytes(32))
    return path.read_bytes()


def _loopback(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104 - mapping, not binding


def create_app(
    settings: Settings,
    *,
    status: StatusSettings | None = None,
    clock: Clock | None = None,
    database: Database | None = None,
    background: bool = True,
) -> FastAPI:
    """The status node's app: it watches the others from outside and tells the public what it sees."""
    if settings.role != "status":
        raise InvalidInput("status.wrong_role", field="role", role=settings.role)
    status = status or load_status_settings(settings.data_dir)
    clock = clock or SystemClock()
    database = database or Database(settings.effective_database_url, key_dir=settings.data_dir)
    try:
        timezone = ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("settings.unknown_zone", field="timezone", timezone=settings.timezone) from None
    own = f"http://{_loopback(settings.host)}:{settings.port}"
    public_url = (status.public_url or own).rstrip("/")
    board = Board(
        catalogue(
            checkpoints=[(c.name, c.site) for c in status.checkpoints],
            offices=[(o.name, o.site) for o in status.offices],
        )
    )
    rules = Rules(
        status.fail_after,
        status.recover_after,
        timedelta(seconds=status.update_interval_s),
        silence_for=timedelta(seconds=status.silence_for_s),
    )
    ctx = Context(board=board, rules=rules, timezone=timezone)
    key = signing_key(settings.data_dir)
    loops: list[BackgroundLoop] = []
    if background:
        targets = Targets(
            center_url=settings.center_url,
            node_key=settings.node_key,
            canary_path=status.center_canary_path,
            control_url=status.control_url or f"{own}/healthz",
            checkpoints=status.checkpoints,
            offices=status.offices,
            database_members=status.database_members,
        )
        prober = Prober(targets, timeout=status.probe_timeout_s)
        monitor = Monitor(
            database,
            clock,
            ctx,
            prober,
            interval=status.probe_interval_s,
            slow_after_s=status.slow_after_s,
            draining_window=status.draining_window,
            backup_max_age_s=status.backup_max_age_h * 3600,
        )
        channels = Channels(
            public_url,
            status.smtp_host,
            status.smtp_port,
            status.smtp_from,
            status.webhook_timeout_s,
            status.deliver_max_attempts,
            allow_private_webhooks=status.allow_private_webhooks,
        )
        notifier = Notifier(database, clock, channels, key=key)
        loops += [monitor.run, lambda stop: notifier.run(stop, interval=status.deliver_interval_s)]
        if settings.center_url and settings.node_key:
            sender = OutageSender(
                database,
                clock,
                center_url=settings.center_url,
                node_key=settings.node_key,
                timeout=status.probe_timeout_s * 3,
            )
            loops.append(sender.run)
            witness = Witness(
                settings.data_dir / WITNESS_FILE,
                center_urls=[u.strip() for u in settings.center_url.split(",") if u.strip()],
                node_key=settings.node_key,
                timeout=status.probe_timeout_s * 3,
            )
            loops.append(lambda stop: witness.run(stop, every=status.probe_interval_s))
    app = build_app(
        title="Gerbang status",
        description="The status node: watches every node from outside the center and tells the public.",
        database=database,
        clock=clock,
        background=loops,
        routers=[status_router.router, pages.router, accounts_router.router, audit_witness.router],
    )
    app.state.settings = settings
    app.state.status_context = ctx
    app.state.status_key = key
    app.state.audit_witness_file = settings.data_dir / WITNESS_FILE
    app.state.allow_private_webhooks = status.allow_private_webhooks
    app.state.status_public_url = public_url
    # Three missed rounds and the board no longer speaks for now: it reads as unknown, never green.
    app.state.status_stale_after = timedelta(seconds=status.probe_interval_s * 3 + status.probe_timeout_s)
    metrics.install(app.state.metrics, role="status", database=database, clock=clock)
    return app
