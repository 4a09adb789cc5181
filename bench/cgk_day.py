"""CGK day: a day of arrivals in flight waves through the forecast, the staffing advice and a simulation.

Prints one JSON object: per 15-minute slice the travellers forecast, the counters advised for
citizens and foreigners, and the waits a discrete-event simulation (simpy) finds with exactly those
counters; and a summary. Writes the chart to docs/cgk-day.svg (or --chart).

The day is synthetic but shaped on Soekarno-Hatta: about 44,000 crossings (the published daily
figure, replayed here as arrivals, so the load is an upper bound), 62% citizens (2024 crossings),
flights in three waves (early morning from the Gulf and East Asia, midday, evening), 55% of
citizens through autogates. Two scenarios: autogates working and online, and every autogate down
with the slower offline counter pace (the June 2024 outage).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import simpy
from rich.console import Console
from rich.progress import Progress

from gerbang.border.domain.queueing.advice import QueueAdvice, Target, advise
from gerbang.border.domain.queueing.fluid import SLICE_MIN
from gerbang.border.domain.queueing.forecast import Flight, Forecast, WalkTime, forecast
from gerbang.border.domain.queueing.measure import DEFAULT_SERVICE_S, Lane, Measured, ServiceTime

WIB = timezone(timedelta(hours=7), "WIB")
DAY = datetime(2026, 6, 20, tzinfo=WIB)
# (peak hour, spread in hours, share of the day's flights)
WAVES = ((6.5, 1.2, 0.40), (12.5, 1.5, 0.25), (19.5, 1.8, 0.35))


def flights_for_day(travellers: int, seed: int) -> list[Flight]:
    rng = random.Random(seed)
    flights, total, number = [], 0, 0
    while total < travellers:
        peak, spread, _ = rng.choices(WAVES, weights=[w[2] for w in WAVES])[0]
        hour = min(max(rng.gauss(peak, spread), 0.2), 23.3)
        passengers = min(travellers - total, rng.choice((160, 180, 290, 330, 390, 420)))
        number += 1
        on_block = DAY + timedelta(hours=hour)
        flights.append(
            Flight(f"F{number:03d}", on_block, passengers, min(max(rng.gauss(0.62, 0.15), 0.05), 0.95))
        )
        total += passengers
    return flights


def measured_for(offline: bool) -> Measured:
    service = {key: ServiceTime(key[0], key[1], seconds, 0) for key, seconds in DEFAULT_SERVICE_S.items()}
    return Measured(
        until=DAY,
        window=timedelta(minutes=15),
        crossings_per_min={},
        served_by_lane={},
        service=service,
        autogate_referrals=5,
        autogate_crossings=100,
        autogate_share={"citizens": 0.55},
    )


def lanes_for(gates_down: bool, counters: int, gates: int) -> list[Lane]:
    made = [Lane(f"A{k}", "autogate", "citizens", "down" if gates_down else "open") for k in range(gates)]
    made += [Lane(f"C{k}", "counter", "citizens") for k in range(counters // 3)]
    made += [Lane(f"F{k}", "counter", "foreigners") for k in range(counters - counters // 3)]
    return made


def simulate(
    to_counters: Sequence[float], servers: Sequence[int], service_min: float, seed: int
) -> list[tuple[float, float]]:
    """(arrival minute, wait) per traveller; counters open and close with the advice, slice by slice."""
    rng = random.Random(seed)
    env = simpy.Environment()
    most = max(max(servers, default=1), 1)
    desks = simpy.PriorityResource(env, capacity=most)
    waits: list[tuple[float, float]] = []

    def traveller() -> Any:
        arrived = env.now
        with desks.request(priority=1) as turn:
            yield turn
            waits.append((arrived, env.now - arrived))
            yield env.timeout(rng.expovariate(1 / service_min))

    def closed_desk(until: float) -> Any:
        # A counter not staffed in this slice: it takes the next free desk ahead of travellers.
        with desks.request(priority=0) as hold:
            yield hold
            yield env.timeout(max(until - env.now, 0))

    def source() -> Any:
        for index, count in enumerate(to_counters):
            end = (index + 1) * SLICE_MIN
            for _ in range(most - servers[index]):
                env.process(closed_desk(end))
            rate = count / SLICE_MIN
            while rate > 0:
                step = rng.expovariate(rate)
                if env.now + step >= end:
                    break
                yield env.timeout(step)
                env.process(traveller())
            yield env.timeout(end - env.now)

    env.process(source())
    env.run()
    return waits


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values, default=0.0)


def run_scenario(name: str, day: Forecast, gates_down: bool, seed: int, progress: Progress) -> dict[str, Any]:
    offline = gates_down
    task = progress.add_task(name, total=3)
    advice = advise(
        lanes=lanes_for(gates_down, 60, 30),
        measured=measured_for(offline),
        window=day,
        queue_now={},
        targets={"citizens": Target(0.95, 15), "foreigners": Target(0.95, 15)},
        offline=offline,
        limit=200,
    )
    progress.advance(task)
    by_queue: dict[str, QueueAdvice] = {item.queue: item for item in advice}
    result: dict[str, Any] = {"scenario": name, "queues": {}}
    for queue in ("citizens", "foreigners"):
        item = by_queue[queue]
        flows = [piece.to_counters for piece in item.slices] + [0.0] * 8
        counts = [piece.advised for piece in item.slices] + [item.slices[-1].advised or 1] * 8
        waits = simulate(flows, counts, item.service_s / 60, seed)
        slice_waits: list[list[float]] = [[] for _ in item.slices]
        for arrived, wait in waits:
            index = int(arrived // SLICE_MIN)
            if index < len(slice_waits):
                slice_waits[index].append(wait)
        all_waits = [wait for _, wait in waits]
        result["queues"][queue] = {
            "service_s": item.service_s,
            "travellers_at_counters": len(waits),
            "peak_counters": max(piece.advised for piece in item.slices),
            "counter_hours": round(sum(piece.advised for piece in item.slices) / 4, 1),
            "simulated_p95_wait_min": round(p95(all_waits), 1),
            "simulated_max_wait_min": round(max(all_waits, default=0.0), 1),
            "within_15_min": round(sum(w <= 15 for w in all_waits) / max(len(all_waits), 1), 4),
            "slices": [
                {
                    "start": piece.start.strftime("%H:%M"),
                    "arrivals": round(piece.arrivals),
                    "to_counters": round(piece.to_counters),
                    "advised": piece.advised,
                    "erlang": piece.erlang_counters,
                    "fluid_wait_min": round(piece.wait_advised_min, 1),
                    "sim_p95_wait_min": round(p95(slice_waits[k]), 1),
                }
                for k, piece in enumerate(item.slices)
            ],
        }
        progress.advance(task)
    return result


def chart(results: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "gerbang-cgk-day"
    figure, axes = plt.subplots(3, 1, figsize=(11, 9), sharex=True)
    first = results[0]["queues"]
    hours = [int(s["start"][:2]) + int(s["start"][3:]) / 60 for s in first["citizens"]["slices"]]
    citizens = [s["arrivals"] for s in first["citizens"]["slices"]]
    foreigners = [s["arrivals"] for s in first["foreigners"]["slices"]]
    axes[0].bar(hours, citizens, width=0.24, align="edge", label="citizens / WNI", color="#7aa6d8")
    axes[0].bar(
        hours,
        foreigners,
        width=0.24,
        align="edge",
        bottom=citizens,
        label="foreigners / WNA",
        color="#e3a857",
    )
    axes[0].set_ylabel("arrivals per 15 min")
    axes[0].legend(loc="upper left")
    for result, style in zip(results, ("-", "--"), strict=True):
        for queue, colour in (("citizens", "#2e5e8c"), ("foreigners", "#b06f1a")):
            advised = [s["advised"] for s in result["queues"][queue]["slices"]]
            waits = [s["sim_p95_wait_min"] for s in result["queues"][queue]["slices"]]
            label = f"{queue}, {result['scenario']}"
            axes[1].step(hours, advised, where="post", linestyle=style, color=colour, label=label)
            axes[2].plot(hours, waits, linestyle=style, color=colour, label=label)
    axes[1].set_ylabel("counters advised")
    axes[1].legend(loc="upper left", fontsize=8)
    axes[2].axhline(15, color="#1e8449", linewidth=1, label="target: 95% within 15 min")
    axes[2].axhline(45, color="#b03a2e", linewidth=1, label="ICAO Annex 9: 45 min")
    axes[2].set_ylabel("simulated p95 wait (min)")
    axes[2].set_xlabel("hour of the day (WIB)")
    axes[2].legend(loc="upper left", fontsize=8)
    axes[2].set_xlim(0, 24)
    figure.suptitle(
        "A CGK day: forecast arrivals, counters advised, and the waits a simulation finds with them"
    )
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="svg", metadata={"Date": None})
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--travellers", type=int, default=44_000, help="arrivals in the day (default 44,000)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--chart", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "cgk-day.svg"
    )
    parser.add_argument("--slices", action="store_true", help="print every slice, not only the summary")
    args = parser.parse_args()
    flights = flights_for_day(args.travellers, args.seed)
    made = forecast(flights, WalkTime.triangular(5, 12, 30))
    assert made is not None
    day = made.window(DAY, 96 + 4)  # the whole day and the first hour after midnight
    with Progress(console=Console(stderr=True)) as progress:  # stdout is the JSON
        results = [
            run_scenario("autogates working, online", day, False, args.seed, progress),
            run_scenario("autogates down, offline", day, True, args.seed, progress),
        ]
    chart(results, args.chart)
    if not args.slices:
        for result in results:
            for figures in result["queues"].values():
                figures["slices"] = [s for s in figures["slices"] if s["arrivals"] or s["advised"]]
    print(
        json.dumps(
            {
                "flights": len(flights),
                "travellers": args.travellers,
                "chart": str(args.chart.name),
                "results": results,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
