"""Indonesian working days across weekends, New Year, Idul Fitri and collective leave."""

from __future__ import annotations

from datetime import date

import pytest

from gerbang.kernel.calendar import WorkingCalendar, add_working_days, is_working_day


def test_weekends_are_not_working_days() -> None:
    assert not is_working_day(date(2025, 3, 22))  # Saturday
    assert not is_working_day(date(2025, 3, 23))  # Sunday
    assert is_working_day(date(2025, 3, 24))


def test_three_working_days_from_friday_is_wednesday() -> None:
    assert add_working_days(date(2025, 3, 14), 3) == date(2025, 3, 19)


def test_new_year_is_skipped() -> None:
    assert not is_working_day(date(2025, 1, 1))
    assert add_working_days(date(2024, 12, 31), 1) == date(2025, 1, 2)


def test_idul_fitri_and_collective_leave_are_skipped() -> None:
    # Idul Fitri 2025 fell on 31 March and 1 April; cuti bersama ran on 2 to 7 April.
    assert add_working_days(date(2025, 3, 28), 1) == date(2025, 4, 2)
    leave = [date(2025, 4, 2), date(2025, 4, 3), date(2025, 4, 4), date(2025, 4, 7)]
    assert add_working_days(date(2025, 3, 28), 1, extra_leave=leave) == date(2025, 4, 8)
    assert WorkingCalendar(leave).next_working_day(date(2025, 3, 29)) == date(2025, 4, 8)


def test_zero_working_days_is_the_same_day() -> None:
    assert add_working_days(date(2025, 5, 5), 0) == date(2025, 5, 5)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2025, 5, 5), -1)
