"""Entries added to or withdrawn from a built index are screened at once, with no rebuild."""

from __future__ import annotations

import datetime as dt

from gerbang.screening import ScreeningQuery, WatchlistIndex, parse_entry
from gerbang.screening.evaluation.independent import generate_independent

ON = dt.date(2026, 6, 1)


def _entry(entry_id: str, name: str, born: str, **extra: object) -> object:
    return parse_entry(
        {
            "id": entry_id,
            "names": [name],
            "birth_date": born,
            "nationality": "IDN",
            "list": "exit-ban",
            **extra,
        }
    )


def _matched(index: WatchlistIndex, name: str, born: str, document: str | None = None) -> set[str]:
    query = ScreeningQuery("q", name, dt.date.fromisoformat(born), "IDN", document)
    return {hit.entry_id for hit in index.screen(query, on=ON) if hit.match}


def test_an_entry_added_after_the_build_is_found_with_its_variants() -> None:
    data = generate_independent(5_000, 10, seed=11)
    index = WatchlistIndex.build(data.entries)
    before = len(index)
    index.apply(added=[_entry("new", "SOEGIJONO WIRJOHADIKOESOEMO", "1966-04-01", documents=["X7654321"])])
    assert len(index) == before + 1
    assert _matched(index, "SUGIYONO WIRYOHADIKUSUMO", "1966-04-01") == {"new"}
    assert _matched(index, "SUGIYONO WIRYOHADIKUSMO", "1966-04-01") == {"new"}
    assert _matched(index, "SOMEONE ELSE", "1990-01-01", document="x7654321") == {"new"}


def test_a_withdrawn_entry_is_never_returned_again() -> None:
    index = WatchlistIndex.build(
        [_entry("a", "AGUS SALIM", "1980-01-02"), _entry("b", "DEWI LESTARI", "1976-01-20")]
    )
    assert _matched(index, "AGUS SALIM", "1980-01-02") == {"a"}
    index.apply(removed=["a"])
    assert _matched(index, "AGUS SALIM", "1980-01-02") == set()
    assert _matched(index, "DEWI LESTARI", "1976-01-20") == {"b"}
    assert len(index) == 1


def test_a_changed_entry_replaces_the_old_one() -> None:
    index = WatchlistIndex.build([_entry("a", "AGUS SALIM", "1980-01-02")])
    index.apply(added=[_entry("a", "AGUS SALIM", "1981-05-06")])
    assert _matched(index, "AGUS SALIM", "1980-01-02") == set()
    assert _matched(index, "AGUS SALIM", "1981-05-06") == {"a"}
    assert len(index) == 1


def test_an_empty_index_learns_its_first_entry() -> None:
    index = WatchlistIndex.build([])
    index.apply(added=[_entry("first", "SUKARNO", "1941-06-06")])
    assert _matched(index, "<<SUKARNO", "1941-06-06") == {"first"}
