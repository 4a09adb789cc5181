"""Zone dates: real days only, and two-digit years placed in the right century."""

from __future__ import annotations

from datetime import date

import pytest

from gerbang.documents import is_real_date, resolve_birth_date, resolve_expiry_date
from gerbang.documents.dates import is_valid_birth_date
from gerbang.kernel.errors import InvalidInput

TODAY = date(2024, 6, 20)


@pytest.mark.parametrize("text", ["740812", "000229", "991231", "240229"])
def test_real_dates_are_accepted(text: str) -> None:
    assert is_real_date(text)


@pytest.mark.parametrize("text", ["741312", "740800", "740431", "010229", "74081", "7408121", "74O812", ""])
def test_impossible_or_misshaped_dates_are_refused(text: str) -> None:
    assert not is_real_date(text)


@pytest.mark.parametrize("text", ["7408<<", "74<<<<", "<<<<<<"])
def test_birth_date_may_leave_unknown_parts_as_fillers(text: str) -> None:
    assert is_valid_birth_date(text)


@pytest.mark.parametrize("text", ["7413<<", "<<0812", "74<8<<"])
def test_birth_date_fillers_only_stand_for_trailing_unknown_parts(text: str) -> None:
    assert not is_valid_birth_date(text)


def test_birth_date_resolves_to_the_past() -> None:
    assert resolve_birth_date("740812", today=TODAY) == date(1974, 8, 12)
    assert resolve_birth_date("240620", today=TODAY) == date(2024, 6, 20)
    assert resolve_birth_date("240621", today=TODAY) == date(1924, 6, 21)


def test_birth_on_29_february_2000_resolves_to_2000() -> None:
    assert resolve_birth_date("000229", today=TODAY) == date(2000, 2, 29)


def test_expiry_date_resolves_within_the_next_decades() -> None:
    assert resolve_expiry_date("340101", today=TODAY) == date(2034, 1, 1)
    assert resolve_expiry_date("120415", today=TODAY) == date(2012, 4, 15)
    assert resolve_expiry_date("730101", today=TODAY) == date(2073, 1, 1)
    assert resolve_expiry_date("750101", today=TODAY) == date(1975, 1, 1)


def test_resolving_an_impossible_date_is_refused() -> None:
    with pytest.raises(InvalidInput):
        resolve_birth_date("741312", today=TODAY)
    with pytest.raises(InvalidInput):
        resolve_expiry_date("7408<<", today=TODAY)
