"""Arrivals at the hall from the flight schedule: each flight's passengers spread by their walk."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from gerbang.kernel.errors import InvalidInput

SLICE = timedelta(minutes=15)
QUEUES = ("citizens", "foreigners", "crew", "priority")


@dataclass(frozen=True)
class Flight:
    """One arriving flight: its on-block time (actual when known) and who is on board."""

    flight: str
    scheduled_on_block: datetime
    passengers: int
    citizen_share: float
    actual_on_block: datetime | None = None
    crew: int = 0
    priority_share: float = 0.0

    @property
    def on_block(self) -> datetime:
        return self.actual_on_block or self.scheduled_on_block


@dataclass(frozen=True)
class WalkTime:
    """Minutes from on-block to the immigration hall, as a distribution over whole minutes.

    Built from a triangle (fastest, most likely, slowest), which folds in deplaning: the first
    passengers leave the door within minutes, the last of a wide-body a quarter of an hour later.
    """

    weights: Mapping[int, float] = field(default_factory=dict)

    @classmethod
    def triangular(cls, fastest: float = 5, likely: float = 12, slowest: float = 30) -> WalkTime:
        if not 0 <= fastest <= likely <= slowest or fastest == slowest:
            raise InvalidInput("queue.walk_order", field="walk")
        weights: dict[int, float] = {}
        for minute in range(math.floor(fastest), math.ceil(slowest) + 1):
            share = _triangle_cdf(minute + 1, fastest, likely, slowest) - _triangle_cdf(
                minute, fastest, likely, slowest
            )
            if share > 0:
                weights[minute] = share
        return cls(_normalised(weights))

    @classmethod
    def discrete(cls, weights: Mapping[int, float]) -> WalkTime:
        if not weights or any(minute < 0 or weight < 0 for minute, weight in weights.items()):
            raise InvalidInput("queue.weights_negative", field="walk")
        return cls(_normalised(dict(weights)))


def _triangle_cdf(x: float, a: float, c: float, b: float) -> float:
    if x <= a:
        return 0.0
    if x >= b:
        return 1.0
    if x <= c:
        return (x - a) ** 2 / ((b - a) * (c - a)) if c > a else 0.0
    return 1 - (b - x) ** 2 / ((b - a) * (b - c)) if b > c else 1.0


def _normalised(weights: dict[int, float]) -> dict[int, float]:
    total = sum(weights.values())
    if total <= 0:
        raise InvalidInput("queue.weights_zero", field="walk")
    return {minute: weight / total for minute, weight in sorted(weights.items())}


@dataclass(frozen=True)
class Forecast:
    """Expected arrivals at the hall per queue, in 15-minute slices from `start`."""

    start: datetime
    slices: tuple[Mapping[str, float], ...]

    def slice_start(self, index: int) -> datetime:
        return self.start + index * SLICE

    def index_of(self, moment: datetime) -> int:
        return int((moment - self.start) // SLICE)

    def series(self, queue: str) -> list[float]:
        return [piece.get(queue, 0.0) for piece in self.slices]

    def window(self, start: datetime, count: int) -> Forecast:
        """`count` slices from the slice holding `start` (empty slices beyond the schedule)."""
        first = self.index_of(start)
        empty: Mapping[str, float] = dict.fromkeys(QUEUES, 0.0)
        picked = tuple(
            self.slices[k] if 0 <= k < len(self.slices) else empty for k in range(first, first + count)
        )
        return Forecast(self.slice_start(first), picked)

    def arrived_between(self, queue: str, start: datetime, end: datetime) -> float:
        """Expected arrivals in [start, end), spreading each slice's arrivals evenly over it."""
        total = 0.0
        for index, piece in enumerate(self.slices):
            low, high = self.slice_start(index), self.slice_start(index + 1)
            overlap = (min(high, end) - max(low, start)) / SLICE
            if overlap > 0:
                total += piece.get(queue, 0.0) * overlap
        return total


def floor_slice(moment: datetime) -> datetime:
    """The start of the 15-minute slice holding `moment`."""
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


def forecast(flights: Iterable[Flight], walk: WalkTime) -> Forecast | None:
    """Arrivals per queue per slice, from the first slice anyone reaches the hall; None with no flights."""
    minutes: dict[datetime, dict[str, float]] = {}
    for flight in flights:
        people = {
            "citizens": flight.passengers * flight.citizen_share * (1 - flight.priority_share),
            "foreigners": flight.passengers * (1 - flight.citizen_share) * (1 - flight.priority_share),
            "priority": flight.passengers * flight.priority_share,
            "crew": float(flight.crew),
        }
        for minute, weight in walk.weights.items():
            moment = floor_slice(flight.on_block + timedelta(minutes=minute))
            bucket = minutes.setdefault(moment, dict.fromkeys(QUEUES, 0.0))
            for queue, count in people.items():
                bucket[queue] += count * weight
    if not minutes:
        return None
    start, end = min(minutes), max(minutes)
    count = int((end - start) / SLICE) + 1
    slices = tuple(minutes.get(start + k * SLICE, dict.fromkeys(QUEUES, 0.0)) for k in range(count))
    return Forecast(start, slices)


def read_schedule(text: str, *, day: date, tz: tzinfo) -> list[Flight]:
    """Flights from CSV (a header row) or JSON (a list of objects), with the same field names.

    Fields: flight, scheduled_on_block, actual_on_block (may be empty), passengers, citizen_share
    (0..1, or a percentage up to 100), and optionally crew and priority_share. A time may be a full
    ISO date-time with its offset or HH:MM on `day` in `tz`. Raise InvalidInput naming the row.
    """
    stripped = text.strip()
    if not stripped:
        raise InvalidInput("queue.schedule_empty", field="schedule")
    rows: Sequence[Mapping[str, Any]]
    if stripped[0] in "[{":
        try:
            data = json.loads(stripped)
        except ValueError:
            raise InvalidInput("queue.schedule_not_json", field="schedule") from None
        rows = data.get("flights", []) if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise InvalidInput("queue.schedule_not_list", field="schedule")
    else:
        rows = list(csv.DictReader(io.StringIO(stripped)))
    flights = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise InvalidInput("queue.row_not_object", field="schedule", number=number)
        try:
            flights.append(_flight(row, day=day, tz=tz))
        except (KeyError, TypeError, ValueError) as exc:
            detail = f"{exc.args[0]!r} is missing" if isinstance(exc, KeyError) else str(exc)
            raise InvalidInput(
                "queue.row_unreadable", field="schedule", number=number, detail=detail
            ) from None
    return flights


def _flight(row: Mapping[str, Any], *, day: date, tz: tzinfo) -> Flight:
    name = str(row["flight"]).strip()
    if not name or len(name) > 20:
        raise ValueError("a flight needs a name of at most 20 characters")
    passengers = int(row["passengers"])
    crew = int(row.get("crew") or 0)
    if passengers < 0 or crew < 0 or passengers > 1000:
        raise ValueError("passengers must be between 0 and 1000 and crew not negative")
    actual = row.get("actual_on_block")
    return Flight(
        flight=name,
        scheduled_on_block=_moment(row["scheduled_on_block"], day, tz),
        actual_on_block=_moment(actual, day, tz) if actual not in (None, "") else None,
        passengers=passengers,
        citizen_share=_share(row["citizen_share"], "citizen_share"),
        crew=crew,
        priority_share=_share(row.get("priority_share") or 0, "priority_share"),
    )


def _moment(value: object, day: date, tz: tzinfo) -> datetime:
    text = str(value).strip()
    if len(text) <= 5 and ":" in text:
        return datetime.combine(day, time.fromisoformat(text.zfill(5)), tz)
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"the time {text!r} needs its UTC offset, or give HH:MM")
    return moment


def _share(value: object, name: str) -> float:
    text = str(value).strip()
    share = float(text.rstrip("%"))
    # "40%" and "40" are percentages; 0.4 is a share.
    if text.endswith("%") or share > 1:
        share /= 100
    if not 0 <= share <= 1 or math.isnan(share):
        raise ValueError(f"{name} must be between 0 and 1 (or a percentage)")
    return share
