"""Files an edge keeps: written whole or not at all, with when the center last confirmed each current."""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from gerbang.kernel.errors import MalformedInput
from gerbang.kernel.signed import KeySet, format_time, parse_time

log = logging.getLogger("gerbang.sync")

# Edges poll every few seconds; a confirmation needs to reach the disk only often enough that a restart
# does not make current data look old, so it is rewritten at most this often (the memory is exact).
REWRITE_EVERY = timedelta(minutes=1)
D = TypeVar("D", bound="SignedDocument")
D_co = TypeVar("D_co", bound="SignedDocument", covariant=True)


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


class SignedDocument(Protocol):
    """What a kept document must tell: its version, when the center issued it, and its fingerprint."""

    @property
    def version(self) -> int: ...
    @property
    def issued_at(self) -> datetime: ...
    @property
    def digest(self) -> str: ...


class Reader(Protocol[D_co]):
    """Verifies a document's text against the center's keys and reads it; raises if it does not hold."""

    def __call__(self, text: str | bytes, *, trust: KeySet, at: datetime) -> D_co: ...


class KeptDocument(Generic[D]):
    """A signed document an edge decides with; a newer verified copy replaces it atomically on disk."""

    def __init__(self, path: Path, checked_path: Path, trust: KeySet, read: Reader[D]) -> None:
        self._path = path
        self._trust = trust
        self._read = read
        self._current: D | None = None
        self._checked = Confirmation(checked_path)
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)

    @property
    def current(self) -> D | None:
        return self._current

    @property
    def checked_at(self) -> datetime | None:
        """When the center last confirmed the held document (sent it, or said it had nothing newer)."""
        return self._checked.at

    @property
    def trust(self) -> KeySet:
        """The center's public keys this store verifies with."""
        return self._trust

    def confirmed(self, *, digest: str, at: datetime) -> None:
        """The center said the document with `digest` is current; recorded if that is still the one held."""
        with self._lock:
            if self._current is not None and self._current.digest == digest:
                self._checked.record(digest=digest, at=at)

    def load(self, *, at: datetime, accept: Callable[[D], None] | None = None) -> D | None:
        """Read the kept document at start-up, checking its signature again (the disk is not trusted).

        It is held only once `accept` (if given) has put it to use without raising; the center's last
        confirmation of it is read back too.
        """
        if not self._path.exists():
            return None
        document = self._read(self._path.read_bytes(), trust=self._trust, at=at)
        if accept is not None:
            accept(document)
        with self._lock:
            self._current = document
            self._checked.restore(digest=document.digest, now=at)
        return document

    def install(self, text: str, *, at: datetime, accept: Callable[[D], None] | None = None) -> D | None:
        """Verify and keep `text` if it is newer than what we hold; return it, or None if not newer.

        `accept` puts the document to use first; if it raises (content the node cannot use), the
        document is not kept, so the next poll fetches it again instead of skipping it as held.
        """
        document = self._read(text, trust=self._trust, at=at)
        with self._lock:
            held = self._current
            if held is not None and (document.version, document.issued_at) <= (held.version, held.issued_at):
                return None
            if accept is not None:
                accept(document)
            write_atomically(self._path, text.encode())
            self._current = document
            self._checked.record(digest=document.digest, at=at)
        return document
