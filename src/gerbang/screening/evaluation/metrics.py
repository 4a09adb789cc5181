"""Recall by phenomenon and the false-alert rate, from results and ground truth."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gerbang.screening.evaluation.generator import DATE_VARIANTS, Truth


@dataclass(frozen=True, slots=True)
class Outcome:
    """What screening said for one query: the entries it matched (sent to secondary inspection)."""

    query_id: str
    matched: frozenset[str]


@dataclass(frozen=True, slots=True)
class Report:
    """Recall on listed people by phenomenon, and alerts on travellers who are not listed."""

    recall: float
    # Listed people presenting a variant of their name (drawn as the list holds them, so with the
    # list's mix of full, partial and missing birth dates), and listed people whose dates disagree.
    recall_name_variants: float
    recall_date_variants: float
    recall_by_phenomenon: dict[str, float]
    recall_by_listed_date: dict[str, float]
    # Per phenomenon, only listed people whose list entry holds a full birth date.
    recall_by_phenomenon_full_date: dict[str, float]
    positives: int
    false_alert_rate: float
    false_alert_by_phenomenon: dict[str, float]
    negatives: int
    missed: tuple[str, ...]
    false_alerts: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (missed and alerting query ids capped at 20 each)."""
        return {
            "recall": round(self.recall, 5),
            "recall_name_variants": round(self.recall_name_variants, 5),
            "recall_date_variants": round(self.recall_date_variants, 5),
            "recall_by_phenomenon": {k: round(v, 4) for k, v in sorted(self.recall_by_phenomenon.items())},
            "recall_by_listed_date": {k: round(v, 4) for k, v in sorted(self.recall_by_listed_date.items())},
            "recall_by_phenomenon_full_date": {
                k: round(v, 4) for k, v in sorted(self.recall_by_phenomenon_full_date.items())
            },
            "positives": self.positives,
            "false_alert_rate": round(self.false_alert_rate, 5),
            "false_alert_by_phenomenon": {
                k: round(v, 4) for k, v in sorted(self.false_alert_by_phenomenon.items())
            },
            "negatives": self.negatives,
            "missed_examples": list(self.missed[:20]),
            "false_alert_examples": list(self.false_alerts[:20]),
        }


def _rate(hits: Sequence[bool]) -> float:
    return sum(hits) / len(hits) if hits else 0.0


def evaluate(truth: Iterable[Truth], outcomes: Mapping[str, Outcome]) -> Report:
    """Compare outcomes with the truth: a listed person is found when the expected entry matched."""
    found: dict[str, list[bool]] = defaultdict(list)
    by_date: dict[str, list[bool]] = defaultdict(list)
    full_date: dict[str, list[bool]] = defaultdict(list)
    alerted: dict[str, list[bool]] = defaultdict(list)
    missed: list[str] = []
    false_alerts: list[str] = []
    for label in truth:
        matched = outcomes[label.query_id].matched if label.query_id in outcomes else frozenset()
        if label.expected_entry is not None:
            hit = label.expected_entry in matched
            found[label.phenomenon].append(hit)
            by_date[label.listed_date or "unknown"].append(hit)
            if label.listed_date == "full":
                full_date[label.phenomenon].append(hit)
            if not hit:
                missed.append(label.query_id)
        else:
            alert = bool(matched)
            alerted[label.phenomenon].append(alert)
            if alert:
                false_alerts.append(label.query_id)
    every_found = [hit for hits in found.values() for hit in hits]
    every_alert = [alert for alerts in alerted.values() for alert in alerts]
    by_date_variant = [hit for kind, hits in found.items() if kind in DATE_VARIANTS for hit in hits]
    by_name_variant = [hit for kind, hits in found.items() if kind not in DATE_VARIANTS for hit in hits]
    return Report(
        recall=_rate(every_found),
        recall_name_variants=_rate(by_name_variant),
        recall_date_variants=_rate(by_date_variant),
        recall_by_phenomenon={phenomenon: _rate(hits) for phenomenon, hits in found.items()},
        recall_by_listed_date={kind: _rate(hits) for kind, hits in by_date.items()},
        recall_by_phenomenon_full_date={phenomenon: _rate(hits) for phenomenon, hits in full_date.items()},
        positives=len(every_found),
        false_alert_rate=_rate(every_alert),
        false_alert_by_phenomenon={phenomenon: _rate(alerts) for phenomenon, alerts in alerted.items()},
        negatives=len(every_alert),
        missed=tuple(missed),
        false_alerts=tuple(false_alerts),
    )
