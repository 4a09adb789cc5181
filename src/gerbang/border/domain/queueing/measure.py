"""Lane figures from the crossings a checkpoint records: arrivals, service times, referrals, by queue."""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from gerbang.kernel.errors import InvalidInput

LANE_STATUSES = ("open", "closed", "down")
LANE_KINDS = ("counter", "autogate")
# A gap longer than this between two crossings at one lane is the lane standing idle, not service.
IDLE_GAP = timedelta(minutes=5)
# Shorter than this is no traveller served but records typed in a batch (manual records re-keyed
# after an outage, a double scan): no lane clears anyone in under three seconds.
MIN_GAP = timedelta(seconds=3)
# Assumed until the checkpoint has measured its own: autogates 15-25 s per traveller (published for
# CGK and DPS); a counter about a minute online, slower offline and by hand (manual stamp, written
# record, photo), as in June 2024.
DEFAULT_SERVICE_S = {
    ("autogate", False): 20.0,
    ("autogate", True): 25.0,
    ("counter", False): 60.0,
    ("counter", True): 90.0,
}
MIN_SAMPLES = 20


@dataclass(frozen=True)
class CrossingFact:
    """What queueing needs from one recorded crossing: no name, no document number."""

    lane: str
    kind: str
    queue: str
    at: datetime
    offline: bool
    decision: str


@dataclass(frozen=True)
class Lane:
    """A lane as the supervisor set it: what it is, which queue it serves, and whether it works."""

    name: str
    kind: str
    queue: str
    status: str = "open"

    def __post_init__(self) -> None:
        if self.kind not in LANE_KINDS:
            raise InvalidInput("queue.lane_kind", field="kind", kind=self.kind)
        if self.status not in LANE_STATUSES:
            raise InvalidInput(
                "queue.lane_status", field="status", status=self.status, statuses=", ".join(LANE_STATUSES)
            )

    @property
    def working(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class ServiceTime:
    """Seconds per traveller for one lane kind, online or offline, and how it was found."""

    kind: str
    offline: bool
    seconds: float
    samples: int

    @property
    def measured(self) -> bool:
        return self.samples >= MIN_SAMPLES


@dataclass(frozen=True)
class Measured:
    """Figures over a window ending at `until`."""

    until: datetime
    window: timedelta
    crossings_per_min: Mapping[str, float]
    served_by_lane: Mapping[str, int]
    service: Mapping[tuple[str, bool], ServiceTime]
    autogate_referrals: int
    autogate_crossings: int
    # Share of each queue's travellers the autogates took when they were working.
    autogate_share: Mapping[str, float]

    @property
    def referral_rate(self) -> float:
        return self.autogate_referrals / self.autogate_crossings if self.autogate_crossings else 0.0

    def service_s(self, kind: str, offline: bool) -> float:
        return self.service[(kind, offline)].seconds


def service_times(facts: Sequence[CrossingFact]) -> dict[tuple[str, bool], ServiceTime]:
    """Median gap between consecutive crossings at a busy lane, per lane kind and online/offline.

    Gaps over IDLE_GAP are idle time and under MIN_GAP batch entry, both dropped; the median keeps
    one slow traveller from setting the figure. With fewer than MIN_SAMPLES gaps the published or
    assumed default stands.
    """
    gaps: dict[tuple[str, bool], list[float]] = defaultdict(list)
    by_lane: dict[str, list[CrossingFact]] = defaultdict(list)
    for fact in facts:
        by_lane[fact.lane].append(fact)
    for crossings in by_lane.values():
        crossings.sort(key=lambda fact: fact.at)
        for before, after in itertools.pairwise(crossings):
            gap = after.at - before.at
            if MIN_GAP <= gap <= IDLE_GAP:
                gaps[(after.kind, after.offline)].append(gap.total_seconds())
    found = {}
    for key, default in DEFAULT_SERVICE_S.items():
        samples = gaps.get(key, [])
        seconds = statistics.median(samples) if len(samples) >= MIN_SAMPLES else default
        found[key] = ServiceTime(key[0], key[1], seconds, len(samples))
    return found


def measure(
    facts: Iterable[CrossingFact],
    *,
    until: datetime,
    window: timedelta = timedelta(minutes=15),
    history: Sequence[CrossingFact] = (),
) -> Measured:
    """Arrivals and throughput per queue over `window`; service times and shares over `history` too."""
    recent = [fact for fact in facts if until - window < fact.at <= until]
    minutes = window.total_seconds() / 60
    crossings: dict[str, float] = defaultdict(float)
    by_lane: dict[str, int] = defaultdict(int)
    for fact in recent:
        # Travellers reaching a lane per minute: the hall's arrivals once its line is steady.
        crossings[fact.queue] += 1 / minutes
        by_lane[fact.lane] += 1
    everything = list(history) or recent
    gate = [fact for fact in everything if fact.kind == "autogate"]
    referred = sum(1 for fact in gate if fact.decision != "admit")
    share: dict[str, float] = {}
    for queue in {fact.queue for fact in everything}:
        of_queue = [fact for fact in everything if fact.queue == queue]
        through_gate = sum(1 for fact in of_queue if fact.kind == "autogate" and fact.decision == "admit")
        share[queue] = through_gate / len(of_queue) if of_queue else 0.0
    return Measured(
        until=until,
        window=window,
        crossings_per_min=dict(crossings),
        served_by_lane=dict(by_lane),
        service=service_times(everything),
        autogate_referrals=referred,
        autogate_crossings=len(gate),
        autogate_share=share,
    )
