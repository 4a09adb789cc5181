"""What the monitor saw last, shared between its thread and the web handlers."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from gerbang.status.domain import Component, Kind, State, Streak


@dataclass
class Board:
    """The live state of every component; stale or blind rounds read as unknown, never as green."""

    components: list[Component]
    states: dict[str, State] = field(default_factory=dict)
    streaks: dict[str, Streak] = field(default_factory=dict)
    backlogs: dict[str, list[int]] = field(default_factory=dict)
    blind: bool = False
    last_round_at: datetime | None = None
    # The center's last verified backup as its readiness answer gave it (age in seconds then).
    center_backup: dict[str, object] | None = None
    # Whether the center answered in the last round, and since when it has been so.
    center_up: bool | None = None
    center_since: datetime | None = None
    # Seconds between probe rounds (the monitor sets it): what one counted round stands for.
    round_seconds: float = 10.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def by_id(self) -> dict[str, Component]:
        return {c.id: c for c in self.components}

    def record(self, states: dict[str, State], *, blind: bool, at: datetime) -> None:
        with self._lock:
            self.states = dict(states)
            self.blind = blind
            self.last_round_at = at

    def current(self, *, now: datetime, stale_after: timedelta) -> dict[str, State]:
        """Each component's state now; unknown before the first round, when blind, or when rounds stopped."""
        with self._lock:
            fresh = self.last_round_at is not None and now - self.last_round_at <= stale_after
            if not fresh or self.blind:
                return {c.id: State.UNKNOWN for c in self.components}
            return {c.id: self.states.get(c.id, State.UNKNOWN) for c in self.components}

    def working(self, kind: Kind) -> list[str]:
        """Sites of the checkpoints or offices that answer and decide right now."""
        with self._lock:
            if self.blind:
                return []
            return [
                c.site or c.id
                for c in self.components
                if c.kind is kind and self.states.get(c.id) in (State.OPERATIONAL, State.DEGRADED)
            ]

    def center_settled(self, up: bool, *, at: datetime, grace: timedelta) -> bool:
        """Note whether the center answers now; True once it has been so for `grace` or more.

        The first round after a start knows no change, so it counts as settled: nothing moved.
        """
        with self._lock:
            if self.center_up is None:
                self.center_up, self.center_since = up, None
            elif self.center_up != up:
                self.center_up, self.center_since = up, at
                # Reads from before the change say nothing of how uploads drain after it.
                self.backlogs.clear()
            return self.center_since is None or at - self.center_since >= grace

    def note_backlog(self, component_id: str, backlog: int, *, keep: int) -> list[int]:
        """Remember one more backlog read of a checkpoint; return the recent reads, oldest first."""
        with self._lock:
            history = [*self.backlogs.get(component_id, []), backlog][-keep:]
            self.backlogs[component_id] = history
            return list(history)
