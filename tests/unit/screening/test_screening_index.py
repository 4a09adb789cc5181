"""Screening finds listed people under their name variants and tells different people apart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from gerbang.screening import Hit, ScreeningQuery, WatchlistIndex, parse_entry

Screen = Callable[..., list[Hit]]


def matched(hits: list[Hit]) -> set[str]:
    return {hit.entry_id for hit in hits if hit.match}


def test_mochamad_joesoef_matches_muhammad_yusuf(screen: Screen) -> None:
    hits = screen("MUHAMMAD YUSUF", "1970-05-12")
    assert matched(hits) == {"joesoef"}
    kinds = {match.entry_word: match.kind for match in hits[0].explanation.words}
    assert kinds == {"MOCHAMAD": "variant", "JOESOEF": "reform"}


def test_tjahjo_matches_cahyo(screen: Screen) -> None:
    assert matched(screen("CAHYO NUGROHO", "1965-03-04")) == {"tjahjo"}


def test_agus_halim_is_agus_salim_only_when_the_birth_date_agrees(screen: Screen) -> None:
    # A changed first letter may be a slip; only an exact birth date corroborates it.
    hits = screen("AGUS HALIM", "1980-01-02")
    assert matched(hits) == {"salim"}
    assert {match.kind for match in hits[0].explanation.words} == {"exact", "typo"}
    assert matched(screen("AGUS HALIM", "1980-01-03")) == set()
    # As a word it is weaker evidence than a spelling variant.
    assert hits[0].explanation.name_score < screen("AGOES SALIM", "1980-01-02")[0].explanation.name_score


def test_same_name_with_clearly_different_birth_date_is_not_a_match(screen: Screen) -> None:
    assert matched(screen("AGUS SALIM", "1991-07-23")) == set()


def test_expired_exit_ban_is_not_matched(screen: Screen) -> None:
    assert screen("BAMBANG SUTRISNO WIBOWO", "1970-05-12") == []


def test_document_number_matches_whatever_the_name(screen: Screen) -> None:
    hits = screen("JOHN SMITH", "1999-09-09", document="b1234567")
    assert matched(hits) == {"document"}
    assert hits[0].score == 1.0
    assert hits[0].explanation.document == "document number matches"


def test_titles_and_degrees_are_ignored(screen: Screen) -> None:
    assert matched(screen("AHMAD DAHLAN", "1955-07-08")) == {"dahlan"}


def test_mrz_rendering_with_icao_transliteration_matches(screen: Screen) -> None:
    assert matched(screen("MUELLER<<JUERGEN<<<<<<<<<<<<<<<<<<<<<<<<", "1971-02-03", nationality="DEU")) == {
        "mueller"
    }
    assert matched(screen("MULLER JURGEN", "1971-02-03", nationality="DEU")) == {"mueller"}


def test_joined_words_match_split_words(screen: Screen) -> None:
    assert matched(screen("ABDUL RAHMAN WAHID SAPUTRA", "1960-09-10")) == {"wahid"}
    assert matched(screen("SAPUTRA, ABDULRAHMAN WAHID", "1960-09-10")) == {"wahid"}

    assert matched(screen("HUSSEIN HADDAD ALAHMAD", "1992-01-28", nationality="SAU")) == {"haddad"}


def test_balinese_prefixes_may_be_left_out(screen: Screen) -> None:
    assert matched(screen("SUDARMA", "1975-11-12")) == {"sudarma"}


def test_particle_may_be_left_out(screen: Screen) -> None:
    assert matched(screen("SITI AMINAH HASAN BASRI", "1982-04-05")) == {"aminah"}


def test_doubled_mononym_matches_mononym(screen: Screen) -> None:
    assert matched(screen("SUKARNO SUKARNO", "1941-06-06")) == {"sukarno"}
    assert matched(screen("SOEKARNO<<", "1941-06-06")) == {"sukarno"}


def test_truncated_machine_readable_name_matches(screen: Screen) -> None:
    field = "HADIPRAWIRO<<RADEN<MAS<SUBARJO<JOJOHADI"
    assert len(field) == 39
    hits = screen(field, "1950-01-20")
    assert matched(hits) == {"djojo"}
    assert "prefix" in {match.kind for match in hits[0].explanation.words}


def test_alias_is_screened_like_the_primary_name(screen: Screen) -> None:
    hits = screen("LIEM SIOE LIONG", "1916-07-19")
    assert matched(hits) == {"liem"}
    assert hits[0].explanation.matched_name == "LIEM SIOE LIONG"


def test_birth_date_with_day_and_month_swapped_still_matches(screen: Screen) -> None:
    hits = screen("SUKARNO", "1941-06-06")
    assert matched(hits) == {"sukarno"}
    assert matched(screen("AGUS SALIM", "1980-02-01")) == {"salim"}


def test_year_only_birth_date_matches_a_rare_name(screen: Screen) -> None:
    hits = screen("KARTOSUWIRYO PRAWIROHARJO SASTROWARDOYO", "1952-08-30")
    assert matched(hits) == {"yearonly"}
    assert hits[0].explanation.birth_date.startswith("year agrees")


def test_hits_come_best_first_and_carry_readable_reasons(screen: Screen) -> None:
    hits = screen("SITI RAHAYU", "1970-05-12")
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert "birth date: exact" in hits[0].explanation.summary()
    assert hits[0].to_dict(explain=True)["explanation"]["words"]


def _undated_list(listed: list[dict[str, Any]]) -> Screen:
    undated = {
        "id": "undated",
        "names": ["Zubair Nasrullah Kartawinata"],
        "birth_date": None,
        "list": "wanted",
    }
    index = WatchlistIndex.build(parse_entry(raw) for raw in [*listed, undated])

    def screen_one(name: str, born: str) -> list[Hit]:
        return index.screen(
            ScreeningQuery("q", name, dt.date.fromisoformat(born), "IDN"), on=dt.date(2026, 6, 1)
        )

    return screen_one


def test_spoken_indonesian_spellings_meet(listed: list[dict[str, Any]]) -> None:
    # ai is said e: ZUBEIR is ZUBAIR.
    hits = _undated_list(listed)("ZUBEIR NASRULLAH KARTAWINATA", "1977-03-01")
    assert matched(hits) == {"undated"}
    assert "phonetic" in {match.kind for match in hits[0].explanation.words}


def test_undated_entry_with_a_rare_name_still_stops_the_traveller(listed: list[dict[str, Any]]) -> None:
    hits = _undated_list(listed)("ZUBAIR NASRULLAH KARTAWINATA", "1990-12-31")
    assert matched(hits) == {"undated"}
    assert hits[0].explanation.birth_date == "not listed"


def test_evidence_alone_reaches_the_threshold_at_one_namesake_in_a_hundred() -> None:
    from gerbang.screening.index import DEFAULT_THRESHOLD, evidence_score

    assert evidence_score(0.01) == DEFAULT_THRESHOLD
    assert evidence_score(0.001) > DEFAULT_THRESHOLD
    assert evidence_score(0.1) < DEFAULT_THRESHOLD
    assert evidence_score(0.0) <= 0.95


def test_another_nationality_counts_as_ten_times_the_namesakes() -> None:
    listed = {"names": ["ANAND"], "birth_date": "1984-02-23", "nationality": "IND", "list": "wanted"}
    others = [
        parse_entry({"id": f"w{n}", "names": [f"ANAND KUMAR{n}"], "birth_date": "1984", "list": "wanted"})
        for n in range(3)
    ]
    index = WatchlistIndex.build([*others, parse_entry({"id": "anand", **listed})])

    def hit(nationality: str) -> Hit:
        query = ScreeningQuery("q", "ANAND", dt.date(1984, 2, 23), nationality)
        return next(h for h in index.screen(query, on=dt.date(2026, 6, 1)) if h.entry_id == "anand")

    same, other = hit("IND"), hit("IDN")
    assert same.explanation.expected_namesakes is not None
    assert other.explanation.expected_namesakes is not None
    assert other.explanation.expected_namesakes == pytest.approx(10 * same.explanation.expected_namesakes)
    assert other.score < same.score
