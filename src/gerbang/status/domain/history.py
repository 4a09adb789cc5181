"""Ninety days of history per component: one cell per day, with words as well as a colour."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from gerbang import words
from gerbang.status.domain.components import State


def label(state: State | None, lang: str) -> str:
    """A state in words, for people and for screen readers (catalogue keys status.state.*)."""
    return words.say(f"status.state.{state.value if state is not None else 'none'}", lang)


@dataclass(frozen=True)
class DayCounts:
    """Probe rounds on one local day for one component, counted by what each round judged."""

    counts: Mapping[State, int]

    @property
    def state(self) -> State | None:
        """The day's worst known state; unknown only when no round could see at all."""
        for state in (State.MAJOR_OUTAGE, State.PARTIAL_OUTAGE, State.DEGRADED, State.OPERATIONAL):
            if self.counts.get(state, 0):
                return state
        return State.UNKNOWN if self.counts.get(State.UNKNOWN, 0) else None


@dataclass(frozen=True)
class DayCell:
    """One day of the bar."""

    day: date
    state: State | None


def day_bar(days: Mapping[date, DayCounts], *, today: date, length: int = 90) -> list[DayCell]:
    """The last `length` days ending `today`, oldest first; a day without rounds has no data."""
    first = today - timedelta(days=length - 1)
    cells = []
    for offset in range(length):
        day = first + timedelta(days=offset)
        counts = days.get(day)
        cells.append(DayCell(day, counts.state if counts else None))
    return cells


def uptime(days: Mapping[date, DayCounts]) -> float | None:
    """Share of rounds that could see and found the component working, in percent (None if none saw)."""
    seen, good = _observed(days)
    return round(100.0 * good / seen, 2) if seen else None


def observed_rounds(days: Mapping[date, DayCounts]) -> int:
    """Rounds that could see the component: the only time an uptime speaks for."""
    return _observed(days)[0]


def shown_percent(value: float) -> float:
    """An uptime as the page shows it: one decimal, rounded down, so 99.96 never reads as 100."""
    return math.floor(value * 10) / 10


def _observed(days: Mapping[date, DayCounts]) -> tuple[int, int]:
    seen = good = 0
    for counts in days.values():
        for state, count in counts.counts.items():
            if state is State.UNKNOWN:
                continue
            seen += count
            good += count if state in (State.OPERATIONAL, State.DEGRADED) else 0
    return seen, good


def notable(cells: list[DayCell]) -> list[DayCell]:
    """Days worth naming in text under the bar: anything but a plain good day or an empty one."""
    return [c for c in cells if c.state not in (None, State.OPERATIONAL)]
