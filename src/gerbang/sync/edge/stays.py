"""Edge side of foreigners' stays: verify the center's signed list, keep it on disk, look a traveller up."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gerbang.kernel.errors import MalformedInput
from gerbang.kernel.signed import KeySet, parse_time, verify_signed
from gerbang.sync.domain import STAYS_KIND, sections_digest
from gerbang.sync.edge.kept_files import KeptDocument

STAYS_FILE = "foreigner-stays.json"
STAYS_CHECKED_FILE = "foreigner-stays-checked.json"
_LOOKUP_KEY = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class ListedStay:
    """One stay on the center's list: where and when it began and its last permitted day."""

    crossing_id: uuid.UUID
    site: str
    entered_at: datetime
    permitted_until: date


@dataclass(frozen=True)
class StaysDocument:
    """A verified stays document: its version, when the center signed it, and stays by lookup key."""

    version: int
    issued_at: datetime
    key_id: str
    stays: dict[str, ListedStay]
    text: str
    digest: str


def read_stays(text: str | bytes, *, trust: KeySet, at: datetime) -> StaysDocument:
    """Verify `text` against the center's keys and read every stay; anything amiss raises, nothing is used."""
    payload = verify_signed(text, keys=trust, kind=STAYS_KIND, at=at).payload
    if not isinstance(payload, dict) or not isinstance(payload.get("version"), int):
        raise MalformedInput("sync.stays_version")
    key_id, listed = payload.get("key_id"), payload.get("stays")
    if not isinstance(key_id, str) or not isinstance(listed, list):
        raise MalformedInput("sync.stays_shape")
    stays = {}
    for number, item in enumerate(listed, start=1):
        key, stay = _listed(item, number)
        stays[key] = stay
    content = {k: v for k, v in payload.items() if k not in ("version", "issued_at")}
    as_text = text.decode() if isinstance(text, bytes) else text
    return StaysDocument(
        payload["version"], parse_time(payload["issued_at"]), key_id, stays, as_text, sections_digest(content)
    )


def _listed(item: Any, number: int) -> tuple[str, ListedStay]:
    try:
        key = item["key"]
        if not isinstance(key, str) or not _LOOKUP_KEY.fullmatch(key):
            raise ValueError("the key is not a SHA-256 hex digest")
        stay = ListedStay(
            crossing_id=uuid.UUID(item["crossing_id"]),
            site=str(item["site"]),
            entered_at=parse_time(item["entered_at"]),
            permitted_until=date.fromisoformat(item["permitted_until"]),
        )
    except (KeyError, TypeError, ValueError, MalformedInput) as exc:
        raise MalformedInput("sync.stay_unreadable", number=number, exc=exc) from None
    return key, stay


class StaysStore(KeptDocument[StaysDocument]):
    """The stays list a checkpoint decides with; a newer verified list replaces it atomically on disk."""

    def __init__(self, directory: Path, trust: KeySet) -> None:
        super().__init__(directory / STAYS_FILE, directory / STAYS_CHECKED_FILE, trust, read_stays)
