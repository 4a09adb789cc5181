"""Files an edge keeps: written whole or not at all, with when the center last confirmed each current."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from gerbang.kernel.errors import MalformedInput
from gerbang.kernel.signed import format_time, parse_time

log = logging.getLogger("gerbang.sync")

# Edges poll every few seconds; a confirmation needs to reach the disk only often enough that a restart
# does not make current data look old, so it is rewritten at most this often (the memory is exact).
REWRITE_EVERY = timedelta(minutes=1)


def write_atomically(path: Path, data: bytes) -> None:
    """Write, fsync, rename: a crash leaves either the old file or the new one, never half of it."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Confirmation:
    """When the center last confirmed a kept document current: it sent it, or said it had nothing newer.

    The time is kept with the document's digest, so a restart believes it only for the same content.
    It is not signed (a "nothing newer" answer is not), so on reading it back it is never trusted to
    lie in the future.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._at: datetime | None = None
        self._written: tuple[str, datetime] | None = None

    @property
    def at(self) -> datetime | None:
        return self._at

    def record(self, *, digest: str, at: datetime) -> None:
        """The center confirmed the document with `digest` at `at`; kept on disk unless just written."""
        self._at = at
        written = self._written
        if written is None or written[0] != digest or at - written[1] >= REWRITE_EVERY:
            body = json.dumps({"digest": digest, "checked_at": format_time(at)}).encode()
            write_atomically(self._path, body)
            self._written = (digest, at)

    def restore(self, *, digest: str, now: datetime) -> datetime | None:
        """The kept time for the document with `digest`; None if absent, for other content, or unreadable."""
        self._at = self._written = None
        if not self._path.exists():
            return None
        try:
            kept = json.loads(self._path.read_bytes())
            at = parse_time(kept["checked_at"]) if isinstance(kept, dict) else None
            if at is None or kept.get("digest") != digest:
                return None
        except (OSError, ValueError, KeyError, MalformedInput):
            log.warning("%s cannot be read; the document's age counts instead", self._path.name)
            return None
        if at > now:
            log.warning("%s lies in the future; the document's age counts instead", self._path.name)
            return None
        self._at, self._written = at, (digest, at)
        return at
