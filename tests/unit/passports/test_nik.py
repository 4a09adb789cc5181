"""NIK structure: province, birth date with the +40 day for women, and agreement with the application."""

from __future__ import annotations

from datetime import date

import pytest

from gerbang.kernel.errors import InvalidInput, MalformedInput
from gerbang.passports.domain.nik import Sex, check_nik, parse_nik


def test_a_womans_nik_adds_forty_to_the_day() -> None:
    nik = check_nik("3174055504900001", birth_date=date(1990, 4, 15), sex=Sex.FEMALE)
    assert (nik.province, nik.birth_day, nik.birth_month, nik.sex) == (31, 15, 4, Sex.FEMALE)


def test_a_mans_nik_reads_the_day_as_written() -> None:
    assert check_nik("5171011506850002", birth_date=date(1985, 6, 15), sex=Sex.MALE).sex is Sex.MALE


@pytest.mark.parametrize("text", ["123", "31740555049000ab", "31740555049000011"])
def test_a_nik_needs_sixteen_digits(text: str) -> None:
    with pytest.raises(MalformedInput, match="16 digits"):
        parse_nik(text)


def test_an_unknown_province_is_named() -> None:
    with pytest.raises(InvalidInput, match="starts with 99"):
        parse_nik("9974055504900001")


def test_an_impossible_birth_date_is_refused() -> None:
    with pytest.raises(InvalidInput, match="DDMMYY"):
        parse_nik("3174053513900001")  # month 13


def test_a_zero_serial_is_refused() -> None:
    with pytest.raises(InvalidInput, match="0000"):
        parse_nik("3174055504900000")


def test_a_birth_date_mismatch_names_both_dates() -> None:
    with pytest.raises(InvalidInput, match="15-04-90") as caught:
        check_nik("3174055504900001", birth_date=date(1990, 4, 16), sex=Sex.FEMALE)
    assert caught.value.field == "birth_date"


def test_a_sex_mismatch_names_the_field() -> None:
    with pytest.raises(InvalidInput, match="female NIK") as caught:
        check_nik("3174055504900001", birth_date=date(1990, 4, 15), sex=Sex.MALE)
    assert caught.value.field == "sex"
