"""The ICAO Doc 9303 specimens of every format read as valid, field by field."""

from __future__ import annotations

import pytest

from gerbang.documents import ZoneFormat, make_zone, parse_zone

TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
TD2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]
TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
MRVA = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"]
MRVB = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"]


def test_td3_specimen_reads_every_field() -> None:
    reading = parse_zone(TD3)
    assert reading.valid
    assert reading.format is ZoneFormat.TD3
    assert (reading.document_type, reading.issuing_state, reading.nationality) == ("P", "UTO", "UTO")
    assert (reading.surname, reading.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert reading.document_number == "L898902C3"
    assert (reading.birth_date, reading.sex, reading.expiry_date) == ("740812", "F", "120415")
    assert reading.optional_data == "ZE184226B"
    assert reading.checks == {
        "document_number": True,
        "birth_date": True,
        "expiry_date": True,
        "personal_number": True,
        "composite": True,
    }
    assert reading.errors == ()
    assert not reading.name_truncated


def test_td1_specimen_reads_every_field() -> None:
    reading = parse_zone(TD1)
    assert reading.valid
    assert reading.format is ZoneFormat.TD1
    assert reading.document_type == "I"
    assert reading.document_number == "D23145890"
    assert (reading.surname, reading.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert (reading.birth_date, reading.sex, reading.expiry_date) == ("740812", "F", "120415")
    assert set(reading.checks) == {"document_number", "birth_date", "expiry_date", "composite"}


def test_td2_specimen_reads_every_field() -> None:
    reading = parse_zone(TD2)
    assert reading.valid
    assert reading.format is ZoneFormat.TD2
    assert reading.document_number == "D23145890"
    assert reading.nationality == "UTO"
    assert set(reading.checks) == {"document_number", "birth_date", "expiry_date", "composite"}


def test_mrv_a_specimen_is_a_visa_without_composite_check() -> None:
    reading = parse_zone(MRVA)
    assert reading.valid
    assert reading.format is ZoneFormat.MRVA
    assert reading.document_type == "V"
    assert reading.document_number == "L8988901C"
    assert reading.nationality == "XXX"
    assert (reading.birth_date, reading.expiry_date) == ("400907", "961210")
    assert reading.optional_data == "6ZE184226B"
    assert set(reading.checks) == {"document_number", "birth_date", "expiry_date"}


def test_mrv_b_specimen_is_a_visa_without_composite_check() -> None:
    reading = parse_zone(MRVB)
    assert reading.valid
    assert reading.format is ZoneFormat.MRVB
    assert set(reading.checks) == {"document_number", "birth_date", "expiry_date"}


@pytest.mark.parametrize(
    ("lines", "fmt"),
    [(TD1, "TD1"), (TD2, "TD2"), (TD3, "TD3"), (MRVA, "MRVA"), (MRVB, "MRVB")],
)
def test_making_a_specimen_from_its_fields_gives_the_specimen_back(lines: list[str], fmt: str) -> None:
    r = parse_zone(lines)
    made = make_zone(
        format=fmt,
        document_type=r.document_type,
        issuing_state=r.issuing_state,
        surname="Eriksson",
        given_names="Anna María",
        document_number=r.document_number,
        nationality=r.nationality,
        birth_date=r.birth_date,
        sex=r.sex,
        expiry_date=r.expiry_date,
        optional_data=r.optional_data,
    )
    assert made == lines


def test_a_single_string_is_split_into_lines() -> None:
    assert parse_zone("\n".join(TD3)).valid
