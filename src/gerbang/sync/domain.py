"""Pure rules of synchronisation: retry backoff, reference-data age, and batch shapes."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from gerbang.kernel.signed import canonical_json

SNAPSHOT_KIND = "reference-snapshot"
# Foreigners' current stays travel as their own signed document: they change far more often.
STAYS_KIND = "foreigner-stays"


def backoff_delay(attempt: int, *, base: float = 0.5, cap: float = 30.0, jitter: float = 0.0) -> float:
    """Seconds to wait before retry number `attempt` (1-based): doubling from `base` up to `cap`.

    `jitter` in [0, 1) is drawn by the caller, so that many edges coming back at once after an
    outage spread their retries instead of hitting the center together.
    """
    if attempt < 1:
        return 0.0
    delay: float = min(cap, base * 2.0 ** (attempt - 1))
    return delay * (1.0 - 0.5 * jitter)


def sections_digest(sections: Mapping[str, Any]) -> str:
    """A fingerprint of a node's sections: it changes only when what that node receives changes.

    The version is global; comparing fingerprints lets a checkpoint skip a download when only
    another node's data (an office's appointments, say) moved the version.
    """
    return hashlib.sha256(canonical_json(dict(sections))).hexdigest()


@dataclass(frozen=True)
class ReferenceAge:
    """How old an edge's reference data is, when the center last vouched for it, and whether too long ago."""

    version: int
    issued_at: datetime
    age: timedelta
    stale: bool
    # When the center last confirmed the data current (sent it, or answered "nothing newer").
    checked_at: datetime
    unconfirmed_for: timedelta


def reference_age(
    *,
    version: int,
    issued_at: datetime,
    now: datetime,
    max_age: timedelta,
    checked_at: datetime | None = None,
) -> ReferenceAge:
    """The age of a snapshot at `now`; stale once the center has not confirmed it for `max_age`.

    An unchanged snapshot is as current as the center's last word on it, so staleness counts from
    `checked_at`; without one it counts from when the center issued the snapshot.
    """
    age = max(now - issued_at, timedelta(0))
    checked = max(checked_at, issued_at) if checked_at is not None else issued_at
    quiet = max(now - checked, timedelta(0))
    return ReferenceAge(
        version=version,
        issued_at=issued_at,
        age=age,
        stale=quiet > max_age,
        checked_at=checked,
        unconfirmed_for=quiet,
    )


@dataclass(frozen=True)
class UploadRecord:
    """One record as an edge uploads it: its own id, its place in the edge's outbox, and its data."""

    id: uuid.UUID
    record_type: str
    edge_seq: int
    payload: dict[str, Any]


@dataclass(frozen=True)
class IngestResult:
    """What the center did with a batch: new records stored, repeats counted, and how far it holds."""

    accepted: list[uuid.UUID] = field(default_factory=list)
    duplicates: list[uuid.UUID] = field(default_factory=list)
    held_through_seq: int = 0
    alerts: int = 0
