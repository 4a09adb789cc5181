"""Edge side of foreigners' stays: verify the center's signed list, keep it on disk, look a traveller up."""

from __future__ import annotations

import re
import threading
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gerbang.kernel.errors import MalformedInput
from gerbang.kernel.signed import KeySet, parse_time, verify_signed
from gerbang.sync.domain import STAYS_KIND, sections_digest
from gerbang.sync.kept_files import Confirmation, write_atomically

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
        raise MalformedInput("a stays document needs an integer version")
    key_id, listed = payload.get("key_id"), payload.get("stays")
    if not isinstance(key_id, str) or not isinstance(listed, list):
        raise MalformedInput("a stays document needs a key_id and a list of stays")
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
        raise MalformedInput(f"stay {number} of the stays document cannot be read: {exc}") from None
    return key, stay


class StaysStore:
    """The stays list a checkpoint decides with; a newer verified list replaces it atomically on disk."""

    def __init__(self, directory: Path, trust: KeySet) -> None:
        self._path = directory / STAYS_FILE
        self._trust = trust
        self._current: StaysDocument | None = None
        self._checked = Confirmation(directory / STAYS_CHECKED_FILE)
        self._lock = threading.Lock()
        directory.mkdir(parents=True, exist_ok=True)

    @property
    def current(self) -> StaysDocument | None:
        return self._current

    @property
    def checked_at(self) -> datetime | None:
        """When the center last confirmed the held list (sent it, or said it had nothing newer)."""
        return self._checked.at

    def confirmed(self, *, digest: str, at: datetime) -> None:
        """The center said the list with `digest` is current; recorded if that is still the one held."""
        with self._lock:
            if self._current is not None and self._current.digest == digest:
                self._checked.record(digest=digest, at=at)

    def load(self, *, at: datetime) -> StaysDocument | None:
        """Read the kept list at start-up, checking its signature again (the disk is not trusted), and
        when the center last confirmed it."""
        if not self._path.exists():
            return None
        document = read_stays(self._path.read_bytes(), trust=self._trust, at=at)
        with self._lock:
            self._current = document
            self._checked.restore(digest=document.digest, now=at)
        return document

    def install(self, text: str, *, at: datetime) -> StaysDocument | None:
        """Verify and keep `text` if it is newer than what we hold; return it, or None if not newer."""
        document = read_stays(text, trust=self._trust, at=at)
        with self._lock:
            held = self._current
            if held is not None and (document.version, document.issued_at) <= (held.version, held.issued_at):
                return None
            write_atomically(self._path, text.encode())
            self._current = document
            self._checked.record(digest=document.digest, at=at)
        return document
