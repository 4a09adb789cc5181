"""Offices, daily quotas and slots: seeding offices from data, and holding or freeing a place atomically."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gerbang import words
from gerbang.infra.clock import new_id
from gerbang.kernel.errors import Conflict, InvalidInput, NotFound
from gerbang.passports.center import repository as repo
from gerbang.passports.center.orm import ApplicationRow, BookingRow, OfficeRow, QuotaRow
from gerbang.passports.domain.policy import Service


@cache
def seed_offices() -> tuple[dict[str, Any], ...]:
    """The offices shipped as data (offices.json), each with the defaults filled in."""
    data = json.loads(resources.files("gerbang.passports").joinpath("offices.json").read_bytes())
    return tuple(data["defaults"] | office for office in data["offices"])


def ensure_offices(session: Session) -> None:
    """Insert the seed offices that are missing; existing rows are left as they are."""
    for office in seed_offices():
        repo.insert_ignoring_duplicates(session, OfficeRow, office)


def office(session: Session, code: str) -> OfficeRow:
    row = session.get(OfficeRow, code.upper())
    if row is None and any(o["code"] == code.upper() for o in seed_offices()):
        ensure_offices(session)
        row = session.get(OfficeRow, code.upper())
    if row is None:
        raise NotFound("booking.no_office", field="office", code=code)
    return row


def local_now(office_row: OfficeRow, at: datetime) -> datetime:
    return at.astimezone(ZoneInfo(office_row.timezone))


def capacity(office_row: OfficeRow, service: Service) -> int:
    return {
        Service.REGULAR: office_row.quota_regular,
        Service.SAME_DAY: office_row.quota_same_day,
        Service.PRIORITY: office_row.quota_priority,
    }[service]


def release_moment(office_row: OfficeRow, day: date) -> datetime:
    """When the quota of `day` opens: a set local time, a set number of days before."""
    hour, minute = (int(part) for part in office_row.release_time.split(":"))
    local = datetime.combine(
        day - timedelta(days=office_row.release_days_ahead), time(hour, minute), ZoneInfo(office_row.timezone)
    )
    return local.astimezone(ZoneInfo("UTC"))


def ensure_quota(
    session: Session, office_row: OfficeRow, day: date, service: Service, *, at: datetime
) -> QuotaRow:
    """The quota row of an office, day and service, created on first use by whoever gets there first."""
    existing = repo.quota(session, office_row.code, day, service.value)
    if existing is not None:
        return existing
    released = release_moment(office_row, day)
    repo.insert_ignoring_duplicates(
        session,
        QuotaRow,
        {
            "id": new_id(at),
            "office_code": office_row.code,
            "day": day,
            "service": service.value,
            "capacity": capacity(office_row, service),
            "booked": 0,
            "released_at": released,
            "draw_closes_at": released + timedelta(minutes=office_row.release_window_minutes),
            "drawn_at": None,
        },
    )
    created = repo.quota(session, office_row.code, day, service.value)
    assert created is not None  # inserted just now, or by a concurrent request
    return created


def check_hour(office_row: OfficeRow, hour: int) -> None:
    if not office_row.first_hour <= hour <= office_row.last_hour:
        raise InvalidInput(
            "booking.outside_hours",
            field="hour",
            code=office_row.code,
            first_hour=office_row.first_hour,
            last_hour=office_row.last_hour,
        )


def quota_full(quota: QuotaRow) -> Conflict:
    """The refusal for a request that finds no place left under `quota`."""
    return Conflict(
        "booking.day_full",
        field="day",
        service=words.text(f"service.{quota.service.replace('-', '_')}"),
        office_code=quota.office_code,
        day=quota.day,
    )


def hold(
    session: Session,
    application: ApplicationRow,
    quota: QuotaRow,
    hour: int,
    *,
    at: datetime,
    rescheduled_from: BookingRow | None = None,
) -> BookingRow:
    """Take a place under the quota and record the booking, or raise Conflict when none is left."""
    busy = repo.active_booking_for_nik(session, application.nik)
    if busy is not None:
        raise Conflict("booking.nik_booked", field="nik")
    booking = BookingRow(
        id=new_id(at),
        application_id=application.id,
        account_id=application.account_id,
        quota_id=quota.id,
        hour=hour,
        active_nik=application.nik,
        rescheduled_from=rescheduled_from.id if rescheduled_from else None,
        created_at=at,
        ended_at=None,
        end_reason=None,
    )
    try:
        # A savepoint, so a racing booking for the same NIK becomes a Conflict, not a broken transaction.
        with session.begin_nested():
            if not repo.take_place(session, quota.id):
                raise quota_full(quota)
            repo.add(session, booking)
    except IntegrityError:
        raise Conflict("booking.nik_booked_already", field="nik") from None
    return booking


def free(session: Session, booking: BookingRow, *, reason: str, at: datetime) -> None:
    """End a booking and give its place back to the quota."""
    booking.active_nik = None
    booking.ended_at = at
    booking.end_reason = reason
    session.flush()
    repo.give_back_place(session, booking.quota_id)
