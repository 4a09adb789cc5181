"""What every edge node runs besides its routes: the kept snapshot at start-up and background loops."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from gerbang.infra.database import Database
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import Clock
from gerbang.kernel.errors import GerbangError
from gerbang.sync.edge.backups import backup_loop
from gerbang.sync.edge.client import CenterClient
from gerbang.sync.edge.poller import DeltaTarget, ReferencePoller, StaysPoller
from gerbang.sync.edge.reference_store import ReferenceStore, Snapshot
from gerbang.sync.edge.retention import retention_loop
from gerbang.sync.edge.stays import StaysStore
from gerbang.sync.edge.uploader import Contact, Uploader

log = logging.getLogger("gerbang.edge")
Loop = Callable[[threading.Event], None]


def install_kept_snapshot(store: ReferenceStore, clock: Clock, install: Callable[[Snapshot], None]) -> None:
    """Use the snapshot kept on disk, verified again; one that no longer verifies is ignored, never used."""
    try:
        store.load(at=clock.now(), accept=install)
    except GerbangError as exc:
        log.error("kept reference snapshot rejected: %s", exc.message)


def load_kept_stays(store: StaysStore, clock: Clock) -> None:
    """Use the stays list kept on disk, verified again; one that no longer verifies is ignored."""
    try:
        store.load(at=clock.now())
    except GerbangError as exc:
        log.error("kept foreigners' stays rejected: %s", exc.message)


def edge_loops(
    settings: Settings,
    *,
    database: Database,
    clock: Clock,
    store: ReferenceStore,
    contact: Contact,
    install: Callable[[Snapshot], None],
    stays: StaysStore | None = None,
    deltas: DeltaTarget | None = None,
) -> list[Loop]:
    """Retention always; upload and polling (of stays too, for a checkpoint) when the center is known."""
    loops: list[Loop] = [retention_loop(database, clock, keep=timedelta(days=settings.retention_days))]
    if (
        settings.backup_dir
        and settings.backup_key_file
        and settings.effective_database_url.startswith("sqlite")
    ):
        loops.append(
            backup_loop(
                database=Path(settings.effective_database_url.split("///", 1)[1]),
                data_dir=settings.data_dir,
                node=settings.node_name,
                repo=settings.backup_dir,
                key_file=settings.backup_key_file,
                clock=clock,
                every_s=settings.backup_every_s,
                keep=settings.backup_keep,
            )
        )
    if settings.center_url and settings.node_key:
        # One URL or several (processes or sites of the center): the client moves to one that answers.
        client = CenterClient(settings.center_urls, settings.node_key)
        uploader = Uploader(
            database,
            client,
            clock,
            batch_size=settings.upload_batch_size,
            contact=contact,
            retry_cap_s=settings.upload_retry_cap_s,
        )
        poller = ReferencePoller(client, store, clock, install, deltas=deltas)
        loops += [uploader.run, lambda stop: poller.run(stop, interval=settings.reference_poll_s)]
        if stays is not None:
            stays_poller = StaysPoller(client, stays, clock)
            loops.append(lambda stop: stays_poller.run(stop, interval=settings.reference_poll_s))
    return loops
