"""Draw the screening benchmark's recall by phenomenon and false alerts as one SVG chart.

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


def draw(figures: dict[str, Any], path: Path) -> None:
    """Write recall per phenomenon (name and date variants apart) and false alerts per kind to `path`."""
    recall: dict[str, float] = figures["recall_by_phenomenon"]
    alerts: dict[str, float] = figures["false_alert_by_phenomenon"]
    names = sorted(recall, key=lambda phenomenon: (phenomenon in DATE_VARIANTS, phenomenon))
    colours = ["#b45309" if phenomenon in DATE_VARIANTS else "#1d4ed8" for phenomenon in names]
    figure, (left, right) = plt.subplots(
        1, 2, figsize=(12, 6), gridspec_kw={"width_ratios": [3, 1]}, layout="constrained"
    )
    left.barh(names, [recall[name] for name in names], color=colours)
    left.axvline(RECALL_GOAL, color="black", linestyle="--", linewidth=1)
    left.set_xlim(min(0.5, min(recall.values()) - 0.05), 1.0)
    left.invert_yaxis()
    left.set_xlabel("recall: listed people found (dashed: goal 0.99)")
    left.set_title(
        f"Listed people: name variants {figures['recall_name_variants']:.3f} (blue), "
        f"date variants {figures['recall_date_variants']:.3f} (brown)",
        fontsize=10,
    )
    kinds = sorted(alerts)
    right.barh(kinds, [100 * alerts[kind] for kind in kinds], color="#6b7280")
    right.axvline(100 * FALSE_ALERT_BUDGET, color="black", linestyle="--", linewidth=1)
    right.set_xlim(0, max(1.0, 120 * max(alerts.values(), default=0.0)))
    right.invert_yaxis()
    right.set_xlabel("not listed, yet stopped (%)")
    right.set_title(f"False alerts {100 * figures['false_alert_rate']:.2f} % (dashed: budget)", fontsize=10)
    figure.suptitle(f"Watchlist screening on {figures['entries']:,} entries, {figures['queries']:,} queries")
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="svg")
    plt.close(figure)


if __name__ == "__main__":
    draw(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")), Path(sys.argv[2]))
