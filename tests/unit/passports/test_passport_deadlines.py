"""Service clock rules: due times over weekends and holidays, pickup milestones, what an outage touches."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from gerbang.kernel.calendar import WorkingCalendar
from gerbang.passports.domain import deadlines as rules
from gerbang.passports.domain.deadlines import Window

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
CAL = WorkingCalendar()


def wib(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB).astimezone(UTC)


def test_regular_due_skips_the_weekend() -> None:
    # Interview on Friday 19 June 2026: Mon, Tue, Wed are the three working days.
    assert rules.regular_due(wib(2026, 6, 19, 10), WIB, CAL, 3) == wib(2026, 6, 25, 0)


def test_regular_due_skips_idul_fitri_just_after_the_interview() -> None:
    # Tuesday 9 April 2024; Idul Fitri fell on Wed 10 and Thu 11 April: Fri 12, Mon 15, Tue 16 count.
    assert rules.regular_due(wib(2024, 4, 9, 9), WIB, CAL, 3) == wib(2024, 4, 17, 0)


def test_collective_leave_given_as_data_also_stops_the_count() -> None:
    leave = WorkingCalendar([date(2024, 4, 12)])
    assert rules.regular_due(wib(2024, 4, 9, 9), WIB, leave, 3) == wib(2024, 4, 18, 0)


def test_same_day_is_due_at_local_midnight_of_the_interview_day() -> None:
    # 23:30 UTC on 22 June is already 23 June 06:30 in Jakarta: the Jakarta day counts.
    interviewed = datetime(2026, 6, 22, 23, 30, tzinfo=UTC)
    assert rules.same_day_due(interviewed, WIB) == wib(2026, 6, 24, 0)
    # Denpasar is an hour ahead of Jakarta, so its day ends an hour earlier in UTC.
    bali = rules.same_day_due(datetime(2026, 6, 23, 3, tzinfo=UTC), WITA)
    assert bali == datetime(2026, 6, 23, 16, tzinfo=UTC)


def test_extending_a_due_time_counts_working_days_from_its_day() -> None:
    friday_due = wib(2026, 6, 27, 0)  # the end of Friday 26 June
    assert rules.extend(friday_due, 2, WIB, CAL) == wib(2026, 7, 1, 0)  # Mon 29, Tue 30
    assert rules.due_day(friday_due, WIB) == date(2026, 6, 26)


def test_pickup_reminders_at_14_and_25_days_and_cancellation_at_30() -> None:
    ready = wib(2026, 6, 1, 10)
    milestones = rules.pickup_milestones(ready, [], ready)
    assert [(m.days, m.at - ready, m.cancel) for m in milestones] == [
        (14, timedelta(days=14), False),
        (25, timedelta(days=25), False),
        (30, timedelta(days=30), True),
    ]
    assert rules.due_milestone(milestones, ready + timedelta(days=13)) is None
    assert rules.due_milestone(milestones, ready + timedelta(days=20)) == milestones[0]
    # A clock that was stopped for a month cancels without sending stale reminders first.
    last = rules.due_milestone(milestones, ready + timedelta(days=40))
    assert last is not None
    assert last.cancel


def test_an_outage_stops_the_30_day_pickup_count() -> None:
    ready = wib(2026, 6, 1, 10)
    outage = Window(wib(2026, 6, 20, 4, 15), wib(2026, 6, 24, 4, 15))
    cancel = rules.pickup_milestones(ready, [outage], wib(2026, 7, 5))[-1]
    assert cancel.at == ready + timedelta(days=34)


def test_an_outage_extends_a_regular_due_by_its_working_days_inside_the_window() -> None:
    interviewed, due = wib(2026, 6, 19, 10), wib(2026, 6, 25, 0)
    # Saturday 20 04:15 to Tuesday 23 10:00: Monday 22 and Tuesday 23 are working days.
    window = Window(wib(2026, 6, 20, 4, 15), wib(2026, 6, 23, 10))
    days = rules.days_to_extend(
        window, wib(2026, 6, 23, 12), interviewed_at=interviewed, due_at=due, zone=WIB, calendar=CAL
    )
    assert days == [date(2026, 6, 22), date(2026, 6, 23)]


def test_an_outage_after_the_due_time_or_over_a_weekend_extends_nothing() -> None:
    interviewed, due = wib(2026, 6, 19, 10), wib(2026, 6, 25, 0)
    later = Window(wib(2026, 6, 26, 1), wib(2026, 6, 26, 5))
    weekend = Window(wib(2026, 6, 20, 1), wib(2026, 6, 21, 23))
    for window in (later, weekend):
        assert not rules.days_to_extend(
            window, wib(2026, 6, 30), interviewed_at=interviewed, due_at=due, zone=WIB, calendar=CAL
        )


def test_an_open_outage_counts_until_now() -> None:
    window = Window(wib(2026, 6, 22, 4), None)
    assert rules.working_days_touched(window, wib(2026, 6, 22, 9), WIB, CAL) == [date(2026, 6, 22)]
    assert rules.working_days_touched(window, wib(2026, 6, 23, 9), WIB, CAL) == [
        date(2026, 6, 22),
        date(2026, 6, 23),
    ]


def test_same_day_service_is_spanned_only_by_an_outage_in_its_service_hours() -> None:
    day = date(2026, 6, 23)
    night = Window(wib(2026, 6, 23, 1), wib(2026, 6, 23, 5))
    morning = Window(wib(2026, 6, 23, 4, 15), wib(2026, 6, 23, 9))
    assert not rules.spans_service_day(night, wib(2026, 6, 24), day, 8, WIB)
    assert rules.spans_service_day(morning, wib(2026, 6, 24), day, 8, WIB)
    # An open outage from 04:15 reaches the service hours only once they have begun.
    still_open = Window(wib(2026, 6, 23, 4, 15), None)
    assert not rules.spans_service_day(still_open, wib(2026, 6, 23, 6), day, 8, WIB)
    assert rules.spans_service_day(still_open, wib(2026, 6, 23, 8, 1), day, 8, WIB)


def test_an_appointment_is_hit_when_its_hour_overlaps_the_outage() -> None:
    start = rules.appointment_start(date(2026, 6, 23), 9, WIB)
    assert start == wib(2026, 6, 23, 9)
    assert rules.appointment_hit(Window(wib(2026, 6, 23, 8), wib(2026, 6, 23, 9, 30)), start, start)
    assert not rules.appointment_hit(Window(wib(2026, 6, 23, 10), wib(2026, 6, 23, 12)), start, start)
    assert rules.next_open_day(date(2026, 6, 26), CAL) == date(2026, 6, 29)
