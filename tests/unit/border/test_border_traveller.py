"""The traveller built from a zone read at the lane: dates resolved, fields normalised, problems kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from gerbang.border.domain import Traveller
from gerbang.documents import make_zone, parse_zone

MakePassport = Callable[..., Traveller]


def test_zone_dates_are_resolved_to_full_dates(passport: MakePassport) -> None:
    traveller = passport(nationality="AUS", birth="851231", expiry=date(2031, 7, 15))
    assert traveller.birth_date == date(1985, 12, 31)
    assert traveller.expiry_date == date(2031, 7, 15)
    assert traveller.nationality == "AUS"
    assert traveller.document_number == "A12345678"
    assert traveller.failed_checks == ()
    assert traveller.zone_errors == ()


def test_indonesian_nationality_is_a_citizen(passport: MakePassport) -> None:
    assert passport(nationality="IDN").citizen
    assert not passport(nationality="MYS").citizen


def test_failed_check_digit_is_named_not_raised(passport: MakePassport) -> None:
    traveller = passport(broken=True)
    assert traveller.failed_checks == ("document_number", "composite")
    # Check-digit failures are not repeated among the other zone problems.
    assert traveller.zone_errors == ()


def test_birth_date_with_unknown_day_and_month_is_none(passport: MakePassport) -> None:
    traveller = passport(birth="85<<<<")
    assert traveller.birth_date is None
    assert traveller.age_on(date(2025, 1, 1)) is None


def test_age_counts_whole_years_turning_on_the_birthday(passport: MakePassport) -> None:
    traveller = passport(birth="190310")
    assert traveller.age_on(date(2025, 3, 9)) == 5
    assert traveller.age_on(date(2025, 3, 10)) == 6


def test_visa_sticker_zone_is_not_a_passport() -> None:
    lines = make_zone(
        format="MRVA",
        document_type="V",
        issuing_state="IDN",
        surname="Smith",
        given_names="John",
        document_number="V1234567",
        nationality="GBR",
        birth_date="800101",
        sex="M",
        expiry_date="260101",
    )
    traveller = Traveller.from_zone(parse_zone(lines), today=date(2025, 3, 10))
    assert not traveller.passport
    assert traveller.nationality == "GBR"


def test_utopia_is_a_specimen(passport: MakePassport) -> None:
    assert passport(nationality="UTO").specimen
    assert not passport(nationality="NLD").specimen
