"""Staffing advice per queue and 15-minute slice: Erlang C per slice, the fluid check over the wave.

Pointwise-stationary: each slice is treated as steady at its own arrival rate (Erlang C gives the
fewest counters meeting the target), then the fluid check follows the line from slice to slice and
adds counters where a wave's backlog would still make someone wait past the target.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from gerbang.border.domain.queueing.erlang import erlang_c, smallest_servers
from gerbang.border.domain.queueing.fluid import SLICE_MIN, FluidRun, fluid_servers, run_fluid
from gerbang.border.domain.queueing.forecast import Forecast
from gerbang.border.domain.queueing.measure import Lane, Measured
from gerbang.kernel.errors import InvalidInput

# ICAO Annex 9 (Standard 3.41 in recent editions): clear arriving passengers within 45 minutes.
ICAO_CLEARANCE_MIN = 45.0
DEFAULT_AUTOGATE_SHARE = 0.55  # CGK, September 2024: 54-57% of crossings through autogates


@dataclass(frozen=True)
class Target:
    """A service target: a share of travellers waits at most `within_min` minutes (95% in 15 min)."""

    share: float = 0.95
    within_min: float = 15.0

    def __post_init__(self) -> None:
        if not 0 < self.share < 1 or not 0 < self.within_min <= ICAO_CLEARANCE_MIN:
            raise InvalidInput("queue.target_range", field="target", icao_clearance_min=ICAO_CLEARANCE_MIN)

    @classmethod
    def parse(cls, text: str) -> Target:
        """'95% <= 15' or '95%/15min'."""
        cleaned = text.replace("min", "").replace("<=", "/").replace("≤", "/").replace(" ", "")
        share, _, within = cleaned.partition("/")
        try:
            value = float(share.rstrip("%"))
            return cls(value / 100 if value > 1 else value, float(within))
        except ValueError:
            raise InvalidInput("queue.target_form", field="target", text=text[:40]) from None

    @property
    def label(self) -> str:
        return f"{self.share:.0%} ≤ {self.within_min:g} min"


@dataclass(frozen=True)
class SliceAdvice:
    """One queue's 15 minutes: who comes, how many counters, and the waits with them."""

    start: datetime
    arrivals: float
    to_counters: float
    to_autogates: float
    capacity_open: float
    erlang_counters: int
    advised: int
    wait_open_min: float
    wait_advised_min: float


@dataclass(frozen=True)
class QueueAdvice:
    """Advice for one queue over the horizon, with the reasons in English and Indonesian."""

    queue: str
    target: Target
    counters_open: int
    autogates_open: int
    autogates_down: int
    service_s: float
    slices: tuple[SliceAdvice, ...]
    open_more_now: int
    needed_until: datetime | None
    reasons_en: tuple[str, ...] = field(default=())
    reasons_id: tuple[str, ...] = field(default=())

    @property
    def advised_now(self) -> int:
        return self.slices[0].advised if self.slices else 0


def advise(
    *,
    lanes: Sequence[Lane],
    measured: Measured,
    window: Forecast,
    queue_now: Mapping[str, float],
    targets: Mapping[str, Target],
    offline: bool,
    limit: int = 200,
) -> list[QueueAdvice]:
    """Advice for every queue that has lanes or expected travellers, over the slices of `window`."""
    queues = sorted(
        {lane.queue for lane in lanes} | {q for piece in window.slices for q, n in piece.items() if n > 0}
    )
    return [
        _queue_advice(
            queue,
            lanes,
            measured,
            window,
            queue_now.get(queue, 0.0),
            targets.get(queue, Target()),
            offline,
            limit,
        )
        for queue in queues
    ]


def _queue_advice(
    queue: str,
    lanes: Sequence[Lane],
    measured: Measured,
    window: Forecast,
    line_now: float,
    target: Target,
    offline: bool,
    limit: int,
) -> QueueAdvice:
    counters = [lane for lane in lanes if lane.queue == queue and lane.kind == "counter"]
    gates = [lane for lane in lanes if lane.queue == queue and lane.kind == "autogate"]
    open_counters = sum(lane.working for lane in counters)
    open_gates = sum(lane.working for lane in gates)
    down_gates = sum(lane.status == "down" for lane in gates)
    counter_time = measured.service[("counter", offline)]
    gate_min = measured.service_s("autogate", offline) / 60
    counter_min = counter_time.seconds / 60
    share = measured.autogate_share.get(queue, DEFAULT_AUTOGATE_SHARE) if gates else 0.0
    if gates and measured.autogate_crossings == 0:
        share = DEFAULT_AUTOGATE_SHARE
    referral = measured.referral_rate if measured.autogate_crossings else 0.05
    arrivals = window.series(queue)
    gate_capacity = open_gates * SLICE_MIN / gate_min
    through = [min(count * share, gate_capacity) for count in arrivals]
    to_counters = [count - gone + gone * referral for count, gone in zip(arrivals, through, strict=True)]
    # The line now splits as the arrivals do: most of it is for the counters once gates are down.
    counter_share = to_counters[0] / arrivals[0] if arrivals and arrivals[0] > 0 else 1.0
    start_line = line_now * counter_share
    erlang = [
        smallest_servers(
            arrivals_per_min=flow / SLICE_MIN,
            service_min=counter_min,
            target_min=target.within_min,
            share=target.share,
            limit=limit,
        ).servers
        for flow in to_counters
    ]
    advised, with_advised = _fluid_counts(to_counters, erlang, counter_min, target, start_line, limit)
    with_open = run_fluid(
        to_counters, [open_counters] * len(to_counters), service_min=counter_min, start_queue=start_line
    )
    slices = tuple(
        SliceAdvice(
            start=window.slice_start(k),
            arrivals=arrivals[k],
            to_counters=to_counters[k],
            to_autogates=through[k] * (1 - referral),
            capacity_open=open_counters * SLICE_MIN / counter_min + through[k] * (1 - referral),
            erlang_counters=erlang[k],
            advised=advised[k],
            wait_open_min=with_open.slice_worst_wait(k),
            wait_advised_min=with_advised.slice_worst_wait(k),
        )
        for k in range(len(arrivals))
    )
    more = max(0, (advised[0] if advised else 0) - open_counters)
    until = None
    if more:
        run = next((k for k, count in enumerate(advised) if count <= open_counters), len(advised))
        until = window.slice_start(run)
    en, id_ = _reasons(
        queue,
        slices,
        target,
        open_counters,
        down_gates,
        counter_time.seconds,
        counter_time.measured,
        offline,
        more,
        until,
    )
    return QueueAdvice(
        queue=queue,
        target=target,
        counters_open=open_counters,
        autogates_open=open_gates,
        autogates_down=down_gates,
        service_s=counter_time.seconds,
        slices=slices,
        open_more_now=more,
        needed_until=until,
        reasons_en=en,
        reasons_id=id_,
    )


def leftover_line(servers: int, *, arrivals: float, service_min: float, share: float) -> float:
    """People still waiting when a slice ends, at the `share` quantile of the steady queue (M/M/c).

    The fluid line is empty whenever counters outpace arrivals, yet at 90% busy the queue a slice
    leaves by chance is dozens long: P(at least n waiting) = C(c, a)·rho^n. A next slice staffed
    for its own arrivals alone cannot clear that in time, so the fluid check carries it over.
    """
    load = arrivals / SLICE_MIN * service_min
    if servers <= 0 or load <= 0:
        return 0.0
    if load >= servers:
        return 0.0  # overload is the fluid line's to follow
    waits, rho = erlang_c(servers, load), load / servers
    if waits <= 1 - share:
        return 0.0
    return math.log((1 - share) / waits) / math.log(rho)


def _fluid_counts(
    flows: list[float], erlang: list[int], service_min: float, target: Target, start: float, limit: int
) -> tuple[list[int], FluidRun]:
    counts = list(erlang)
    for _ in range(20):
        # The leftover shrinks as counters are added; stop once the counts settle.
        carried = [
            leftover_line(c, arrivals=f, service_min=service_min, share=target.share)
            for c, f in zip(counts, flows, strict=True)
        ]
        found, run = fluid_servers(
            flows,
            counts,
            service_min=service_min,
            max_wait_min=target.within_min,
            start_queue=start,
            limit=limit,
            carried=carried,
        )
        if found == counts:
            return found, run
        counts = found
    return counts, run


def _clock(moment: datetime | None) -> str:
    return moment.strftime("%H:%M") if moment else ""


def _reasons(
    queue: str,
    slices: Sequence[SliceAdvice],
    target: Target,
    open_counters: int,
    down_gates: int,
    service_s: float,
    measured: bool,
    offline: bool,
    more: int,
    until: datetime | None,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Why the advice is what it is, sentence by sentence, in English and Indonesian."""
    if not slices:
        return (), ()
    now, peak = slices[0], max(slices, key=lambda piece: piece.advised)
    how = "measured" if measured else "assumed"
    how_id = "terukur" if measured else "asumsi"
    mode, mode_id = ("offline", "luring") if offline else ("online", "daring")
    en = [
        f"{now.arrivals:.0f} travellers expected in the next 15 minutes, "
        f"{now.to_counters:.0f} of them at counters.",
        f"A counter takes {service_s:.0f} s per traveller ({how}, {mode}).",
    ]
    id_ = [
        f"{now.arrivals:.0f} pelintas diperkirakan dalam 15 menit ke depan, "
        f"{now.to_counters:.0f} di antaranya ke konter.",
        f"Satu konter melayani {service_s:.0f} detik per pelintas ({how_id}, {mode_id}).",
    ]
    if down_gates:
        en.append(f"{down_gates} autogate(s) out of order: their travellers go to the counters.")
        id_.append(f"{down_gates} autogate rusak: pelintasnya dialihkan ke konter.")
    en.append(
        f"Erlang C: {now.erlang_counters} counters for {target.label} now; the fluid check over the flight "
        f"wave asks for {peak.advised} at {_clock(peak.start)}."
    )
    id_.append(
        f"Erlang C: {now.erlang_counters} konter untuk {target.label} sekarang; uji alir gelombang "
        f"penerbangan meminta {peak.advised} pada pukul {_clock(peak.start)}."
    )
    worst_open = max(piece.wait_open_min for piece in slices)
    en.append(f"With the {open_counters} open, the longest wait would reach {worst_open:.0f} min.")
    id_.append(f"Dengan {open_counters} konter yang buka, antrean terlama mencapai {worst_open:.0f} menit.")
    if more and until is not None:
        en.append(f"Open {more} more counter(s) now, until about {_clock(until)}.")
        id_.append(f"Buka {more} konter lagi sekarang, sampai sekitar pukul {_clock(until)}.")
    worst = max(piece.wait_advised_min for piece in slices)
    if worst > ICAO_CLEARANCE_MIN:
        en.append(f"Even as advised the wait reaches {worst:.0f} min, past ICAO Annex 9's 45 minutes.")
        id_.append(f"Meski sesuai saran, antrean mencapai {worst:.0f} menit, melewati 45 menit ICAO Annex 9.")
    return tuple(en), tuple(id_)


def horizon_end(window: Forecast) -> datetime:
    return window.slice_start(len(window.slices)) if window.slices else window.start + timedelta(0)
