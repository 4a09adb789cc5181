"""Zone dates (YYMMDD): which are real, and which century a two-digit year belongs to."""

from __future__ import annotations

import calendar
from datetime import date

from gerbang.kernel.errors import InvalidInput

# Expiry dates are read into the window [reference year - 50, reference year + 49]: a document
# expired half a century ago or valid for more than that is not something a zone can express.
_EXPIRY_PAST_YEARS = 50


def is_real_date(yymmdd: str) -> bool:
    """Return whether `yymmdd` is six digits naming a day that exists (29 February in years % 4 == 0)."""
    if len(yymmdd) != 6 or not yymmdd.isascii() or not yymmdd.isdigit():
        return False
    year, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    # 2000 + yy gives the right leap years for 1901–2099 and for 2000 itself.
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000 + year, month)[1]


def is_valid_birth_date(yymmdd: str) -> bool:
    """Return whether `yymmdd` is a birth date as Doc 9303 allows it.

    Beside a real date, fillers may stand for an unknown day (YYMM<<), month and day (YY<<<<),
    or the whole date (<<<<<<).
    """
    if yymmdd in ("<<<<<<",):
        return True
    if yymmdd.endswith("<<<<") and len(yymmdd) == 6:
        return yymmdd[:2].isascii() and yymmdd[:2].isdigit()
    if yymmdd.endswith("<<") and len(yymmdd) == 6:
        head = yymmdd[:4]
        return head.isascii() and head.isdigit() and 1 <= int(head[2:]) <= 12
    return is_real_date(yymmdd)


def _parts(yymmdd: str) -> tuple[int, int, int]:
    if not is_real_date(yymmdd):
        raise InvalidInput("mrz.not_yymmdd", field="date", yymmdd=yymmdd)
    return int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 29 February of 1900 or 2100
        return None


def resolve_birth_date(yymmdd: str, *, today: date) -> date:
    """Return the full birth date: the latest century that does not put it after `today`."""
    yy, month, day = _parts(yymmdd)
    century = today.year // 100 * 100
    for candidate_century in (century, century - 100, century - 200):
        found = _make(candidate_century + yy, month, day)
        if found is not None and found <= today:
            return found
    raise InvalidInput("mrz.birth_no_day", field="birth_date", yymmdd=yymmdd, today=today)


def resolve_expiry_date(yymmdd: str, *, today: date, max_validity_years: int | None = None) -> date:
    """Return the full expiry date: the century placing it within 50 years before `today` or 49 after.

    With `max_validity_years` (the longest the document is ever issued for) the ICAO reading applies
    instead: the latest century that puts the expiry no more than that many years after `today`.
    """
    yy, month, day = _parts(yymmdd)
    if max_validity_years is not None:
        latest = today.year + max_validity_years
        year = latest - (latest - yy) % 100
        # Same year but a later day than the limit allows: the century before.
        if (month, day) > (today.month, today.day) and year == latest:
            year -= 100
        found = _make(year, month, day)
        if found is None:
            raise InvalidInput("mrz.expiry_no_day", field="expiry_date", yymmdd=yymmdd, today=today)
        return found
    first_year = today.year - _EXPIRY_PAST_YEARS
    year = first_year + (yy - first_year) % 100
    found = _make(year, month, day)
    if found is None:
        raise InvalidInput("mrz.expiry_no_day", field="expiry_date", yymmdd=yymmdd, today=today)
    return found
