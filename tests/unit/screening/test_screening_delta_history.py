"""The center's history of published lists folds the steps since a version into one delta, or refuses."""

from __future__ import annotations

from typing import Any

import pytest

from gerbang.kernel.errors import NotFound
from gerbang.screening.delta_history import DeltaHistory


def _entry(entry_id: str, name: str = "AGUS SALIM") -> dict[str, Any]:
    return {"id": entry_id, "names": [name], "birth_date": "1980-01-02", "list": "wanted"}


def test_steps_fold_into_one_change_with_the_latest_form_of_each_entry() -> None:
    history = DeltaHistory()
    history.observe(1, [_entry("a"), _entry("b")])
    history.observe(2, [_entry("a"), _entry("b", "BUDI HARTONO"), _entry("c")])
    history.observe(3, [_entry("b", "BUDI HARTONO"), _entry("c", "CITRA DEWI"), _entry("d")])

    change = history.since(1)
    assert (change.since, change.version) == (1, 3)
    assert {e["id"]: e["names"][0] for e in change.added} == {
        "b": "BUDI HARTONO",
        "c": "CITRA DEWI",
        "d": "AGUS SALIM",
    }
    assert change.removed == ("a",)
    later = history.since(2)
    assert {e["id"] for e in later.added} == {"c", "d"}
    assert later.removed == ("a",)


def test_an_entry_added_then_withdrawn_is_only_withdrawn() -> None:
    history = DeltaHistory()
    history.observe(1, [_entry("a")])
    history.observe(2, [_entry("a"), _entry("x")])
    history.observe(3, [_entry("a")])
    change = history.since(1)
    assert (change.added, change.removed) == ((), ("x",))


def test_a_version_never_seen_or_past_the_kept_steps_gets_the_whole_list() -> None:
    history = DeltaHistory(max_steps=2)
    for version in range(5, 9):
        history.observe(version, [_entry(str(n)) for n in range(version)])
    assert history.since(6).version == 8
    for held in (4, 5, 9):
        with pytest.raises(NotFound) as refused:
            history.since(held)
        assert refused.value.reason == "watchlist.delta_unknown_version"


def test_too_many_changes_get_the_whole_list() -> None:
    history = DeltaHistory(max_changes=3)
    history.observe(1, [])
    history.observe(2, [_entry(str(n)) for n in range(4)])
    with pytest.raises(NotFound) as refused:
        history.since(1)
    assert refused.value.reason == "watchlist.delta_too_large"


def test_a_list_changed_at_the_same_number_or_a_counter_gone_back_forgets_the_history() -> None:
    history = DeltaHistory()
    history.observe(1, [_entry("a")])
    history.observe(2, [_entry("a"), _entry("b")])
    history.observe(2, [_entry("a"), _entry("b")])  # rebuilt unchanged: the history holds
    assert history.since(1).version == 2
    history.observe(2, [_entry("b")])  # the same number, other content
    with pytest.raises(NotFound):
        history.since(1)
    history.observe(3, [_entry("b"), _entry("c")])
    history.observe(1, [_entry("z")])  # a restored center counting from behind
    with pytest.raises(NotFound):
        history.since(2)
    assert history.version == 1
