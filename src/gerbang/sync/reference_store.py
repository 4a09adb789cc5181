"""Edge side of reference data: verify a signed snapshot, keep it on disk, and serve it to the deciders."""

from __future__ import annotations

import os
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gerbang.kernel.errors import InvalidInput
from gerbang.kernel.signed import KeySet, parse_time, verify_signed
from gerbang.sync.domain import SNAPSHOT_KIND, sections_digest

SNAPSHOT_FILE = "reference-snapshot.json"


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
        self._lock = threading.Lock()
        directory.mkdir(parents=True, exist_ok=True)

    @property
    def current(self) -> Snapshot | None:
        return self._current

    def load(self, *, at: datetime) -> Snapshot | None:
        """Read the kept snapshot at start-up, checking its signature again (the disk is not trusted)."""
        if not self._path.exists():
            return None
        self._current = read_snapshot(self._path.read_bytes(), trust=self._trust, at=at)
        return self._current

    def install(self, text: str, *, at: datetime) -> Snapshot | None:
        """Verify and keep `text` if it is newer than what we hold; return it, or None if not newer."""
        snapshot = read_snapshot(text, trust=self._trust, at=at)
        with self._lock:
            held = self._current
            if held is not None and (snapshot.version, snapshot.issued_at) <= (held.version, held.issued_at):
                return None
            self._write_atomically(text.encode())
            self._current = snapshot
        return snapshot

    def _write_atomically(self, data: bytes) -> None:
        # Write, fsync, rename: a crash leaves either the old snapshot or the new one, never half.
        fd, tmp = tempfile.mkstemp(dir=self._path.parent, prefix=".snapshot-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            Path(tmp).replace(self._path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
