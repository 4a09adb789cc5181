"""The report's PNG charts, drawn with matplotlib's Agg backend, titled from the catalogue."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from gerbang import words
from gerbang.recovery.drill.scenario import clock_text

CHARTS = ("clearances", "staffing", "backlog", "reference", "status", "alerts", "applicants")


def draw_all(report: dict[str, Any], directory: Path, language: str = "en") -> list[str]:
    """Every chart as DIRECTORY/NAME.png; returns the file names (none if matplotlib is missing)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    made = []
    for name in CHARTS:
        figure, axes = plt.subplots(figsize=(8, 3.2), dpi=80)
        DRAW[name](axes, report)
        axes.set_title(words.say(f"drill.chart_{name}", language), fontsize=11)
        _events(axes, report)
        axes.set_xlabel(words.say("drill.report_time", language))
        ticks = axes.get_xticks()
        axes.set_xticks(ticks, [clock_text(max(0, t)) for t in ticks], fontsize=8)
        axes.set_xlim(report["summary"]["start_min"], report["summary"]["end_min"])
        figure.tight_layout()
        figure.savefig(directory / f"{name}.png")
        plt.close(figure)
        made.append(f"{name}.png")
    return made


def _events(axes: Any, report: dict[str, Any]) -> None:
    for event in report["timeline"]["events"]:
        if event["kind"] in ("attack", "serve"):
            axes.axvline(
                event["minute"], color="#b00" if event["kind"] == "attack" else "#070", lw=1, ls="--"
            )


def _clearances(axes: Any, report: dict[str, Any]) -> None:
    per: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for lane_type, minute in report["timeline"]["clearances"]:
        per[lane_type][int(minute // 15) * 15] += 1
    for lane_type, bins in sorted(per.items()):
        xs = sorted(bins)
        axes.plot(xs, [bins[x] / 15 for x in xs], label=lane_type, lw=1.2)
    axes.set_ylabel("/ min")
    axes.legend(fontsize=7, loc="upper right")


def _staffing(axes: Any, report: dict[str, Any]) -> None:
    rows = report["timeline"]["forecast"]
    xs = [r["minute"] for r in rows]
    axes.bar(xs, [r["citizens"] for r in rows], width=14, label="citizens (forecast)", color="#4a7")
    axes.bar(
        xs,
        [r["foreigners"] for r in rows],
        width=14,
        bottom=[r["citizens"] for r in rows],
        label="foreigners",
        color="#47a",
    )
    twin = axes.twinx()
    twin.step(xs, [r["counters_advised"] for r in rows], where="mid", color="#a40", label="counters advised")
    twin.set_ylabel("counters", fontsize=8)
    axes.legend(fontsize=7, loc="upper left")
    twin.legend(fontsize=7, loc="upper right")


def _series(axes: Any, report: dict[str, Any], key: str, unit: str) -> None:
    samples = report["timeline"]["samples"]
    for edge in ("cgk", "jks"):
        points = [(s["minute"], s[key][edge]) for s in samples if s[key].get(edge) is not None]
        if points:
            axes.plot([p[0] for p in points], [p[1] for p in points], label=edge, lw=1.2)
    axes.set_ylabel(unit)
    axes.legend(fontsize=7)


def _backlog(axes: Any, report: dict[str, Any]) -> None:
    _series(axes, report, "backlog", "records")


def _reference(axes: Any, report: dict[str, Any]) -> None:
    _series(axes, report, "reference_age_s", "s")


def _status(axes: Any, report: dict[str, Any]) -> None:
    samples = report["timeline"]["samples"]
    xs = [s["minute"] for s in samples]
    axes.step(xs, [1.0 if s["center_ready"] else 0.0 for s in samples], where="post", label="center serving")
    axes.step(
        xs,
        [0.5 if s["incident_open"] else 0.0 for s in samples],
        where="post",
        label="incident open (public)",
    )
    for update in report["public"]["updates_minutes"]:
        axes.plot([update], [0.5], "v", color="#a40", ms=5)
    axes.set_yticks([0, 0.5, 1], ["", "", ""])
    axes.legend(fontsize=7, loc="center right")


def _alerts(axes: Any, report: dict[str, Any]) -> None:
    minutes = sorted(a["minute"] for a in report["alerts"])
    axes.step(minutes, range(1, len(minutes) + 1), where="post", color="#a00")
    axes.set_ylabel("alerts")


def _applicants(axes: Any, report: dict[str, Any]) -> None:
    rows = report["applicants"]
    for k, row in enumerate(rows):
        colour = "#a40" if row["service"] == "same-day" else "#47a"
        if row["told_minute"] is not None:
            axes.plot([row["told_minute"]], [k], "o", color=colour)
            axes.annotate(
                f"Rp {row['refund_owed_idr']:,}",
                (row["told_minute"], k),
                fontsize=7,
                xytext=(4, -3),
                textcoords="offset points",
            )
    axes.set_yticks(range(len(rows)), [f"{r['name']} ({r['service']})" for r in rows], fontsize=7)


DRAW = {
    "clearances": _clearances,
    "staffing": _staffing,
    "backlog": _backlog,
    "reference": _reference,
    "status": _status,
    "alerts": _alerts,
    "applicants": _applicants,
}
