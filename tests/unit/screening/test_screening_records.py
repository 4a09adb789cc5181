"""Entries and queries are read from JSON, and a bad field is named."""

from __future__ import annotations

import datetime as dt

import pytest

from gerbang.kernel.errors import InvalidInput
from gerbang.screening import PartialDate, entry_to_dict, parse_entry, parse_query

ENTRY = {
    "id": "e1",
    "names": ["Budi"],
    "birth_date": "1970-05",
    "nationality": "idn",
    "documents": ["A1"],
    "list": "wanted",
    "valid_until": "2027-01-01",
}


def test_entry_round_trips() -> None:
    entry = parse_entry(ENTRY)
    assert entry.birth_date == PartialDate(1970, 5)
    assert entry.nationality == "IDN"
    assert entry.list_kind == "wanted"
    assert entry.valid_until == dt.date(2027, 1, 1)
    assert parse_entry(entry_to_dict(entry)) == entry


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": None}, "id"),
        ({"list": "blacklist"}, "list"),
        ({"birth_date": "1970-13"}, "birth_date"),
        ({"nationality": "ID"}, "nationality"),
        ({"names": "Budi"}, "names"),
        ({"valid_until": "2027"}, "valid_until"),
    ],
)
def test_bad_entry_field_is_named(change: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_entry(ENTRY | change)
    assert raised.value.field == field


def test_query_needs_a_real_full_birth_date() -> None:
    query = {
        "id": "q",
        "name": "BUDI",
        "birth_date": "1970-02-30",
        "nationality": "IDN",
        "document_number": "X",
    }
    with pytest.raises(InvalidInput) as raised:
        parse_query(query)
    assert raised.value.field == "birth_date"
    assert parse_query(query | {"birth_date": "1970-02-28"}).birth_date == dt.date(1970, 2, 28)


def test_missing_query_name_is_named() -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_query({"id": "q", "birth_date": "1970-01-01"})
    assert raised.value.field == "name"
