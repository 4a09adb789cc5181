"""Center only: assemble the reference snapshot from each context's section and sign it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from gerbang.infra.signing import Signer
from gerbang.kernel.signed import format_time
from gerbang.sync.domain import SNAPSHOT_KIND
from gerbang.sync.reference import current_version

# A section provider returns (section name, JSON-ready content) for the snapshot.
SectionProvider = Callable[[Session, datetime], tuple[str, Any]]


@dataclass(frozen=True)
class PublishedSnapshot:
    """One signed snapshot as served to edges."""

    version: int
    issued_at: datetime
    text: str


class ReferencePublisher:
    """Builds and signs snapshots, reusing one for a short while so many edges polling cost one build."""

    def __init__(self, signer: Signer, sections: Sequence[SectionProvider], *, reuse_for: timedelta) -> None:
        self._signer = signer
        self._sections = list(sections)
        self._reuse_for = reuse_for
        self._latest: PublishedSnapshot | None = None
        self._lock = threading.Lock()

    def latest(self, session: Session, *, at: datetime) -> PublishedSnapshot:
        """The newest snapshot: rebuilt when the version moved or the last one is older than `reuse_for`."""
        version = current_version(session)
        with self._lock:
            cached = self._latest
            if cached and cached.version == version and at - cached.issued_at < self._reuse_for:
                return cached
            payload: dict[str, Any] = {"version": version, "issued_at": format_time(at)}
            for provider in self._sections:
                name, content = provider(session, at)
                payload[name] = content
            text = self._signer.sign_document(kind=SNAPSHOT_KIND, payload=payload, signed_at=at)
            self._latest = PublishedSnapshot(version, at, text)
            return self._latest
