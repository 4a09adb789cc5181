"""Edge side of reference data: fetch newer signed snapshots and stays lists from the center."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from gerbang.kernel.clock import Clock
from gerbang.kernel.errors import GerbangError
from gerbang.sync.domain import backoff_delay
from gerbang.sync.edge.client import CenterClient
from gerbang.sync.edge.reference_store import ReferenceStore, Snapshot
from gerbang.sync.edge.stays import StaysDocument, StaysStore

log = logging.getLogger("gerbang.sync")


class DeltaTarget(Protocol):
    """What a node moves forward by signed deltas (a checkpoint's watchlist), checked before any change."""

    @property
    def version(self) -> int: ...
    def rest_digest(self) -> str | None: ...
    def apply(self, text: str, *, at: datetime) -> int: ...
    def refused(self, error: GerbangError, *, at: datetime) -> None: ...


# Deltas move the view, not the kept snapshot; once the view has been ahead this long, the whole
# snapshot is fetched again so that the disk (read back on a restart) and the center's confirmation
# catch up.
REBASELINE_AFTER = timedelta(hours=1)


class ReferencePoller:
    """Asks the center for anything newer than what the store holds; a bad snapshot is never installed.

    With `deltas`, a node that holds a snapshot asks first for the watchlist's change since its
    version; a delta refused for any reason is audited and the whole snapshot is fetched instead.
    """

    def __init__(
        self,
        client: CenterClient,
        store: ReferenceStore,
        clock: Clock,
        on_snapshot: Callable[[Snapshot], None],
        *,
        deltas: DeltaTarget | None = None,
        rebaseline_after: timedelta = REBASELINE_AFTER,
    ) -> None:
        self._client = client
        self._store = store
        self._clock = clock
        self._on_snapshot = on_snapshot
        self._deltas = deltas
        self._rebaseline_after = rebaseline_after
        self._ahead_since: datetime | None = None

    def poll_once(self) -> Snapshot | None:
        """Fetch and install a newer snapshot; return it, or None when nothing newer came (or a delta did)."""
        held = self._store.current
        if held is not None and self._deltas is not None and self._by_delta(held, self._deltas):
            return None
        have_version = held.version if held else None
        if held is not None and self._deltas is not None:
            # Deltas may have moved the view past the kept snapshot: a restored center must count past it.
            have_version = max(held.version, self._deltas.version)
        text = self._client.reference_snapshot(
            have_digest=held.digest if held else None, have_version=have_version
        )
        if text is None:
            if held is not None:
                self._store.confirmed(digest=held.digest, at=self._clock.now())
            return None
        snapshot = self._store.install(text, at=self._clock.now(), accept=self._on_snapshot)
        if snapshot is not None:
            self._ahead_since = None
            log.info("installed reference snapshot version %d", snapshot.version)
        return snapshot

    def _by_delta(self, held: Snapshot, deltas: DeltaTarget) -> bool:
        """Bring the view forward by a delta; False when the whole snapshot has to be fetched."""
        now = self._clock.now()
        rest = deltas.rest_digest()
        if rest is None:
            return False
        ahead = deltas.version != held.version
        if not ahead:
            self._ahead_since = None
        elif self._ahead_since is None:
            self._ahead_since = now  # ahead by deltas replayed at start-up, or applied just now
        elif now - self._ahead_since >= self._rebaseline_after:
            return False
        answer = self._client.watchlist_delta(
            since=deltas.version, rest_digest=rest, have_digest=None if ahead else held.digest
        )
        if answer.outcome == "current":
            if not ahead:
                self._store.confirmed(digest=held.digest, at=now)
            return True
        if answer.outcome == "full" or answer.text is None:
            return False
        try:
            version = deltas.apply(answer.text, at=now)
        except GerbangError as exc:
            deltas.refused(exc, at=now)
            return False
        if self._ahead_since is None:
            self._ahead_since = now
        log.info("applied watchlist delta up to version %d (%d bytes)", version, len(answer.text))
        return True

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
