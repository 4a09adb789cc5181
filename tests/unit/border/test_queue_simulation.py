"""Erlang C and the fluid check against a discrete-event simulation of the hall (simpy)."""

from __future__ import annotations

import random
import statistics
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

import simpy

from gerbang.border.domain.queueing.erlang import staffing
from gerbang.border.domain.queueing.fluid import SLICE_MIN, run_fluid
from gerbang.border.domain.queueing.forecast import Flight, WalkTime, forecast

WIB = timezone(timedelta(hours=7))


def simulate(
    arrivals_per_slice: Sequence[float], servers: int, *, service_min: float, seed: int
) -> list[tuple[float, float]]:
    """(arrival minute, wait) per traveller: Poisson arrivals at each slice's rate, exponential service."""
    rng = random.Random(seed)
    env = simpy.Environment()
    desks = simpy.Resource(env, capacity=servers)
    waits: list[tuple[float, float]] = []

    def traveller(env: simpy.Environment) -> simpy.events.ProcessGenerator:
        arrived = env.now
        with desks.request() as turn:
            yield turn
            waits.append((arrived, env.now - arrived))
            yield env.timeout(rng.expovariate(1 / service_min))

    def source(env: simpy.Environment) -> simpy.events.ProcessGenerator:
        for index, count in enumerate(arrivals_per_slice):
            end = (index + 1) * SLICE_MIN
            rate = count / SLICE_MIN
            if rate <= 0:
                yield env.timeout(end - env.now)
                continue
            while True:
                step = rng.expovariate(rate)
                if env.now + step >= end:
                    yield env.timeout(end - env.now)
                    break
                yield env.timeout(step)
                env.process(traveller(env))

    env.process(source(env))
    env.run()
    return waits


def test_erlang_c_mean_wait_agrees_with_simulation_within_10_percent_on_steady_load() -> None:
    servers, service_min, rate = 12, 1.0, 10.8  # 90% busy: waits are long enough to measure well
    expected = staffing(servers, arrivals_per_min=rate, service_min=service_min, target_min=5)
    slices = [rate * SLICE_MIN] * 200  # 50 hours of steady load
    runs = []
    for seed in range(3):
        waits = simulate(slices, servers, service_min=service_min, seed=seed)
        settled = [wait for arrived, wait in waits if arrived > 120]  # drop the empty start
        runs.append(statistics.fmean(settled))
    simulated = statistics.fmean(runs)
    assert abs(simulated - expected.mean_wait_min) / expected.mean_wait_min < 0.10, (simulated, expected)


def test_erlang_c_share_within_target_agrees_with_simulation() -> None:
    servers, service_min, rate, target = 12, 1.0, 10.8, 2.0
    expected = staffing(servers, arrivals_per_min=rate, service_min=service_min, target_min=target)
    waits = simulate([rate * SLICE_MIN] * 200, servers, service_min=service_min, seed=7)
    settled = [wait for arrived, wait in waits if arrived > 120]
    simulated = sum(wait <= target for wait in settled) / len(settled)
    assert abs(simulated - expected.within_target) / expected.within_target < 0.10


def test_fluid_worst_wait_agrees_with_simulation_within_10_percent_on_a_flight_wave() -> None:
    # Three wide-bodies on block within ten minutes, 90% foreigners, 10 counters at 75 s each.
    base = datetime(2025, 3, 10, 6, 0, tzinfo=WIB)
    flights = [
        Flight("GA881", base, 390, 0.1),
        Flight("SQ956", base + timedelta(minutes=5), 300, 0.1),
        Flight("QR956", base + timedelta(minutes=10), 350, 0.1),
    ]
    wave = forecast(flights, WalkTime.triangular(5, 12, 30))
    assert wave is not None
    arrivals = wave.series("foreigners") + [0.0] * 12
    servers, service_min = 10, 1.25
    fluid = run_fluid(arrivals, [servers] * len(arrivals), service_min=service_min).worst_wait_min
    worst = [
        max(wait for _, wait in simulate(arrivals, servers, service_min=service_min, seed=seed))
        for seed in range(5)
    ]
    simulated = statistics.fmean(worst)
    assert fluid > 45  # a real wave: the model is checked where it matters
    assert abs(fluid - simulated) / simulated < 0.10, (fluid, simulated)
