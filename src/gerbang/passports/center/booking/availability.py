"""Where a booking can move to: the days an office takes first-come bookings and still has places."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from gerbang.kernel.calendar import WorkingCalendar
from gerbang.kernel.clock import as_utc
from gerbang.passports.center import repository as repo
from gerbang.passports.center.booking import slots
from gerbang.passports.domain.policy import Service


@dataclass(frozen=True)
class OpenDay:
    day: date
    places: int


@dataclass(frozen=True)
class Openings:
    """An office's bookable days for one service, and the hours it takes interviews."""

    office_code: str
    hours: tuple[int, ...]
    days: tuple[OpenDay, ...]


def openings(session: Session, *, office_code: str, service: Service, at: datetime) -> Openings:
    """Working days after today whose quota is released, past its draw, and not full; reads only.

    A form shows these; the booking itself takes its place atomically and may still find it gone.
    """
    office = slots.office(session, office_code)
    today = slots.local_now(office, at).date()
    calendar = WorkingCalendar()
    found = []
    # No day further ahead than the release horizon has been released yet.
    for offset in range(1, office.release_days_ahead + 1):
        day = today + timedelta(days=offset)
        if not calendar.is_working_day(day):
            continue
        quota = repo.quota(session, office.code, day, service.value)
        if quota is None:  # nobody booked it yet: the quota row is made on first booking
            window = timedelta(minutes=office.release_window_minutes)
            opens_to_all = slots.release_moment(office, day) + window
            left = slots.capacity(office, service)
        else:
            opens_to_all, left = as_utc(quota.draw_closes_at), quota.capacity - quota.booked
        if at >= opens_to_all and left > 0:
            found.append(OpenDay(day, left))
    hours = tuple(range(office.first_hour, office.last_hour + 1))
    return Openings(office.code, hours, tuple(found))
