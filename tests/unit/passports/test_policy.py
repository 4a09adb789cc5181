"""Fees by date (PP 28/2019, then PP 45/2024) and when a passport is ready."""

from __future__ import annotations

from datetime import date

import pytest

from gerbang.kernel.calendar import WorkingCalendar
from gerbang.kernel.errors import InvalidInput
from gerbang.passports.domain.policy import Kind, Service
from gerbang.passports.packaged_policy import load_policy

POLICY = load_policy()


def test_a_same_day_e_passport_in_june_2024_cost_1_650_000() -> None:
    fee = POLICY.fee(Kind.ELECTRONIC, 5, Service.SAME_DAY, date(2024, 6, 20))
    assert (fee.base_idr, fee.surcharge_idr, fee.total_idr) == (650_000, 1_000_000, 1_650_000)
    assert "PP 28/2019" in fee.source


@pytest.mark.parametrize(
    ("kind", "years", "amount"),
    [
        (Kind.ORDINARY, 5, 350_000),
        (Kind.ORDINARY, 10, 650_000),
        (Kind.ELECTRONIC, 5, 650_000),
        (Kind.ELECTRONIC, 10, 950_000),
    ],
)
def test_pp_45_2024_fees(kind: Kind, years: int, amount: int) -> None:
    fee = POLICY.fee(kind, years, Service.REGULAR, date(2025, 1, 6))
    assert fee.total_idr == amount
    assert "PP 45/2024" in fee.source


def test_ten_years_was_not_offered_before_pp_45_2024() -> None:
    with pytest.raises(InvalidInput, match="choose 5 years") as caught:
        POLICY.fee(Kind.ELECTRONIC, 10, Service.REGULAR, date(2024, 12, 1))
    assert caught.value.field == "validity_years"


def test_regular_is_ready_three_working_days_after_the_interview_skipping_idul_fitri() -> None:
    assert POLICY.ready_on(Service.REGULAR, date(2025, 3, 28), WorkingCalendar()) == date(2025, 4, 4)


def test_same_day_is_ready_the_same_day() -> None:
    assert POLICY.ready_on(Service.SAME_DAY, date(2025, 3, 28), WorkingCalendar()) == date(2025, 3, 28)
