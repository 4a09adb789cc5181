"""Edge side of reference data: verify a signed snapshot, keep it on disk, and serve it to the deciders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gerbang.kernel.errors import InvalidInput
from gerbang.kernel.signed import KeySet, parse_time, verify_signed
from gerbang.sync.domain import SNAPSHOT_KIND, sections_digest
from gerbang.sync.edge.kept_files import KeptDocument

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
        raise InvalidInput("sync.snapshot_version")
    sections = {k: v for k, v in payload.items() if k not in ("version", "issued_at")}
    as_text = text.decode() if isinstance(text, bytes) else text
    return Snapshot(
        payload["version"], parse_time(payload["issued_at"]), sections, as_text, sections_digest(sections)
    )


class ReferenceStore(KeptDocument[Snapshot]):
    """The snapshot an edge decides with; newer verified snapshots replace it atomically on disk."""

    def __init__(self, directory: Path, trust: KeySet) -> None:
        super().__init__(directory / SNAPSHOT_FILE, directory / CHECKED_FILE, trust, read_snapshot)
