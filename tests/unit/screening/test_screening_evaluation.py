"""On a generated 20,000-entry list, screening finds listed people and spares the rest."""

from __future__ import annotations

from collections import Counter

import pytest

from gerbang.screening import WatchlistIndex
from gerbang.screening.evaluation import NEGATIVE_PHENOMENA, POSITIVE_PHENOMENA, Outcome, evaluate, generate
from gerbang.screening.evaluation.spellings import FAMILY_OF
from gerbang.screening.evaluation.variants import NAME_VARIANTS
from gerbang.screening.tables import NAME_FAMILIES


@pytest.fixture(scope="module")
def report() -> dict[str, object]:
    data = generate(20_000, 1_500, seed=11)
    index = WatchlistIndex.build(data.entries)
    outcomes = {}
    for query in data.queries:
        hits = index.screen(query, on=data.on)
        outcomes[query.id] = Outcome(query.id, frozenset(hit.entry_id for hit in hits if hit.match))
    return evaluate(data.truth, outcomes).to_dict()


def test_generator_is_seeded() -> None:
    first, second = generate(300, 40, seed=3), generate(300, 40, seed=3)
    assert first.entries == second.entries
    assert first.queries == second.queries


def test_every_phenomenon_is_generated(report: dict[str, object]) -> None:
    recall = report["recall_by_phenomenon"]
    alerts = report["false_alert_by_phenomenon"]
    assert isinstance(recall, dict)
    assert isinstance(alerts, dict)
    assert set(recall) == set(POSITIVE_PHENOMENA)
    assert set(alerts) == set(NEGATIVE_PHENOMENA)


def test_listed_people_with_a_full_birth_date_are_found(report: dict[str, object]) -> None:
    by_date = report["recall_by_listed_date"]
    assert isinstance(by_date, dict)
    assert by_date["full"] >= 0.99


def test_false_alerts_stay_under_half_a_percent(report: dict[str, object]) -> None:
    assert isinstance(report["false_alert_rate"], float)
    assert report["false_alert_rate"] <= 0.005


def test_name_variants_and_overall_recall_stay_high(report: dict[str, object]) -> None:
    # Entries without a full birth date match only rare enough names, so overall recall is lower.
    recall = report["recall_by_phenomenon"]
    assert isinstance(recall, dict)
    assert isinstance(report["recall"], float)
    assert report["recall"] >= 0.97
    assert isinstance(report["recall_name_variants"], float)
    assert report["recall_name_variants"] >= 0.99
    assert min(recall[phenomenon] for phenomenon in NAME_VARIANTS) >= 0.95


def test_arabic_variants_come_from_a_table_of_their_own() -> None:
    engine = {member for family in NAME_FAMILIES for member in family}
    assert {"MUCHAMAD", "MOKHAMAD", "ZUBEIR", "ZAINAP"} <= set(FAMILY_OF) - engine


def test_most_listed_names_are_held_by_one_entry() -> None:
    names = Counter(entry.names[0] for entry in generate(20_000, 10, seed=5).entries)
    assert sum(1 for count in names.values() if count == 1) / sum(names.values()) >= 0.8
