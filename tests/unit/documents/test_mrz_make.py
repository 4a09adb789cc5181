"""Making a zone: check digits computed, names transliterated and truncated, bad fields refused."""

from __future__ import annotations

from typing import Any

import pytest

from gerbang.documents import compose_zone, make_zone, parse_zone
from gerbang.kernel.errors import InvalidInput

BASE: dict[str, Any] = {
    "format": "TD3",
    "document_type": "P",
    "issuing_state": "IDN",
    "surname": "Santoso",
    "given_names": "Budi",
    "document_number": "X1234567",
    "nationality": "IDN",
    "birth_date": "900101",
    "sex": "M",
    "expiry_date": "300101",
}


def _make(**overrides: Any) -> list[str]:
    return make_zone(**{**BASE, **overrides})


def test_made_passport_zone_is_valid_with_every_field_in_place() -> None:
    lines = _make(optional_data="1234 5678")
    assert lines == [
        "P<IDNSANTOSO<<BUDI<<<<<<<<<<<<<<<<<<<<<<<<<<",
        "X1234567<7IDN9001011M3001019" + lines[1][28:],
    ]
    reading = parse_zone(lines)
    assert reading.valid
    assert reading.optional_data == "1234<5678"


def test_names_are_transliterated() -> None:
    reading = parse_zone(_make(surname="Müller-Lüdenscheidt", given_names="Zoë Ångström"))
    assert (reading.surname, reading.given_names) == ("MUELLER LUEDENSCHEIDT", "ZOE AANGSTROEM")


def test_long_given_names_are_cut_from_the_end_and_truncation_is_reported() -> None:
    zone = compose_zone(
        **{**BASE, "surname": "Nilavadhanananda", "given_names": "Chayapa Dejthamrong Krasuang"}
    )
    assert zone.name_truncated
    assert zone.lines[0] == "P<IDNNILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K"
    reading = parse_zone(list(zone.lines))
    assert reading.valid
    assert reading.name_truncated


def test_very_long_surname_keeps_an_initial_of_the_given_names() -> None:
    zone = compose_zone(**{**BASE, "format": "TD1", "document_type": "I", "surname": "A" * 40})
    assert zone.name_truncated
    assert zone.lines[2] == "A" * 27 + "<<B"


def test_name_that_fits_is_not_reported_as_truncated() -> None:
    assert not compose_zone(**BASE).name_truncated


def test_td1_document_number_longer_than_nine_is_extended_into_optional_data() -> None:
    lines = _make(format="TD1", document_type="I", document_number="D23145890734", optional_data="ABC")
    assert lines[0] == "I<IDND23145890<7349<ABC<<<<<<<"
    reading = parse_zone(lines)
    assert reading.valid
    assert (reading.document_number, reading.optional_data) == ("D23145890734", "ABC")


def test_td3_document_number_longer_than_nine_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        _make(document_number="D23145890734")
    assert caught.value.field == "document_number"


def test_td1_second_optional_data_is_written_on_line_two() -> None:
    lines = _make(format="TD1", document_type="ID", optional_data_2="XYZ")
    assert lines[1][18:21] == "XYZ"
    assert parse_zone(lines).optional_data_2 == "XYZ"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("issuing_state", "ZZZ"),
        ("nationality", "INDONESIA"),
        ("birth_date", "901301"),
        ("expiry_date", "30-01-01"),
        ("sex", "Q"),
        ("document_type", "V"),
        ("surname", "佐藤"),
        ("optional_data", "A" * 15),
        ("format", "TD4"),
    ],
)
def test_fields_that_cannot_be_written_are_refused(field: str, value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        _make(**{field: value})
    assert caught.value.field in {field, "name"}


def test_a_name_with_neither_part_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        _make(surname="   ", given_names="")
    assert caught.value.field == "surname"
