"""A traveller's birth date is compared with listed dates exactly, partly, swapped or one digit off."""

from __future__ import annotations

import datetime as dt

from gerbang.screening.dates import compatible_dates, describe, pack
from gerbang.screening.records import PartialDate

BORN = dt.date(1975, 3, 21)


def _outcome(listed: PartialDate | None) -> str | None:
    return compatible_dates(BORN).get(pack(listed))


def test_exact_partial_and_unknown_dates_agree() -> None:
    assert _outcome(PartialDate(1975, 3, 21)) == "exact"
    assert _outcome(PartialDate(1975, 3)) == "year and month agree, day not listed"
    assert _outcome(PartialDate(1975)) == "year agrees, month and day not listed"
    assert _outcome(None) == "not listed"


def test_swapped_and_one_digit_off_dates_agree_weakly() -> None:
    assert compatible_dates(dt.date(1975, 3, 4)).get(pack(PartialDate(1975, 4, 3))) == "day and month swapped"
    assert _outcome(PartialDate(1976, 3, 21)) == "one digit differs"
    assert _outcome(PartialDate(1975, 3, 27)) == "one digit differs"
    assert _outcome(PartialDate(1985, 3, 21)) == "one digit differs"


def test_clearly_different_dates_do_not_agree() -> None:
    assert _outcome(PartialDate(1982, 7, 2)) is None
    assert _outcome(PartialDate(1974)) is None


def test_packed_dates_describe_themselves() -> None:
    assert describe(pack(PartialDate(1975, 3))) == "1975-03"
    assert describe(0) == ""
