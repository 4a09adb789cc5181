"""The fluid check: a flight wave as a flow, the backlog it leaves, and the longest wait it causes.

Erlang C assumes each slice is steady and starts empty; a wave of several wide-bodies overloads the
hall for a while and the line left behind carries into the next slices. The fluid model follows the
line minute by minute: arrivals spread evenly over their slice, counters working at full speed
while anyone waits. It is accurate exactly where Erlang C is not: under heavy, short overload.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gerbang.kernel.errors import InvalidInput

SLICE_MIN = 15


@dataclass(frozen=True)
class FluidRun:
    """Minute by minute: people in line at the end of each minute, and the wait of an arrival at each
    minute boundary (one more wait than minutes: the last arrival of the last slice is counted too)."""

    queue: tuple[float, ...]
    waits: tuple[float, ...]

    @property
    def worst_wait_min(self) -> float:
        return max(self.waits, default=0.0)

    @property
    def longest_queue(self) -> float:
        return max(self.queue, default=0.0)

    def slice_worst_wait(self, index: int, slice_min: int = SLICE_MIN) -> float:
        """The longest wait of anyone arriving in slice `index`."""
        # A slice owns its own start, not its end: the boundary belongs to the next slice's counters,
        # except after the last slice, whose final arrivals are still its own.
        end = (index + 1) * slice_min + (1 if (index + 1) * slice_min >= len(self.waits) - 1 else 0)
        return max(self.waits[index * slice_min : end], default=0.0)


def run_fluid(
    arrivals: Sequence[float],
    servers: Sequence[int],
    *,
    service_min: float,
    start_queue: float = 0.0,
    slice_min: int = SLICE_MIN,
    drain_limit_min: int = 24 * 60,
    carried: Sequence[float] = (),
) -> FluidRun:
    """The line through the slices (`arrivals[k]` people, `servers[k]` counters in slice k).

    After the last slice the line drains with the last slice's counters (at least one), so the wait
    of the last arrivals is known too. `carried[k]` is a line slice k leaves behind at the least,
    whatever the flow says: the chance queue that randomness leaves when a busy slice ends.
    """
    if len(arrivals) != len(servers):
        raise InvalidInput("queue.counts_per_slice", field="servers")
    if service_min <= 0:
        raise InvalidInput("queue.service_time", field="service_min")
    # Cumulative arrivals A and departures D at each minute boundary.
    arrived, departed = [0.0], [0.0]
    line = start_queue
    capacity_per_min: list[float] = []
    minutes = len(arrivals) * slice_min
    tail_servers = max(servers[-1] if servers else 1, 1)
    queue: list[float] = []
    total_minutes = minutes + drain_limit_min
    for minute in range(total_minutes):
        index = minute // slice_min
        if minute % slice_min == 0 and 0 < index <= len(carried):
            # People left over by chance join the line ahead of everyone arriving from now on.
            bump = max(carried[index - 1] - line, 0.0)
            line += bump
            arrived[-1] += bump
        flow = arrivals[index] / slice_min if index < len(arrivals) else 0.0
        counters = servers[index] if index < len(servers) else tail_servers
        capacity = counters / service_min
        capacity_per_min.append(capacity)
        served = min(line + flow, capacity)
        line = line + flow - served
        arrived.append(arrived[-1] + flow)
        departed.append(departed[-1] + served)
        if minute < minutes:
            queue.append(line)
        elif line <= 1e-9:
            break
    waits = []
    # An arrival at minute boundary m waits until departures reach everyone ahead of it.
    for minute in range(minutes + 1):
        ahead = start_queue + arrived[minute]
        waits.append(_time_to_reach(departed, ahead, minute))
    return FluidRun(tuple(queue), tuple(waits))


def _time_to_reach(departed: Sequence[float], target: float, start: int) -> float:
    if departed[start] >= target - 1e-9:
        return 0.0
    for minute in range(start + 1, len(departed)):
        if departed[minute] >= target - 1e-9:
            step = departed[minute] - departed[minute - 1]
            part = (target - departed[minute - 1]) / step if step > 0 else 1.0
            return minute - 1 + part - start
    return float(len(departed) - start)


def fluid_servers(
    arrivals: Sequence[float],
    floor: Sequence[int],
    *,
    service_min: float,
    max_wait_min: float,
    start_queue: float = 0.0,
    limit: int = 500,
    carried: Sequence[float] = (),
) -> tuple[list[int], FluidRun]:
    """Raise counts above `floor`, the earliest late slice first, until no one waits over `max_wait_min`.

    A wave that cannot be cleared in time with `limit` counters keeps `limit` in the slices it
    needs; the run returned shows the waits that remain.
    """
    counts = [max(count, 0) for count in floor]
    for _ in range(limit * max(len(counts), 1)):
        run = run_fluid(arrivals, counts, service_min=service_min, start_queue=start_queue, carried=carried)
        late = next((k for k in range(len(counts)) if run.slice_worst_wait(k) > max_wait_min + 1e-6), None)
        if late is None:
            return counts, run
        if counts[late] >= limit:
            return counts, run
        # More counters in the late slice serve its own arrivals and the line carried into it.
        counts[late] += 1
    return counts, run_fluid(
        arrivals, counts, service_min=service_min, start_queue=start_queue, carried=carried
    )
