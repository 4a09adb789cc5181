"""Edge side of reference data: verify a signed snapshot, keep it on disk, and serve it to the deciders."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gerbang.kernel.errors import InvalidInput
from gerbang.kernel.signed import KeySet, parse_time, verify_signed
from gerbang.sync.domain import SNAPSHOT_KIND, sections_digest
from gerbang.sync.kept_files import Confirmation, write_atomically

SNAPSHOT_FILE = "reference-snapshot.json"
# When the center last confirmed the kept snapshot current, so a restart does not make it look stale.
CHECKED_FILE = "reference-snapshot-checked.json"


@dataclass(frozen=True)
class Snapshot:
    """A verified snapshot: its version, when the center issued it, and its sections."""

    version: int
    issued_at: datetime
    sections: dict[str, Any]
    text: str
    digest: str


def read_snapshot(text: str | bytes, *, trust: KeySet, at: datetime) -> Snapshot:
    """Verify `text` against the center's reference keys; raise IntegrityViolation if it does not hold."""
    signed = verify_signed(text, keys=trust, kind=SNAPSHOT_KIND, at=at)
    payload = signed.payload
    if not isinstance(payload, dict) or not isinstance(payload.get("version"), int):
        raise InvalidInput("a reference snapshot needs an integer version")
    sections = {k: v for k, v in payload.items() if k not in ("version", "issued_at")}
    as_text = text.decode() if isinstance(text, bytes) else text
    return Snapshot(
        payload["version"], parse_time(payload["issued_at"]), sections, as_text, sections_digest(sections)
    )


class ReferenceStore:
    """The snapshot an edge decides with; newer verified snapshots replace it atomically on disk."""

    def __init__(self, directory: Path, trust: KeySet) -> None:
        self._path = directory / SNAPSHOT_FILE
        self._trust = trust
        self._current: Snapshot | None = None
        self._checked = Confirmation(directory / CHECKED_FILE)
        self._lock = threading.Lock()
        directory.mkdir(parents=True, exist_ok=True)

    @property
    def current(self) -> Snapshot | None:
        return self._current

    @property
    def checked_at(self) -> datetime | None:
        """When the center last confirmed the held snapshot (sent it, or said it had nothing newer)."""
        return self._checked.at

    def confirmed(self, *, digest: str, at: datetime) -> None:
        """The center said the snapshot with `digest` is current; recorded if that is still the one held."""
        with self._lock:
            if self._current is not None and self._current.digest == digest:
                self._checked.record(digest=digest, at=at)

    @property
    def trust(self) -> KeySet:
        """The center's public keys this store verifies with."""
        return self._trust

    def load(self, *, at: datetime, accept: Callable[[Snapshot], None] | None = None) -> Snapshot | None:
        """Read the kept snapshot at start-up, checking its signature again (the disk is not trusted).

        It is held only once `accept` (if given) has put it to use without raising; the center's last
        confirmation of it is read back too.
        """
        if not self._path.exists():
            return None
        snapshot = read_snapshot(self._path.read_bytes(), trust=self._trust, at=at)
        if accept is not None:
            accept(snapshot)
        with self._lock:
            self._current = snapshot
            self._checked.restore(digest=snapshot.digest, now=at)
        return snapshot

    def install(
        self, text: str, *, at: datetime, accept: Callable[[Snapshot], None] | None = None
    ) -> Snapshot | None:
        """Verify and keep `text` if it is newer than what we hold; return it, or None if not newer.

        `accept` puts the snapshot to use first; if it raises (content the node cannot use), the
        snapshot is not kept, so the next poll fetches it again instead of skipping it as held.
        """
        snapshot = read_snapshot(text, trust=self._trust, at=at)
        with self._lock:
            held = self._current
            if held is not None and (snapshot.version, snapshot.issued_at) <= (held.version, held.issued_at):
                return None
            if accept is not None:
                accept(snapshot)
            write_atomically(self._path, text.encode())
            self._current = snapshot
            self._checked.record(digest=snapshot.digest, at=at)
        return snapshot
