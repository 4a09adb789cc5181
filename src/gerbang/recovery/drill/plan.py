"""The day's crossings as a plan: flight waves through the queue forecast, sampled to what is sent."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from gerbang.border.domain.queueing.forecast import Flight, Forecast, WalkTime, forecast
from gerbang.recovery.drill.scenario import Crossings, Scenario, minutes

DAY = datetime(2026, 6, 20, tzinfo=UTC)  # a label only: the forecast counts minutes from this midnight
GIVEN = ["BUDI", "SITI", "AGUS", "DEWI", "RUDI", "RINA", "ANDI", "SRI", "HENDRA", "WATI", "JOKO", "PUTRI"]
FAMILY = ["SANTOSO", "LESTARI", "WIJAYA", "RAHAYU", "HIDAYAT", "KUSUMA", "SAPUTRA", "PRATIWI", "NUGROHO"]
VISITORS = [("SGP", "TAN", "WEI MING"), ("MYS", "LIM", "AHMAD"), ("THA", "SUKSAWAT", "NIRAN")]
EVOA = [("AUS", "CITIZEN", "JANE"), ("JPN", "SATO", "HARUKI"), ("USA", "MILLER", "EMMA")]
LANE_TYPES = ("autogate", "citizen counter", "foreigner counter", "e-VoA")


@dataclass(frozen=True)
class Planned:
    """One crossing to send at scenario minute `at` (fractional), and who presents."""

    at: float
    lane_type: str
    serial: int
    hit: str | None = None


def flights(crossings: Crossings) -> list[Flight]:
    """Flights in the scenario's waves until the day's travellers are on board (as bench/cgk_day.py)."""
    rng = random.Random(crossings.seed)
    waves = [(minutes(w.peak) / 60, w.spread_h, w.share) for w in crossings.waves]
    made: list[Flight] = []
    total = 0
    while total < crossings.day_total:
        peak, spread, _ = rng.choices(waves, weights=[w[2] for w in waves])[0]
        hour = min(max(rng.gauss(peak, spread), 0.2), 23.3)
        passengers = min(crossings.day_total - total, rng.choice((160, 180, 290, 330, 390, 420)))
        share = min(max(rng.gauss(crossings.citizen_share, 0.15), 0.05), 0.95)
        made.append(Flight(f"F{len(made) + 1:03d}", DAY + timedelta(hours=hour), passengers, share))
        total += passengers
    return made


def day_forecast(crossings: Crossings) -> Forecast:
    """Arrivals at the hall per 15-minute slice, from the flights and the walk from the gate."""
    shaped = forecast(flights(crossings), WalkTime.triangular())
    assert shaped is not None  # day_total >= 1 makes at least one flight
    return shaped


def slice_minute(day: Forecast, index: int) -> float:
    return (day.slice_start(index) - DAY).total_seconds() / 60


def plan(scenario: Scenario) -> tuple[list[Planned], int]:
    """Every crossing to send, in time order, and how many the window holds before sampling.

    The window's arrivals are scaled to `send` with a running remainder, so the counts add up exactly
    and the shape of the waves is kept.
    """
    day = day_forecast(scenario.crossings)
    start, end = scenario.start_min, scenario.end_min
    pieces = [
        (slice_minute(day, k), piece)
        for k, piece in enumerate(day.slices)
        if start <= slice_minute(day, k) < end
    ]
    in_window = sum(p["citizens"] + p["foreigners"] for _, p in pieces)
    ratio = scenario.crossings.send / in_window if in_window else 0.0
    rng = random.Random(scenario.crossings.seed + 1)
    planned: list[Planned] = []
    carry = {"citizens": 0.0, "foreigners": 0.0}
    for minute, piece in pieces:
        for queue in ("citizens", "foreigners"):
            carry[queue] += piece[queue] * ratio
            count = int(carry[queue])
            carry[queue] -= count
            for _ in range(count):
                at = min(minute + rng.uniform(0, 15), end - 0.01)
                if queue == "citizens":
                    kind = (
                        "autogate" if rng.random() < scenario.crossings.autogate_share else "citizen counter"
                    )
                else:
                    kind = "foreigner counter"
                planned.append(Planned(at, kind, 0))
    planned = _top_up(planned, scenario.crossings.send, start, end, rng)
    planned.sort(key=lambda p: p.at)
    planned = _with_evoa(planned, scenario.crossings.evoa_holders)
    planned += [Planned(float(h.minute), "hit", 0, hit=h.who) for h in scenario.hits]
    listed = scenario.listed_during_outage
    if listed is not None:
        planned.append(Planned(float(minutes(listed.crosses_at)), "hit", 0, hit="listed-during-outage"))
    planned.sort(key=lambda p: p.at)
    return [Planned(p.at, p.lane_type, n, p.hit) for n, p in enumerate(planned, start=1)], round(in_window)


def _top_up(planned: list[Planned], send: int, start: int, end: int, rng: random.Random) -> list[Planned]:
    # The running remainders can leave the last one or two short of `send`; they go at random times.
    while len(planned) < send:
        planned.append(Planned(rng.uniform(start, end - 0.01), "citizen counter", 0))
    return planned[:send]


def _with_evoa(planned: list[Planned], holders: int) -> list[Planned]:
    """The first foreigners, spread over the day, become e-VoA holders (they bought one online)."""
    foreigners = [k for k, p in enumerate(planned) if p.lane_type == "foreigner counter"]
    if not foreigners or holders <= 0:
        return planned
    step = max(1, len(foreigners) // holders)
    chosen = set(foreigners[::step][:holders])
    return [Planned(p.at, "e-VoA", 0) if k in chosen else p for k, p in enumerate(planned)]


def citizen(serial: int) -> tuple[str, str, str, str]:
    """(surname, given names, document number, birth date YYMMDD) of a citizen in the plan."""
    return (
        FAMILY[serial % len(FAMILY)],
        GIVEN[(serial // len(FAMILY)) % len(GIVEN)],
        f"D{serial:07d}",
        f"{60 + serial % 40:02d}{1 + serial % 12:02d}{1 + serial % 28:02d}",
    )


def visitor(serial: int, *, evoa: bool) -> tuple[str, str, str, str, date]:
    """(nationality, surname, given names, document number, birth date) of a foreigner in the plan."""
    nationality, surname, given = (EVOA if evoa else VISITORS)[serial % 3]
    birth = date(1960 + serial % 40, 1 + serial % 12, 1 + serial % 28)
    return nationality, surname, given, f"{'V' if evoa else 'K'}{serial:07d}", birth
