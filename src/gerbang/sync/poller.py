"""Edge side of reference data: fetch newer signed snapshots from the center and hand them on."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

from gerbang.kernel.clock import Clock
from gerbang.kernel.errors import GerbangError
from gerbang.sync.client import CenterClient
from gerbang.sync.domain import backoff_delay
from gerbang.sync.reference_store import ReferenceStore, Snapshot

log = logging.getLogger("gerbang.sync")


class ReferencePoller:
    """Asks the center for anything newer than what the store holds; a bad snapshot is never installed."""

    def __init__(
        self,
        client: CenterClient,
        store: ReferenceStore,
        clock: Clock,
        on_snapshot: Callable[[Snapshot], None],
    ) -> None:
        self._client = client
        self._store = store
        self._clock = clock
        self._on_snapshot = on_snapshot

    def poll_once(self) -> Snapshot | None:
        """Fetch and install a newer snapshot; return it, or None when there was nothing newer."""
        held = self._store.current
        text = self._client.reference_snapshot(have_digest=held.digest if held else None)
        if text is None:
            return None
        snapshot = self._store.install(text, at=self._clock.now())
        if snapshot is not None:
            log.info("installed reference snapshot version %d", snapshot.version)
            self._on_snapshot(snapshot)
        return snapshot

    def run(self, stop: threading.Event, *, interval: float) -> None:
        attempt = 0
        while not stop.is_set():
            try:
                self.poll_once()
                attempt = 0
                stop.wait(interval)
            except GerbangError as exc:
                # Unreachable center or a snapshot that fails verification: keep the data we have.
                attempt += 1
                log.warning("reference poll failed: %s", exc.message)
                stop.wait(max(interval / 4, backoff_delay(attempt, jitter=random.random())))
            except Exception:
                attempt += 1
                log.exception("reference poll error")
                stop.wait(backoff_delay(attempt, jitter=random.random()))
