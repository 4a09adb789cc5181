"""Center only: the watchlist as stored, imported from JSON Lines, published to edges and indexed."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gerbang.border.orm import WatchlistEntryRow
from gerbang.screening import WatchlistEntry, WatchlistIndex, entry_to_dict, parse_entry
from gerbang.sync.center.versions import bump_version, current_version

SECTION = "watchlist"


def replace_watchlist(session: Session, raw_entries: Iterable[Mapping[str, Any]], *, at: datetime) -> int:
    """Replace the whole list with `raw_entries` (each checked), raise the reference version; return count."""
    entries = [parse_entry(raw) for raw in raw_entries]
    session.execute(delete(WatchlistEntryRow))
    session.add_all(
        WatchlistEntryRow(
            id=e.id, list_kind=e.list_kind, entry=entry_to_dict(e), valid_until=e.valid_until, imported_at=at
        )
        for e in entries
    )
    bump_version(session, reason=f"watchlist replaced ({len(entries)} entries)", at=at)
    return len(entries)


def active_entries(session: Session, *, on: date) -> list[WatchlistEntry]:
    """Entries still in force on `on`: a ban past its end date has ended by law."""
    rows = session.execute(select(WatchlistEntryRow.entry, WatchlistEntryRow.valid_until)).all()
    return [parse_entry(entry) for entry, until in rows if until is None or until >= on]


def watchlist_section(session: Session, at: datetime) -> tuple[str, Any]:
    """The snapshot section: every entry in force, in the watchlist JSON format."""
    return SECTION, [entry_to_dict(e) for e in active_entries(session, on=at.date())]


class CenterIndex:
    """The center's own screening index, rebuilt when the reference version moves."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version = -1
        self._index = WatchlistIndex.build([])

    def current(self, session: Session, *, at: datetime) -> tuple[int, WatchlistIndex]:
        version = current_version(session)
        with self._lock:
            if version != self._version:
                self._index = WatchlistIndex.build(active_entries(session, on=at.date()))
                self._version = version
            return self._version, self._index
