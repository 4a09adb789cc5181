"""Queue waits the checkpoint measured, per queue and 15 scenario minutes, beside the staffing advice."""

from __future__ import annotations

from typing import Any

SLICE_MIN = 15
# The target the advice is worked out for: 95% of travellers through within 15 minutes.
TARGET_MIN = 15.0


def queue_waits(
    boards: list[dict[str, Any]], forecast: list[dict[str, Any]], *, speed: float
) -> list[dict[str, Any]]:
    """One row per forecast slice: the counters advised, then each queue's longest wait and line there.

    The checkpoint keeps its clock in wall time; at `speed` scenario minutes a wall minute, a wait of
    w wall minutes is w * speed minutes of the scenario day.
    """
    rows = []
    for piece in forecast:
        start = float(piece["minute"])
        seen = [b for b in boards if start <= b["minute"] < start + SLICE_MIN]
        queues: dict[str, dict[str, Any]] = {}
        for board in seen:
            for q in board["queues"]:
                mine = queues.setdefault(
                    q["queue"], {"wait_min": None, "line": 0, "lanes_open": 0, "boards": 0}
                )
                mine["boards"] += 1
                mine["line"] = max(mine["line"], q["line"] or 0)
                mine["lanes_open"] = max(mine["lanes_open"], q["lanes_open"] or 0)
                if q["wait_min"] is not None:
                    wait = round(q["wait_min"] * speed, 1)
                    mine["wait_min"] = wait if mine["wait_min"] is None else max(mine["wait_min"], wait)
        rows.append(
            {
                "minute": piece["minute"],
                "counters_advised": piece["counters_advised"],
                "offline": piece["offline"],
                "queues": queues,
                "over_target": [n for n, q in queues.items() if (q["wait_min"] or 0) > TARGET_MIN],
            }
        )
    return rows


def measured_queues(rows: list[dict[str, Any]]) -> list[str]:
    """The queues the checkpoint reported on in any slice, in its own order of first appearance."""
    found: list[str] = []
    for row in rows:
        found += [name for name in row["queues"] if name not in found]
    return found


def longest_waited(
    sent: list[tuple[str, float, float]], forecast: list[dict[str, Any]]
) -> list[dict[str, float]]:
    """Per forecast slice, each queue's longest wait the drill's travellers had: sent less planned.

    `sent` holds (queue, planned minute, sent minute) for every crossing the checkpoint decided; a
    traveller counts in the slice they arrived in. What the checkpoint's board estimates, seen from
    the driver's side.
    """
    rows = []
    for piece in forecast:
        start = float(piece["minute"])
        longest: dict[str, float] = {}
        for queue, planned, at in sent:
            if start <= planned < start + SLICE_MIN:
                longest[queue] = max(longest.get(queue, 0.0), round(max(0.0, at - planned), 1))
        rows.append(longest)
    return rows
