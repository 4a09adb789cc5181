"""The service clock's pure rules: due times, pickup reminders and cancellation, what an outage touches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from gerbang.kernel.calendar import WorkingCalendar

# A missed regular deadline moves by this many working days: the office's promise of a new date.
MISSED_EXTENSION_WORKING_DAYS = 2
# Reminders before the 30-day pickup limit (days after the passport became ready).
PICKUP_REMINDER_DAYS = (14, 25)
PICKUP_LIMIT_DAYS = 30
# An interview slot is one hour long.
SLOT_LENGTH = timedelta(hours=1)


@dataclass(frozen=True)
class Window:
    """A declared outage, closed at `ends_at`; an open one is taken to last until `now`."""

    starts_at: datetime
    ends_at: datetime | None

    def until(self, now: datetime) -> tuple[datetime, datetime]:
        end = self.ends_at if self.ends_at is not None else max(now, self.starts_at)
        return self.starts_at, end


@dataclass(frozen=True)
class Milestone:
    """A pickup event: a reminder after `days` days, or the cancellation (`cancel` True)."""

    days: int
    at: datetime
    cancel: bool


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The local midnight that ends `day`, in UTC: a due time is met by anything before it."""
    return datetime.combine(day + timedelta(days=1), time(0), zone).astimezone(UTC)


def due_day(due_at: datetime, zone: ZoneInfo) -> date:
    """The local day a due time closes (it is the midnight at that day's end)."""
    return local_day(due_at - timedelta(microseconds=1), zone)


def regular_due(
    interviewed_at: datetime, zone: ZoneInfo, calendar: WorkingCalendar, working_days: int
) -> datetime:
    """Ready by the end of the n-th working day after the interview day (holidays do not count)."""
    return end_of_day(calendar.add_working_days(local_day(interviewed_at, zone), working_days), zone)


def same_day_due(interviewed_at: datetime, zone: ZoneInfo) -> datetime:
    """Same-day (percepatan) service: ready by the end of the interview day, office local time."""
    return end_of_day(local_day(interviewed_at, zone), zone)


def extend(due_at: datetime, working_days: int, zone: ZoneInfo, calendar: WorkingCalendar) -> datetime:
    """The due time moved on by whole working days, still at the end of a working day."""
    closes = due_day(due_at, zone)
    return end_of_day(calendar.add_working_days(calendar.next_working_day(closes), working_days), zone)


def working_days_touched(
    window: Window, now: datetime, zone: ZoneInfo, calendar: WorkingCalendar
) -> list[date]:
    """The local working days on which the outage was in force, so far if it is still open."""
    start, end = window.until(now)
    first, last = local_day(start, zone), local_day(end - timedelta(microseconds=1), zone)
    days = []
    day = first
    while day <= last:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def days_to_extend(
    window: Window,
    now: datetime,
    *,
    interviewed_at: datetime,
    due_at: datetime,
    zone: ZoneInfo,
    calendar: WorkingCalendar,
) -> list[date]:
    """The outage's working days that fell between the interview and the due time: one day each."""
    start, end = window.until(now)
    if end <= interviewed_at or start >= due_at:
        return []
    first, last = local_day(interviewed_at, zone), due_day(due_at, zone)
    return [d for d in working_days_touched(window, now, zone, calendar) if first <= d <= last]


def spans_service_day(window: Window, now: datetime, day: date, opens_hour: int, zone: ZoneInfo) -> bool:
    """Whether the outage falls in `day` from opening time to midnight, when same-day work is done."""
    start, end = window.until(now)
    opens = datetime.combine(day, time(opens_hour), zone).astimezone(UTC)
    return start < end_of_day(day, zone) and end > opens


def appointment_start(day: date, hour: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour), zone).astimezone(UTC)


def appointment_hit(window: Window, now: datetime, starts_at: datetime) -> bool:
    """Whether an interview slot overlaps the outage (so far): the applicant could not be served."""
    start, end = window.until(now)
    return start < starts_at + SLOT_LENGTH and end > starts_at


def next_open_day(after: date, calendar: WorkingCalendar) -> date:
    """The first working day after `after`: where a displaced appointment or collection goes."""
    return calendar.add_working_days(after, 1)


def pickup_milestones(ready_at: datetime, outages: Iterable[Window], now: datetime) -> list[Milestone]:
    """Reminders at 14 and 25 days and cancellation at 30; the 30 days stop while the center is down.

    The law cancels an uncollected passport after 30 days, but no one can collect during an outage
    (June 2024: printed passports could not be handed over), so the limit moves by the time lost.
    """
    limit = ready_at + timedelta(days=PICKUP_LIMIT_DAYS)
    lost = timedelta(0)
    for window in outages:
        start, end = window.until(now)
        overlap = min(end, limit) - max(start, ready_at)
        if overlap > timedelta(0):
            lost += overlap
    reminders = [Milestone(d, ready_at + timedelta(days=d), False) for d in PICKUP_REMINDER_DAYS]
    return [*reminders, Milestone(PICKUP_LIMIT_DAYS, limit + lost, True)]


def due_milestone(milestones: list[Milestone], now: datetime) -> Milestone | None:
    """The latest milestone that has come, so a clock that was stopped sends no stale reminders."""
    passed = [m for m in milestones if m.at <= now]
    return passed[-1] if passed else None
