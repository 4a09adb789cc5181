"""Center only: sign the watchlist's change since a checkpoint's version, learnt from each snapshot built."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from gerbang.border.center.watchlist import SECTION
from gerbang.border.reference_deltas import other_sections_digest
from gerbang.infra.signing import Signer
from gerbang.kernel.errors import NotFound, PermissionDenied
from gerbang.kernel.signed import format_time
from gerbang.screening.delta_history import DeltaHistory
from gerbang.screening.deltas import DELTA_KIND
from gerbang.sync.center.publisher import Audience, ReferencePublisher

# Signed deltas kept for the next checkpoint that asks from the same version.
_KEPT = 32


@dataclass(frozen=True)
class SignedDelta:
    """A signed delta as served, or only the version when the caller holds the newest already."""

    version: int
    text: str | None


class WatchlistDeltas:
    """Answers "what changed since version A" for checkpoints, signed like the snapshot.

    It watches every snapshot the publisher builds, so it knows the versions this process has
    published since it started; for any other version, or when the other sections changed too,
    it says the whole snapshot is needed (NotFound).
    """

    def __init__(self, signer: Signer, publisher: ReferencePublisher, history: DeltaHistory | None = None):
        self._signer = signer
        self._publisher = publisher
        self._history = history or DeltaHistory()
        self._kept: OrderedDict[tuple[int, int, datetime, str], str] = OrderedDict()
        self._lock = threading.Lock()
        publisher.add_listener(self._observe)

    def _observe(self, version: int, _built_at: datetime, sections: dict[str, Any]) -> None:
        with self._lock:
            self._history.observe(version, sections.get(SECTION) or [])

    def since(
        self,
        session: Session,
        *,
        at: datetime,
        audience: Audience | None,
        held: int,
        rest_digest: str,
        have_digest: str | None = None,
    ) -> SignedDelta:
        """The signed change from `held` to the newest version for `audience`, built on the publisher's.

        `have_digest` (the caller's whole snapshot, when it holds no delta on top) makes "you hold the
        newest" mean the same content, not only the same number: a restored center may reuse a number.
        """
        version, built_at, sections = self._publisher.sections_for(session, at=at, audience=audience)
        if SECTION not in sections:
            raise PermissionDenied("watchlist.delta_checkpoints_only")
        rest = other_sections_digest(sections)
        if rest != rest_digest:
            raise NotFound("watchlist.delta_other_sections_changed", since=held, version=version)
        if held == version:
            if have_digest is not None:
                snapshot = self._publisher.latest(session, at=at, audience=audience)
                if snapshot.version == version and snapshot.digest != have_digest:
                    raise NotFound("watchlist.delta_other_sections_changed", since=held, version=version)
            return SignedDelta(version, None)
        key = (held, version, built_at, rest)
        with self._lock:
            text = self._kept.get(key)
            if text is None:
                change = self._history.since(held)
                if change.version != version:
                    # A newer build came in between; the caller asks again next poll.
                    raise NotFound("watchlist.delta_unknown_version", since=held, version=version)
                payload = {
                    "since": change.since,
                    "version": change.version,
                    "added": list(change.added),
                    "removed": list(change.removed),
                    "issued_at": format_time(built_at),
                    "rest_digest": rest,
                }
                text = self._signer.sign_document(kind=DELTA_KIND, payload=payload, signed_at=built_at)
                self._kept[key] = text
                while len(self._kept) > _KEPT:
                    self._kept.popitem(last=False)
            return SignedDelta(version, text)
