"""Arrivals at the hall from a flight schedule, spread by the walk from the gate."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from gerbang.border.domain.queueing.forecast import Flight, WalkTime, forecast, read_schedule
from gerbang.kernel.errors import InvalidInput

WIB = timezone(timedelta(hours=7))
DAY = date(2025, 3, 10)


def test_a_flights_passengers_all_reach_the_hall_split_by_citizenship() -> None:
    flight = Flight("GA881", datetime(2025, 3, 10, 6, 0, tzinfo=WIB), 300, 0.4, crew=12)
    made = forecast([flight], WalkTime.triangular(5, 12, 30))
    assert made is not None
    assert sum(made.series("citizens")) == pytest.approx(120)
    assert sum(made.series("foreigners")) == pytest.approx(180)
    assert sum(made.series("crew")) == pytest.approx(12)
    assert made.start == datetime(2025, 3, 10, 6, 0, tzinfo=WIB)


def test_the_actual_on_block_time_replaces_the_scheduled_one() -> None:
    late = Flight(
        "SQ956",
        datetime(2025, 3, 10, 6, 0, tzinfo=WIB),
        100,
        0.0,
        actual_on_block=datetime(2025, 3, 10, 7, 0, tzinfo=WIB),
    )
    made = forecast([late], WalkTime.discrete({10: 1.0}))
    assert made is not None
    assert made.start == datetime(2025, 3, 10, 7, 0, tzinfo=WIB)


def test_a_longer_walk_moves_arrivals_to_later_slices() -> None:
    flight = Flight("QR956", datetime(2025, 3, 10, 6, 0, tzinfo=WIB), 200, 0.0)
    short = forecast([flight], WalkTime.discrete({5: 1.0}))
    long = forecast([flight], WalkTime.discrete({40: 1.0}))
    assert short is not None
    assert long is not None
    assert short.start < long.start
    assert long.start == datetime(2025, 3, 10, 6, 30, tzinfo=WIB)


def test_a_csv_schedule_with_hh_mm_times_and_percentages_is_read() -> None:
    text = "flight,scheduled_on_block,actual_on_block,passengers,citizen_share\nGA881,06:05,06:20,300,40%\n"
    [flight] = read_schedule(text, day=DAY, tz=WIB)
    assert flight.on_block == datetime(2025, 3, 10, 6, 20, tzinfo=WIB)
    assert flight.citizen_share == pytest.approx(0.4)


def test_a_json_schedule_is_read() -> None:
    text = (
        '[{"flight": "SQ956", "scheduled_on_block": "2025-03-10T06:00:00+07:00", '
        '"passengers": 250, "citizen_share": 0.3}]'
    )
    [flight] = read_schedule(text, day=DAY, tz=WIB)
    assert flight.passengers == 250
    assert flight.actual_on_block is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("flight,scheduled_on_block,passengers\nGA1,06:00,10\n", "citizen_share"),
        ("flight,scheduled_on_block,passengers,citizen_share\nGA1,06:00,many,0.5\n", "row 1"),
        ("flight,scheduled_on_block,passengers,citizen_share\nGA1,2025-03-10T06:00,10,0.5\n", "UTC offset"),
        ("flight,scheduled_on_block,passengers,citizen_share\nGA1,06:00,10,150\n", "citizen_share"),
        ("[1, 2]", "expected an object"),
        ("{not json", "not valid JSON"),
        ("", "empty"),
    ],
)
def test_a_bad_schedule_is_refused_with_the_row_and_field(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        read_schedule(text, day=DAY, tz=WIB)


def test_walk_times_must_be_ordered() -> None:
    with pytest.raises(InvalidInput):
        WalkTime.triangular(20, 10, 30)
