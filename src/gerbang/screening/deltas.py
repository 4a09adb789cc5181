"""Signed watchlist deltas: what changed between two list versions, verified and applied in place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gerbang.kernel.errors import Conflict, MalformedInput
from gerbang.kernel.signed import KeySet, verify_signed
from gerbang.screening.index import WatchlistIndex
from gerbang.screening.records import WatchlistEntry, entry_to_dict, parse_entry

DELTA_KIND = "watchlist-delta"


@dataclass(frozen=True, slots=True)
class WatchlistDelta:
    """The entries added (or changed) and withdrawn between list version `since` and `version`."""

    since: int
    version: int
    added: tuple[WatchlistEntry, ...]
    removed: tuple[str, ...]


def delta_payload(
    *, since: int, version: int, added: Iterable[WatchlistEntry] = (), removed: Iterable[str] = ()
) -> dict[str, Any]:
    """Return the payload the center signs (as kind DELTA_KIND) for the change from `since` to `version`."""
    if version <= since:
        raise ValueError("a delta moves the list forward")
    return {
        "since": since,
        "version": version,
        "added": [entry_to_dict(entry) for entry in added],
        "removed": sorted(set(removed)),
    }


def _version(payload: Mapping[str, Any], field: str) -> int:
    value = payload.get(field)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise MalformedInput("watchlist.delta_version", field=field)
    return value


def read_delta(text: str | bytes, *, keys: KeySet, at: datetime) -> WatchlistDelta:
    """Verify a signed delta and read it; a bad signature or an unreadable delta raises before any use."""
    payload = verify_signed(text, keys=keys, kind=DELTA_KIND, at=at).payload
    if not isinstance(payload, dict):
        raise MalformedInput("watchlist.delta_not_object")
    since, version = _version(payload, "since"), _version(payload, "version")
    if version <= since:
        raise MalformedInput("watchlist.delta_backwards", since=since, version=version)
    added, removed = payload.get("added"), payload.get("removed")
    if not isinstance(added, list) or not isinstance(removed, list):
        raise MalformedInput("watchlist.delta_lists")
    if not all(isinstance(entry_id, str) and entry_id for entry_id in removed):
        raise MalformedInput("watchlist.delta_lists")
    return WatchlistDelta(since, version, tuple(parse_entry(raw) for raw in added), tuple(removed))


class WatchlistReplica:
    """A checkpoint's index and the list version it holds, moved forward only by verified deltas in order."""

    def __init__(self, index: WatchlistIndex, version: int) -> None:
        self.index = index
        self.version = version

    def apply(self, text: str | bytes, *, keys: KeySet, at: datetime) -> int:
        """Verify and apply one signed delta in place; return the version now held.

        A delta that does not start at the held version is refused whole (a gap means changes were
        missed, an older one was applied already): the checkpoint then asks for the missing deltas,
        or for a whole snapshot when it is too far behind.
        """
        delta = read_delta(text, keys=keys, at=at)
        if delta.since != self.version:
            raise Conflict("watchlist.delta_out_of_sequence", held=self.version, since=delta.since)
        self.index.apply(added=delta.added, removed=delta.removed)
        self.version = delta.version
        return self.version
