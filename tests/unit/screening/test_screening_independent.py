"""The independent evaluation is reproducible, sealed apart from tuning, and exercises every rule."""

from __future__ import annotations

import gc
from collections import Counter

from gerbang.screening import WatchlistIndex
from gerbang.screening.evaluation.independent import (
    SEALED_SEED,
    TUNING_SEED,
    TWO_VARIATIONS_SHARE,
    generate_independent,
)
from gerbang.screening.evaluation.independent_rules import SINGLE_RULES, old_indonesian


def test_same_seed_gives_the_same_evaluation_and_the_sealed_seed_another() -> None:
    first = generate_independent(3_000, 300, seed=TUNING_SEED)
    again = generate_independent(3_000, 300, seed=TUNING_SEED)
    sealed = generate_independent(3_000, 300, seed=SEALED_SEED)
    assert [q.name for q in first.queries] == [q.name for q in again.queries]
    assert [e.names for e in first.entries] != [e.names for e in sealed.entries]


def test_every_variation_rule_and_two_at_once_appear() -> None:
    data = generate_independent(20_000, 3_000, seed=TUNING_SEED)
    kinds = Counter(label.phenomenon for label in data.truth)
    assert set(SINGLE_RULES) <= set(kinds)
    listed = sum(1 for label in data.truth if label.expected_entry is not None)
    assert abs(kinds["two-variations"] / listed - TWO_VARIATIONS_SHARE) < 0.08
    assert {"unlisted", "namesake-other-birth-date", "relative"} <= set(kinds)


def test_old_spelling_follows_the_reforms_backwards() -> None:
    assert old_indonesian("SUKARNO") == "SOEKARNO"
    assert old_indonesian("CAHYADI") == "TJAHJADI"
    assert old_indonesian("SYAMSUL") == "SJAMSOEL"


def test_building_an_index_leaves_the_collector_as_it_was_and_freezes_nothing() -> None:
    data = generate_independent(2_000, 10, seed=TUNING_SEED)
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    WatchlistIndex.build(data.entries)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    gc.disable()
    try:
        WatchlistIndex.build(data.entries)
        assert not gc.isenabled()
    finally:
        gc.enable()
