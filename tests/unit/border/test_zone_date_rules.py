"""Two-digit years read the ICAO way, field by field, across the century boundaries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from gerbang.border.domain import Traveller
from gerbang.documents import make_zone, parse_zone, resolve_birth_date, resolve_expiry_date

MakePassport = Callable[..., Traveller]


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("991231", date(2000, 1, 1), date(1999, 12, 31)),  # the day before, across the century
        ("000101", date(2000, 1, 1), date(2000, 1, 1)),  # born today
        ("000102", date(2000, 1, 1), date(1900, 1, 2)),  # tomorrow is never a birth date
        ("991231", date(2099, 12, 31), date(2099, 12, 31)),
        ("000101", date(2099, 12, 31), date(2000, 1, 1)),
    ],
)
def test_a_birth_date_is_never_in_the_future(text: str, today: date, expected: date) -> None:
    assert resolve_birth_date(text, today=today) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("340620", date(2024, 6, 20), date(2034, 6, 20)),  # exactly ten years ahead
        ("340621", date(2024, 6, 20), date(1934, 6, 21)),  # a day beyond ten years is the past
        ("730101", date(2024, 6, 20), date(1973, 1, 1)),  # not 2073: no passport lasts 49 years
        ("000101", date(1999, 6, 1), date(2000, 1, 1)),  # across 2000, forwards
        ("991231", date(2000, 1, 1), date(1999, 12, 31)),  # across 2000, backwards
        ("050301", date(2095, 3, 1), date(2105, 3, 1)),  # across 2100
        ("050302", date(2095, 3, 1), date(2005, 3, 2)),
    ],
)
def test_a_passport_expiry_is_at_most_ten_years_ahead(text: str, today: date, expected: date) -> None:
    assert resolve_expiry_date(text, today=today, max_validity_years=10) == expected


def test_expiry_resolution_without_a_validity_keeps_the_wide_window() -> None:
    assert resolve_expiry_date("730101", today=date(2024, 6, 20)) == date(2073, 1, 1)


def test_a_passport_zone_expiring_in_a_far_two_digit_year_reads_as_expired(
    passport: MakePassport,
) -> None:
    # "45" read in 2025 cannot be 2045 on a passport: it is 1945, and the rules refuse an expired one.
    traveller = passport(nationality="AUS", expiry=date(2045, 1, 1), today=date(2025, 3, 10))
    assert traveller.expiry_date == date(1945, 1, 1)
    assert passport(nationality="AUS", expiry=date(2034, 1, 1)).expiry_date == date(2034, 1, 1)


def test_an_identity_card_may_expire_further_ahead_than_a_passport() -> None:
    lines = make_zone(
        format="TD1",
        document_type="I",
        issuing_state="AUS",
        surname="Citizen",
        given_names="Jane",
        document_number="X1234567",
        nationality="AUS",
        birth_date="900101",
        sex="F",
        expiry_date="410101",
    )
    card = Traveller.from_zone(parse_zone(lines), today=date(2025, 3, 10))
    assert card.expiry_date == date(2041, 1, 1)
