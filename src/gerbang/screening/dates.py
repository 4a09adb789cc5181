"""Birth dates: compact packing and which listed dates a traveller's date may stand for."""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

from gerbang.screening.records import PartialDate

# How much a birth-date agreement is worth; a date that agrees in none of these ways rules the
# entry out, because a clearly different birth date means a different person.
DATE_FACTORS: dict[str, float] = {
    "exact": 1.0,
    "year and month agree, day not listed": 0.95,
    "day and month swapped": 0.92,
    "year agrees, month and day not listed": 0.9,
    "one digit differs": 0.88,
    "year off by one": 0.86,
    "not listed": 0.92,
    "not given": 0.87,
}

# How much each agreement says, in nats: the log of how many birth dates it leaves open among
# the ~24,000 days of a lifetime span.
DATE_EVIDENCE: dict[str, float] = {
    "exact": math.log(24000),
    "year and month agree, day not listed": math.log(800),
    "day and month swapped": math.log(12000),
    "year agrees, month and day not listed": math.log(66),
    "one digit differs": math.log(600),
    "year off by one": math.log(12000),
    "not listed": 0.0,
    "not given": 0.0,
}


def pack(date: PartialDate | None) -> int:
    """Return YYYYMMDD as one integer, unknown parts as zeros (0 for no date)."""
    if date is None:
        return 0
    return date.year * 10000 + (date.month or 0) * 100 + (date.day or 0)


def pack_day(day: dt.date) -> int:
    """Return a full date as YYYYMMDD."""
    return day.year * 10000 + day.month * 100 + day.day


def _real(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _one_digit_off(day: dt.date) -> list[int]:
    text = f"{day.year:04d}{day.month:02d}{day.day:02d}"
    found: list[int] = []
    for position, digit in enumerate(text):
        for other in "0123456789":
            if other == digit:
                continue
            variant = text[:position] + other + text[position + 1 :]
            year, month, date = int(variant[:4]), int(variant[4:6]), int(variant[6:])
            if year >= 1800 and _real(year, month, date):
                found.append(int(variant))
    return found


@lru_cache(maxsize=50_000)
def compatible_dates(day: dt.date) -> dict[int, str]:
    """Return every packed listed date that a traveller born on `day` may match, with how it agrees."""
    outcomes: dict[int, str] = {0: "not listed"}
    for packed in _one_digit_off(day):
        outcomes[packed] = "one digit differs"
    for year in (day.year - 1, day.year + 1):
        if _real(year, day.month, day.day):
            outcomes.setdefault(year * 10000 + day.month * 100 + day.day, "year off by one")
    if day.day <= 12 and day.day != day.month:
        outcomes[day.year * 10000 + day.day * 100 + day.month] = "day and month swapped"
    outcomes[day.year * 10000] = "year agrees, month and day not listed"
    outcomes[day.year * 10000 + day.month * 100] = "year and month agree, day not listed"
    outcomes[pack_day(day)] = "exact"
    return outcomes


def describe(packed: int) -> str:
    """Return a packed date in ISO form ('1975', '1975-03', '1975-03-21'), or '' for none."""
    if packed == 0:
        return ""
    year, month, day = packed // 10000, packed // 100 % 100, packed % 100
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
