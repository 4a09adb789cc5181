"""Names with no primary identifier (P<IND<<RAHUL) and Indonesian single names are read and screened."""

from __future__ import annotations

import datetime as dt

import pytest

from gerbang.documents import make_zone, parse_zone
from gerbang.documents.names import screening_name
from gerbang.screening import ScreeningQuery, WatchlistIndex, parse_entry

ON = dt.date(2026, 6, 1)


def _zone(surname: str, given_names: str, state: str = "IDN") -> list[str]:
    return make_zone(
        format="TD3",
        document_type="P",
        issuing_state=state,
        surname=surname,
        given_names=given_names,
        document_number="X1234567",
        nationality=state,
        birth_date="610817",
        sex="M",
        expiry_date="300101",
    )


def _listed(name: str) -> WatchlistIndex:
    return WatchlistIndex.build(
        [
            parse_entry(
                {
                    "id": "listed",
                    "names": [name],
                    "birth_date": "1961-08-17",
                    "nationality": None,
                    "list": "exit-ban",
                }
            )
        ]
    )


def _screened(index: WatchlistIndex, lines: list[str]) -> set[str]:
    reading = parse_zone(lines)
    query = ScreeningQuery(
        "q", screening_name(reading.surname, reading.given_names), dt.date(1961, 8, 17), None
    )
    return {hit.entry_id for hit in index.screen(query, on=ON) if hit.match}


def test_name_with_no_primary_identifier_is_read_as_given_name_only() -> None:
    lines = _zone("", "RAHUL", "IND")
    assert lines[0].startswith("P<IND<<RAHUL<<<")
    reading = parse_zone(lines)
    assert reading.valid
    assert (reading.surname, reading.given_names) == ("", "RAHUL")
    assert screening_name(reading.surname, reading.given_names) == "RAHUL"


def test_zone_of_fillers_only_is_still_refused_a_name() -> None:
    lines = _zone("", "RAHUL", "IND")
    blank = [lines[0][:5] + "<" * 39, lines[1]]
    assert any(issue.field == "name" for issue in parse_zone(blank).errors)


@pytest.mark.parametrize(
    ("surname", "given"),
    [("", "SUKARNO"), ("SUKARNO", ""), ("SUKARNO", "SUKARNO")],
    ids=["secondary-only", "primary-only", "written-twice"],
)
def test_indonesian_single_name_written_any_way_finds_the_listed_person(surname: str, given: str) -> None:
    assert _screened(_listed("SUKARNO"), _zone(surname, given)) == {"listed"}


def test_single_name_with_a_listed_fathers_name_is_found() -> None:
    assert _screened(_listed("SUPARMAN BIN KARTOREDJO"), _zone("", "SUPARMAN")) == {"listed"}


def test_name_cut_at_the_field_length_finds_the_full_listed_name() -> None:
    listed = _listed("MUHAMMAD ABDURRAHMAN HADIKUSUMO WIRYOSUPRAPTO BIN SASTROWARDOYO")
    lines = _zone("WIRYOSUPRAPTO", "MUHAMMAD ABDURRAHMAN HADIKUSUMO BIN SASTROWARDOYO")
    assert parse_zone(lines).name_truncated
    assert _screened(listed, lines) == {"listed"}
