"""Synthetic watchlists with ground truth, and how well screening does on them (pure)."""

from __future__ import annotations

from gerbang.screening.evaluation.generator import (
    NEGATIVE_PHENOMENA,
    POSITIVE_PHENOMENA,
    Dataset,
    Truth,
    generate,
)
from gerbang.screening.evaluation.metrics import Outcome, Report, evaluate

__all__ = [
    "NEGATIVE_PHENOMENA",
    "POSITIVE_PHENOMENA",
    "Dataset",
    "Outcome",
    "Report",
    "Truth",
    "evaluate",
    "generate",
]
