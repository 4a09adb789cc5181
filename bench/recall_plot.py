"""Draw the screening benchmark's recall by variation and false alerts, one row per evaluation, as SVG.

python bench/recall_plot.py FIGURES.json OUT.svg   (redraw from the benchmark's printed JSON)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: the chart is written to a file

import matplotlib.pyplot as plt

from gerbang.screening.evaluation.generator import DATE_VARIANTS

RECALL_GOAL = 0.99
FALSE_ALERT_BUDGET = 0.005


def _runs(figures: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Return (title, run figures) for each evaluation, its sealed split when there is one."""
    runs = []
    for kind, splits in figures["sets"].items():
        split = "sealed" if "sealed" in splits else next(iter(splits))
        runs.append((f"{kind} evaluation, {split} split", splits[split]))
    return runs


def draw(figures: dict[str, Any], path: Path) -> None:
    """Write recall per variation (date variants apart) and false alerts per kind to `path`."""
    runs = _runs(figures)
    figure, axes = plt.subplots(
        len(runs),
        2,
        figsize=(13, 6.5 * len(runs)),
        gridspec_kw={"width_ratios": [3, 1]},
        layout="constrained",
        squeeze=False,
    )
    for (title, run), (left, right) in zip(runs, axes, strict=True):
        recall: dict[str, float] = run["recall_by_phenomenon"]
        alerts: dict[str, float] = run["false_alert_by_phenomenon"]
        names = sorted(recall, key=lambda phenomenon: (phenomenon in DATE_VARIANTS, phenomenon))
        colours = ["#b45309" if phenomenon in DATE_VARIANTS else "#1d4ed8" for phenomenon in names]
        left.barh(names, [recall[name] for name in names], color=colours)
        left.axvline(RECALL_GOAL, color="black", linestyle="--", linewidth=1)
        left.set_xlim(min(0.5, min(recall.values()) - 0.05), 1.0)
        left.invert_yaxis()
        left.set_xlabel("recall: listed people found (dashed: 0.99)")
        left.set_title(
            f"{title}: recall {run['recall']:.3f} over all listed people "
            f"(blue: name variations, brown: birth-date variations)",
            fontsize=10,
        )
        kinds = sorted(alerts)
        right.barh(kinds, [100 * alerts[kind] for kind in kinds], color="#6b7280")
        right.axvline(100 * FALSE_ALERT_BUDGET, color="black", linestyle="--", linewidth=1)
        right.set_xlim(0, max(1.0, 120 * max(alerts.values(), default=0.0)))
        right.invert_yaxis()
        right.set_xlabel("not listed, yet stopped (%)")
        right.set_title(f"false alerts {100 * run['false_alert_rate']:.2f} % (dashed: budget)", fontsize=10)
    figure.suptitle(
        f"Watchlist screening on {figures['entries']:,} entries, {figures['queries']:,} queries a set"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="svg")
    plt.close(figure)


if __name__ == "__main__":
    draw(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")), Path(sys.argv[2]))
