"""Edge side of reference data: fetch newer signed snapshots and stays lists from the center."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from typing import Protocol

from gerbang.kernel.clock import Clock
from gerbang.kernel.errors import GerbangError
from gerbang.sync.domain import backoff_delay
from gerbang.sync.edge.client import CenterClient
from gerbang.sync.edge.reference_store import ReferenceStore, Snapshot
from gerbang.sync.edge.stays import StaysDocument, StaysStore

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
        text = self._client.reference_snapshot(
            have_digest=held.digest if held else None, have_version=held.version if held else None
        )
        if text is None:
            if held is not None:
                self._store.confirmed(digest=held.digest, at=self._clock.now())
            return None
        snapshot = self._store.install(text, at=self._clock.now(), accept=self._on_snapshot)
        if snapshot is not None:
            log.info("installed reference snapshot version %d", snapshot.version)
        return snapshot

    def run(self, stop: threading.Event, *, interval: float) -> None:
        poll_forever(self, stop, interval=interval, what="reference")


class StaysPoller:
    """Asks the center for a newer list of foreigners' stays; a list that fails verification is dropped."""

    def __init__(self, client: CenterClient, store: StaysStore, clock: Clock) -> None:
        self._client = client
        self._store = store
        self._clock = clock

    def poll_once(self) -> StaysDocument | None:
        """Fetch and keep a newer list; return it, or None when the center had nothing newer."""
        held = self._store.current
        text = self._client.foreigner_stays(
            have_digest=held.digest if held else None, have_version=held.version if held else None
        )
        if text is None:
            if held is not None:
                self._store.confirmed(digest=held.digest, at=self._clock.now())
            return None
        document = self._store.install(text, at=self._clock.now())
        if document is not None:
            log.info("installed foreigners' stays version %d", document.version)
        return document

    def run(self, stop: threading.Event, *, interval: float) -> None:
        poll_forever(self, stop, interval=interval, what="stays")


class _Polls(Protocol):
    def poll_once(self) -> object: ...


def poll_forever(poller: _Polls, stop: threading.Event, *, interval: float, what: str) -> None:
    """Poll every `interval` seconds until `stop`; back off while the center is away or sends bad data."""
    attempt = 0
    while not stop.is_set():
        try:
            poller.poll_once()
            attempt = 0
            stop.wait(interval)
        except GerbangError as exc:
            # Unreachable center or a document that fails verification: keep the data we have.
            attempt += 1
            log.warning("%s poll failed: %s", what, exc.message)
            stop.wait(max(interval / 4, backoff_delay(attempt, jitter=random.random())))
        except Exception:
            attempt += 1
            log.exception("%s poll error", what)
            stop.wait(backoff_delay(attempt, jitter=random.random()))
