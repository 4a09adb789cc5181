"""The watchlist's changes between the versions a center published, kept so edges catch up by delta."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gerbang.kernel.errors import NotFound

# How many published versions back a checkpoint may be and still get a delta (older: the whole list).
MAX_STEPS = 64
# Past this many entries added or withdrawn a delta saves little over the whole list.
MAX_CHANGES = 20_000


@dataclass(frozen=True, slots=True)
class Step:
    """The change from one published version to the next: entries added or changed, ids withdrawn."""

    since: int
    version: int
    added: Mapping[str, Mapping[str, Any]]
    removed: frozenset[str]


@dataclass(frozen=True, slots=True)
class Change:
    """The change from `since` to `version`, several steps folded into one."""

    since: int
    version: int
    added: tuple[Mapping[str, Any], ...]
    removed: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.added) + len(self.removed)


def diff(
    held: Mapping[str, Mapping[str, Any]], current: Mapping[str, Mapping[str, Any]]
) -> tuple[dict[str, Mapping[str, Any]], frozenset[str]]:
    """Entries of `current` that `held` lacks or holds otherwise, and the ids `held` has and `current` not."""
    added = {entry_id: entry for entry_id, entry in current.items() if held.get(entry_id) != entry}
    return added, frozenset(held.keys() - current.keys())


class DeltaHistory:
    """Watches each watchlist the center publishes and answers what changed since an older version.

    Only versions seen built one after another are known: a process that started later, or a list
    that changed without its version moving, starts the history again, and older versions get the
    whole list.
    """

    def __init__(self, *, max_steps: int = MAX_STEPS, max_changes: int = MAX_CHANGES) -> None:
        self._max_changes = max_changes
        self._steps: deque[Step] = deque(maxlen=max_steps)
        self._held: dict[str, Mapping[str, Any]] | None = None
        self._version = -1

    @property
    def version(self) -> int:
        """The newest version seen (-1 before any)."""
        return self._version

    def observe(self, version: int, entries: Iterable[Mapping[str, Any]]) -> None:
        """Take note of the list published as `version` (entries in the watchlist JSON format)."""
        current = {str(entry["id"]): entry for entry in entries}
        held = self._held
        if held is not None and version > self._version:
            added, removed = diff(held, current)
            self._steps.append(Step(self._version, version, added, removed))
        elif held is None or current != held:
            # First list, a list changed at the same number, or a counter that went back (a restore):
            # no delta can say how to get here from what edges hold.
            self._steps.clear()
        self._held, self._version = current, version

    def since(self, held: int) -> Change:
        """The change from `held` to the newest version; NotFound when it cannot be given as a delta."""
        steps = list(self._steps)
        start = next((i for i, step in enumerate(steps) if step.since == held), None)
        if start is None:
            raise NotFound("watchlist.delta_unknown_version", since=held, version=self._version)
        added: dict[str, Mapping[str, Any]] = {}
        removed: set[str] = set()
        for step in steps[start:]:
            for entry_id in step.removed:
                added.pop(entry_id, None)
                removed.add(entry_id)
            for entry_id, entry in step.added.items():
                added[entry_id] = entry
                removed.discard(entry_id)
            if len(added) + len(removed) > self._max_changes:
                raise NotFound("watchlist.delta_too_large", since=held, limit=self._max_changes)
        return Change(held, steps[-1].version, tuple(added.values()), tuple(sorted(removed)))
