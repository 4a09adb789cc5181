"""The queue figures a checkpoint shows: each line's estimate and wait, lanes, advice, and the chart data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from gerbang.border.domain.queueing.advice import QueueAdvice, Target, advise
from gerbang.border.domain.queueing.forecast import QUEUES, Forecast, WalkTime, floor_slice, forecast
from gerbang.border.domain.queueing.measure import CrossingFact, Lane, Measured, measure
from gerbang.border.lanes import current_lanes, last_lane_change, latest_counts, schedule_for
from gerbang.border.orm import CrossingRow
from gerbang.border.service import Checkpoint
from gerbang.kernel.clock import as_utc

HISTORY = timedelta(hours=3)
HORIZON_SLICES = 8  # two hours
# The figures are stale once nothing has changed at the checkpoint for this long.
STALE_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class QueueFigures:
    """One queue now: people in line (estimated), the wait they face, who serves them, the advice."""

    queue: str
    line: float
    wait_min: float | None
    crossings_per_min: float
    lanes_open: tuple[str, ...]
    lanes_down: tuple[str, ...]
    lanes_closed: tuple[str, ...]
    advice: QueueAdvice | None
    counted: tuple[int, datetime] | None


@dataclass(frozen=True)
class QueueBoard:
    """Everything the board and the hall display show, computed from the checkpoint's own store."""

    now: datetime
    offline: bool
    lanes: tuple[Lane, ...]
    measured: Measured
    queues: tuple[QueueFigures, ...]
    window: Forecast
    from_schedule: bool
    flights: int
    data_at: datetime | None

    @property
    def stale(self) -> bool:
        return self.data_at is None or self.now - self.data_at > STALE_AFTER

    def figures(self, queue: str) -> QueueFigures:
        return next(figures for figures in self.queues if figures.queue == queue)


def queue_board(
    checkpoint: Checkpoint, *, targets: dict[str, Target] | None = None, walk: WalkTime | None = None
) -> QueueBoard:
    """Read the lanes, crossings, counts and schedule, and work out every queue's figures and advice."""
    now = checkpoint.clock.now()
    local = now.astimezone(checkpoint.timezone)
    with checkpoint.database.reading() as session:
        lanes = current_lanes(checkpoint, session)
        queue_of = {lane.name: lane.queue for lane in lanes}
        kind_of = {lane.name: lane.kind for lane in lanes}
        rows = session.execute(
            select(
                CrossingRow.lane, CrossingRow.recorded_at, CrossingRow.offline, CrossingRow.decision
            ).where(CrossingRow.recorded_at > now - HISTORY, CrossingRow.node == checkpoint.node)
        ).all()
        flights, loaded_at = schedule_for(session, local.date())
        counts = latest_counts(session)
        changed = last_lane_change(session)
    facts = [
        CrossingFact(lane, kind_of[lane], queue_of[lane], as_utc(at), offline, decision)
        for lane, at, offline, decision in rows
        if lane in queue_of
    ]
    measured = measure(facts, until=now, history=facts)
    offline = checkpoint.is_offline(now)
    made = forecast(flights, walk or WalkTime.triangular()) if flights else None
    start = floor_slice(local)
    window = made.window(start, HORIZON_SLICES) if made else _steady(start, measured)
    lines = {queue: _line(queue, made, counts.get(queue), facts, now) for queue in QUEUES}
    advice = {
        item.queue: item
        for item in advise(
            lanes=lanes,
            measured=measured,
            window=window,
            queue_now=lines,
            targets=targets or {},
            offline=offline,
        )
    }
    figures = tuple(
        _figures(queue, lanes, measured, lines[queue], advice.get(queue), counts.get(queue), offline)
        for queue in QUEUES
    )
    # SQLite hands back naive UTC times, PostgreSQL aware ones: compare them all as aware UTC.
    moments = [
        as_utc(moment) for moment in (changed, loaded_at, *(at for _, at in counts.values())) if moment
    ]
    moments += [fact.at for fact in facts]
    return QueueBoard(
        now=local,
        offline=offline,
        lanes=tuple(lanes),
        measured=measured,
        queues=figures,
        window=window,
        from_schedule=made is not None,
        flights=len(flights),
        data_at=max(moments).astimezone(checkpoint.timezone) if moments else None,
    )


def _steady(start: datetime, measured: Measured) -> Forecast:
    """Without a schedule: the last 15 minutes' crossings, per queue, carried on for two hours."""
    per_slice = {queue: measured.crossings_per_min.get(queue, 0.0) * 15 for queue in QUEUES}
    return Forecast(start, tuple(dict(per_slice) for _ in range(HORIZON_SLICES)))


def _line(
    queue: str,
    made: Forecast | None,
    counted: tuple[int, datetime] | None,
    facts: list[CrossingFact],
    now: datetime,
) -> float:
    """People in line: the last head count (or 0, three hours ago) plus arrivals since, less those served."""
    if counted is not None and now - as_utc(counted[1]) < HISTORY:
        base, since = float(counted[0]), as_utc(counted[1])
    else:
        base, since = 0.0, now - HISTORY
    arrived = made.arrived_between(queue, since, now) if made else 0.0
    served = sum(1 for fact in facts if fact.queue == queue and fact.at > since)
    return max(0.0, base + arrived - served)


def _figures(
    queue: str,
    lanes: list[Lane],
    measured: Measured,
    line: float,
    advice: QueueAdvice | None,
    counted: tuple[int, datetime] | None,
    offline: bool,
) -> QueueFigures:
    mine = [lane for lane in lanes if lane.queue == queue]
    working = [lane for lane in mine if lane.working]
    rate = measured.crossings_per_min.get(queue, 0.0)
    # What the open lanes can do at the measured pace, for when too few crossings were seen to tell.
    capacity = sum(60 / measured.service_s(lane.kind, offline) for lane in working)
    throughput = rate if rate >= 0.5 * capacity and rate > 0 else capacity
    wait = None if not working else (line / throughput if throughput else 0.0)
    return QueueFigures(
        queue=queue,
        line=line,
        wait_min=wait,
        crossings_per_min=rate,
        lanes_open=tuple(lane.name for lane in working),
        lanes_down=tuple(lane.name for lane in mine if lane.status == "down"),
        lanes_closed=tuple(lane.name for lane in mine if lane.status == "closed"),
        advice=advice,
        counted=counted,
    )


def public_figures(board: QueueBoard) -> dict[str, Any]:
    """What a hall display or the center may see: waits and lanes, never a traveller."""
    return {
        "at": board.now.isoformat(),
        "data_at": board.data_at.isoformat() if board.data_at else None,
        "stale": board.stale,
        "offline": board.offline,
        "queues": [
            {
                "queue": figures.queue,
                "line": round(figures.line),
                "wait_min": None if figures.wait_min is None else round(figures.wait_min, 1),
                "lanes_open": list(figures.lanes_open),
                "lanes_down": list(figures.lanes_down),
                "advised_counters": figures.advice.advised_now if figures.advice else None,
            }
            for figures in board.queues
        ],
    }


def slice_starts(window: Forecast) -> list[datetime]:
    return [window.slice_start(k) for k in range(len(window.slices))]
