"""The report's PNG charts, drawn with matplotlib's Agg backend, titled from the catalogue."""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path
from typing import Any

from gerbang import words
from gerbang.recovery.drill.queues import SLICE_MIN, measured_queues
from gerbang.recovery.drill.scenario import clock_text

CHARTS = ("clearances", "staffing", "queues", "backlog", "reference", "status", "alerts", "applicants")
LANGUAGES = ("id", "en")


def service_key(service: str) -> str:
    """The catalogue key of a passport service: 'same-day' -> service.same_day."""
    return "service." + service.replace("-", "_")


def lane_key(lane_type: str) -> str:
    """The catalogue key of a lane type: 'citizen counter' -> drill.lane_citizen_counter."""
    return "drill.lane_" + lane_type.lower().replace(" ", "_").replace("-", "")


def file_name(name: str, language: str) -> str:
    return f"{name}.{language}.png"


def span(report: dict[str, Any]) -> tuple[float, float]:
    """The charts' time axis: the scenario's window, stretched to the last look after the drain."""
    s = report["summary"]
    last = [x["minute"] for x in report["timeline"]["samples"]]
    last += [a["minute"] for a in report["alerts"]]
    last += [a["told_minute"] for a in report["applicants"] if a["told_minute"] is not None]
    return float(s["start_min"]), max(float(s["end_min"]), *last) + 5


def draw_all(report: dict[str, Any], directory: Path) -> dict[str, list[str]]:
    """Every chart in each language as DIRECTORY/NAME.LANG.png; the file names by language.

    None when matplotlib is missing: the page then shows its tables without pictures.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return {language: [] for language in LANGUAGES}
    made: dict[str, list[str]] = {}
    low, high = span(report)
    every = 60 * max(1, math.ceil((high - low) / 60 / 8))  # at most about eight labels on the axis
    ticks = [float(m) for m in range(int(low // every) * every, int(high) + 1, every) if m >= low]
    for language in LANGUAGES:
        made[language] = []
        for name in CHARTS:
            figure, axes = plt.subplots(figsize=(8, 3.2), dpi=80)
            DRAW[name](axes, report, language)
            axes.set_title(words.say(f"drill.chart_{name}", language), fontsize=11)
            _events(axes, report)
            axes.set_xlabel(words.say("drill.report_time", language))
            axes.set_xticks(ticks, [clock_text(t) for t in ticks], fontsize=8)
            axes.set_xlim(low, high)
            figure.tight_layout()
            target = directory / file_name(name, language)
            figure.savefig(target)
            plt.close(figure)
            _shrink(target)
            made[language].append(target.name)
    return made


def _shrink(path: Path) -> None:
    # A chart has a few flat colours: a 64-colour palette keeps it sharp at a third of the size.
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as picture:
        small = picture.convert("RGB").quantize(colors=64)
    small.save(path, optimize=True)


def _events(axes: Any, report: dict[str, Any]) -> None:
    for event in report["timeline"]["events"]:
        if event["kind"] in ("attack", "serve"):
            axes.axvline(
                event["minute"], color="#b00" if event["kind"] == "attack" else "#070", lw=1, ls="--"
            )


def _clearances(axes: Any, report: dict[str, Any], language: str) -> None:
    per: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for lane_type, minute in report["timeline"]["clearances"]:
        per[lane_type][int(minute // 15) * 15] += 1
    for lane_type, bins in sorted(per.items()):
        xs = sorted(bins)
        label = words.say(lane_key(lane_type), language)
        axes.plot(xs, [bins[x] / 15 for x in xs], label=label, lw=1.2)
    axes.set_ylabel(words.say("drill.chart_per_minute", language))
    axes.legend(fontsize=7, loc="upper right")


def _staffing(axes: Any, report: dict[str, Any], language: str) -> None:
    rows = report["timeline"]["forecast"]
    xs = [r["minute"] for r in rows]
    citizens = words.say("drill.chart_citizens", language)
    axes.bar(xs, [r["citizens"] for r in rows], width=14, label=citizens, color="#4a7")
    axes.bar(
        xs,
        [r["foreigners"] for r in rows],
        width=14,
        bottom=[r["citizens"] for r in rows],
        label=words.say("drill.chart_foreigners", language),
        color="#47a",
    )
    twin = axes.twinx()
    counters = words.say("drill.chart_counters", language)
    twin.step(xs, [r["counters_advised"] for r in rows], where="mid", color="#a40", label=counters)
    twin.set_ylabel(counters, fontsize=8)
    axes.legend(fontsize=7, loc="upper left")
    twin.legend(fontsize=7, loc="upper right")


def _queues(axes: Any, report: dict[str, Any], language: str) -> None:
    waits = report["queue_waits"]
    rows = waits["slices"]
    xs = [r["minute"] + SLICE_MIN / 2 for r in rows]
    for name in measured_queues(rows):
        ys = [r["queues"].get(name, {}).get("wait_min") for r in rows]
        points = [(x, y) for x, y in zip(xs, ys, strict=True) if y is not None]
        if points:
            label = words.say(f"drill.queue_{name}", language)
            axes.plot([p[0] for p in points], [p[1] for p in points], "o-", ms=3, lw=1.2, label=label)
    target = words.say("drill.chart_target", language, minutes=round(waits["target_min"]))
    axes.axhline(waits["target_min"], color="#777", lw=1, ls=":", label=target)
    axes.set_ylabel(words.say("drill.chart_wait_min", language))
    axes.set_ylim(bottom=0)
    twin = axes.twinx()
    counters = words.say("drill.chart_counters", language)
    twin.step(xs, [r["counters_advised"] for r in rows], where="mid", color="#a40", label=counters)
    twin.set_ylabel(counters, fontsize=8)
    twin.set_ylim(bottom=0)
    axes.legend(fontsize=7, loc="upper left")
    twin.legend(fontsize=7, loc="upper right")


def _series(axes: Any, report: dict[str, Any], key: str, unit: str) -> None:
    samples = report["timeline"]["samples"]
    for edge in dict.fromkeys(e for s in samples for e in s[key]):  # the checkpoint, then the office
        points = [(s["minute"], s[key][edge]) for s in samples if s[key].get(edge) is not None]
        if points:
            axes.plot([p[0] for p in points], [p[1] for p in points], label=edge, lw=1.2)
    axes.set_ylabel(unit)
    axes.legend(fontsize=7)


def _backlog(axes: Any, report: dict[str, Any], language: str) -> None:
    _series(axes, report, "backlog", words.say("drill.chart_records", language))


def _reference(axes: Any, report: dict[str, Any], language: str) -> None:
    _series(axes, report, "reference_age_s", words.say("drill.chart_seconds", language))


def _status(axes: Any, report: dict[str, Any], language: str) -> None:
    samples = report["timeline"]["samples"]
    xs = [s["minute"] for s in samples]
    serving = words.say("drill.chart_center_serving", language)
    axes.step(xs, [1.0 if s["center_ready"] else 0.0 for s in samples], where="post", label=serving)
    axes.step(
        xs,
        [0.5 if s["incident_open"] else 0.0 for s in samples],
        where="post",
        label=words.say("drill.chart_incident_open", language),
    )
    updates = report["public"]["updates_minutes"]
    label = words.say("drill.chart_update", language)
    axes.plot(updates, [0.55] * len(updates), "v", color="#a40", ms=5, ls="none", label=label)
    axes.set_yticks([0, 0.5, 1], ["", "", ""])
    axes.legend(fontsize=7, loc="center right")


def _alerts(axes: Any, report: dict[str, Any], language: str) -> None:
    minutes = sorted(a["minute"] for a in report["alerts"])
    low, high = span(report)
    xs = [low, *minutes, high]
    axes.step(xs, [0, *range(1, len(minutes) + 1), len(minutes)], where="post", color="#a00")
    axes.plot(minutes, range(1, len(minutes) + 1), "o", color="#a00")
    axes.set_ylim(0, max(1, len(minutes)) + 0.5)
    axes.set_yticks(range(max(1, len(minutes)) + 1))
    axes.set_ylabel(words.say("drill.chart_alert_count", language))


def _applicants(axes: Any, report: dict[str, Any], language: str) -> None:
    rows = report["applicants"]
    for k, row in enumerate(rows):
        colour = "#a40" if row["service"] == "same-day" else "#47a"
        if row["told_minute"] is not None:
            axes.plot([row["told_minute"]], [k], "o", color=colour)
            axes.annotate(
                words.say("drill.report_rupiah", language, amount=row["refund_owed_idr"]),
                (row["told_minute"], k),
                fontsize=7,
                xytext=(4, -3),
                textcoords="offset points",
            )
    names = [f"{r['name']} ({words.say(service_key(r['service']), language)})" for r in rows]
    axes.set_yticks(range(len(rows)), names, fontsize=7)
    axes.set_ylim(-0.5, len(rows) - 0.5)


DRAW = {
    "clearances": _clearances,
    "staffing": _staffing,
    "queues": _queues,
    "backlog": _backlog,
    "reference": _reference,
    "status": _status,
    "alerts": _alerts,
    "applicants": _applicants,
}
