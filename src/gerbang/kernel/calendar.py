"""Indonesian working days: weekends, public holidays (the `holidays` package) and collective leave."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _public_holidays(year: int) -> frozenset[date]:
    # Built once per year: constructing the holiday table is far slower than a set lookup.
    return frozenset(holidays.country_holidays("ID", years=year))


class WorkingCalendar:
    """Working days in Indonesia, with extra collective-leave days (cuti bersama) given as data."""

    def __init__(self, extra_leave: Iterable[date] = ()) -> None:
        # Collective leave is decreed each year by joint ministerial decree, so it is data, not code.
        self.extra_leave = frozenset(extra_leave)

    def is_holiday(self, day: date) -> bool:
        return day in _public_holidays(day.year) or day in self.extra_leave

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday, and neither a public holiday nor a collective-leave day."""
        return day.weekday() < 5 and not self.is_holiday(day)

    def add_working_days(self, day: date, n: int) -> date:
        """The working day `n` working days after `day` (`n` = 0 returns `day` itself)."""
        if n < 0:
            raise ValueError("n must not be negative")
        current = day
        while n > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                n -= 1
        return current

    def next_working_day(self, day: date) -> date:
        """`day` if it is a working day, else the first working day after it."""
        current = day
        while not self.is_working_day(current):
            current += timedelta(days=1)
        return current


def is_working_day(day: date, *, extra_leave: Iterable[date] = ()) -> bool:
    """Whether `day` is an Indonesian working day."""
    return WorkingCalendar(extra_leave).is_working_day(day)


def add_working_days(day: date, n: int, *, extra_leave: Iterable[date] = ()) -> date:
    """The day `n` Indonesian working days after `day`."""
    return WorkingCalendar(extra_leave).add_working_days(day, n)
