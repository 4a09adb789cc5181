"""Erlang C for M/M/c, computed through the Erlang B recurrence so large counter counts stay stable."""

from __future__ import annotations

import math
from dataclasses import dataclass

from gerbang.kernel.errors import InvalidInput


def erlang_b(servers: int, load: float) -> float:
    """Blocking probability B(c, a) by B(k) = a·B(k-1) / (k + a·B(k-1)), B(0) = 1.

    The recurrence never forms a^c or c!, so it holds for hundreds of servers where the textbook
    formula overflows.
    """
    if servers < 0 or load < 0:
        raise InvalidInput("queue.negative_load", field="servers")
    blocking = 1.0
    for k in range(1, servers + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def erlang_c(servers: int, load: float) -> float:
    """Probability an arrival waits, C(c, a), from Erlang B; 1.0 when the load reaches the servers."""
    if servers <= 0 or load >= servers:
        return 1.0
    if load == 0:
        return 0.0
    blocking = erlang_b(servers, load)
    rho = load / servers
    return blocking / (1 - rho + rho * blocking)


@dataclass(frozen=True)
class Staffing:
    """What `servers` counters give at a steady arrival rate: the chance of waiting and the waits."""

    servers: int
    arrivals_per_min: float
    service_min: float
    wait_probability: float
    mean_wait_min: float
    # P(wait <= target) for the target asked about.
    within_target: float

    @property
    def utilisation(self) -> float:
        return self.arrivals_per_min * self.service_min / self.servers if self.servers else math.inf


def staffing(servers: int, *, arrivals_per_min: float, service_min: float, target_min: float) -> Staffing:
    """Erlang C figures for `servers` counters; an overloaded queue has infinite waits, within 0."""
    if service_min <= 0:
        raise InvalidInput("queue.service_time", field="service_min")
    if arrivals_per_min < 0:
        raise InvalidInput("queue.negative_arrivals", field="arrivals_per_min")
    load = arrivals_per_min * service_min
    if servers <= 0 or load >= servers:
        within = 1.0 if arrivals_per_min == 0 else 0.0
        return Staffing(servers, arrivals_per_min, service_min, 1.0, math.inf if within == 0 else 0.0, within)
    waits = erlang_c(servers, load)
    # Exponential service: the wait beyond 0 is exponential with rate c·mu - lambda.
    spare_rate = servers / service_min - arrivals_per_min
    mean_wait = waits / spare_rate
    within = 1 - waits * math.exp(-spare_rate * target_min)
    return Staffing(servers, arrivals_per_min, service_min, waits, mean_wait, within)


def smallest_servers(
    *, arrivals_per_min: float, service_min: float, target_min: float, share: float, limit: int = 500
) -> Staffing:
    """The fewest counters for which a share `share` of travellers waits at most `target_min`."""
    if not 0 < share < 1:
        raise InvalidInput("queue.share_range", field="share")
    if arrivals_per_min == 0:
        return staffing(0, arrivals_per_min=0, service_min=service_min, target_min=target_min)
    # Start at the least that is not overloaded: below that no count can meet any target.
    servers = max(1, math.floor(arrivals_per_min * service_min) + 1)
    while servers < limit:
        found = staffing(
            servers, arrivals_per_min=arrivals_per_min, service_min=service_min, target_min=target_min
        )
        if found.within_target >= share:
            return found
        servers += 1
    return staffing(limit, arrivals_per_min=arrivals_per_min, service_min=service_min, target_min=target_min)
