"""Center only: assemble the reference snapshot from each context's sections, scoped per node, and sign it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from gerbang.infra.signing import Signer
from gerbang.kernel.signed import format_time
from gerbang.sync.center.versions import STAYS_STREAM, current_version
from gerbang.sync.domain import SNAPSHOT_KIND, STAYS_KIND, sections_digest

# A section provider returns (section name, JSON-ready content) for the snapshot.
SectionProvider = Callable[[Session, datetime], tuple[str, Any]]
# A stays provider returns the JSON-ready content of the foreigners' stays document.
StaysProvider = Callable[[Session, datetime], dict[str, Any]]
# A build listener is told of every snapshot built: its version, when, and every section whole.
BuildListener = Callable[[int, datetime, dict[str, Any]], None]


@dataclass(frozen=True)
class Audience:
    """Who a snapshot is for: a node's role and site; sections are cut down to what that node needs."""

    role: str
    site: str | None = None


# A scope cuts a section's content down for one audience (None: the section is left out entirely).
Scope = Callable[[Any, Audience], Any]


def only_for(*roles: str) -> Scope:
    """A scope that gives the section whole to nodes of `roles` and leaves it out for the others."""

    def scope(content: Any, audience: Audience) -> Any:
        return content if audience.role in roles else None

    return scope


def own_site_for(role: str) -> Scope:
    """A scope for a section keyed by site: a node of `role` gets its own site's part, others nothing."""

    def scope(content: Any, audience: Audience) -> Any:
        if audience.role != role or not isinstance(content, dict):
            return None
        return {site: part for site, part in content.items() if site == audience.site}

    return scope


@dataclass(frozen=True)
class PublishedSnapshot:
    """One signed snapshot as served to edges."""

    version: int
    issued_at: datetime
    text: str
    digest: str


@dataclass(frozen=True)
class _Base:
    version: int
    built_at: datetime
    sections: dict[str, Any]


class ReferencePublisher:
    """Builds snapshots once per version (reused for a while) and signs one copy per audience.

    Scoping matters for privacy as much as size: an office needs its own appointments (names, NIKs)
    and no watchlist; a checkpoint needs the watchlist and nobody's appointments.
    """

    def __init__(
        self,
        signer: Signer,
        sections: Sequence[SectionProvider],
        *,
        reuse_for: timedelta,
        scopes: Mapping[str, Scope] | None = None,
    ) -> None:
        self._signer = signer
        self._sections = list(sections)
        self._reuse_for = reuse_for
        self._scopes = dict(scopes or {})
        self._base: _Base | None = None
        self._signed: dict[Audience | None, PublishedSnapshot] = {}
        self._listeners: list[BuildListener] = []
        self._lock = threading.Lock()

    def add_listener(self, listener: BuildListener) -> None:
        """Call `listener` with each snapshot built from now on, in order, before it is served."""
        with self._lock:
            self._listeners.append(listener)

    def _current_base(self, session: Session, *, at: datetime, fresh: bool) -> _Base:
        # Called under the lock.
        version = current_version(session)
        base = self._base
        if fresh or base is None or base.version != version or at - base.built_at >= self._reuse_for:
            base = self._base = _Base(version, at, dict(provider(session, at) for provider in self._sections))
            self._signed.clear()
            for listener in self._listeners:
                listener(base.version, base.built_at, base.sections)
        return base

    def sections_for(
        self, session: Session, *, at: datetime, audience: Audience | None
    ) -> tuple[int, datetime, dict[str, Any]]:
        """The newest snapshot's version, build time and sections as cut for `audience`, unsigned."""
        with self._lock:
            base = self._current_base(session, at=at, fresh=False)
            return base.version, base.built_at, self._scoped(base.sections, audience)

    def latest(
        self, session: Session, *, at: datetime, audience: Audience | None = None, fresh: bool = False
    ) -> PublishedSnapshot:
        """The newest snapshot for `audience` (None: everything, for people with the permission).

        `fresh` builds it again even at a version already built: after a restore, the same number
        may have been built before from data the restored center no longer holds.
        """
        with self._lock:
            base = self._current_base(session, at=at, fresh=fresh)
            cached = self._signed.get(audience)
            if cached is not None:
                return cached
            sections = self._scoped(base.sections, audience)
            payload: dict[str, Any] = {
                "version": base.version,
                "issued_at": format_time(base.built_at),
                **sections,
            }
            text = self._signer.sign_document(kind=SNAPSHOT_KIND, payload=payload, signed_at=base.built_at)
            published = PublishedSnapshot(base.version, base.built_at, text, sections_digest(sections))
            self._signed[audience] = published
            return published

    def _scoped(self, sections: dict[str, Any], audience: Audience | None) -> dict[str, Any]:
        if audience is None:
            return sections
        scoped = {}
        for name, content in sections.items():
            scope = self._scopes.get(name)
            kept = content if scope is None else scope(content, audience)
            if kept is not None:
                scoped[name] = kept
        return scoped


class StaysPublisher:
    """Signs the foreigners' current stays as their own document, rebuilt when the stays version moves.

    Stays change with every batch a checkpoint uploads; `rebuild_every` (seconds of wall time) keeps
    a busy center from re-signing a large list for every poll, at the cost of a few seconds' delay.
    After `refresh_every` seconds the list is built again even at the same version, so a stay permit
    issued since (which extends a stay without a crossing) is published too.
    """

    def __init__(
        self, signer: Signer, build: StaysProvider, *, rebuild_every: float = 5.0, refresh_every: float = 60.0
    ) -> None:
        self._signer = signer
        self._build = build
        self._rebuild_every = rebuild_every
        self._refresh_every = refresh_every
        self._cached: PublishedSnapshot | None = None
        self._built_monotonic = 0.0
        self._lock = threading.Lock()

    def latest(self, session: Session, *, at: datetime, fresh: bool = False) -> PublishedSnapshot:
        """The newest signed stays document (its digest covers the content, not the version).

        `fresh` builds it now, whatever was built a moment ago.
        """
        version = current_version(session, stream=STAYS_STREAM)
        with self._lock:
            cached, age = self._cached, time.monotonic() - self._built_monotonic
            fresh_enough = cached is not None and (cached.version == version or age < self._rebuild_every)
            if not fresh and cached is not None and fresh_enough and age < self._refresh_every:
                return cached
            content = self._build(session, at)
            payload = {"version": version, "issued_at": format_time(at), **content}
            text = self._signer.sign_document(kind=STAYS_KIND, payload=payload, signed_at=at)
            self._cached = PublishedSnapshot(version, at, text, sections_digest(content))
            self._built_monotonic = time.monotonic()
            return self._cached
