"""Notices of the applicant's own steps: an application filed, a payment received, a booking moved."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from gerbang.passports.center import repository as repo
from gerbang.passports.center.notices.notifications import notify, rupiah
from gerbang.passports.center.orm import ApplicationRow, BookingRow, OfficeRow, QuotaRow
from gerbang.words import tanggal


def _english_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _slot(session: Session, booking: BookingRow) -> dict[str, str]:
    quota = session.get(QuotaRow, booking.quota_id)
    assert quota is not None
    office = session.get(OfficeRow, quota.office_code)
    return {
        "office": office.name if office else quota.office_code,
        "day_id": tanggal(quota.day),
        "day_en": _english_day(quota.day),
        "hour": f"{booking.hour:02d}:00",
    }


def submitted(session: Session, application: ApplicationRow, *, at: datetime) -> None:
    params = {
        "name": application.name,
        "amount_id": rupiah(application.fee_idr, "id"),
        "amount_en": rupiah(application.fee_idr, "en"),
    }
    notify(session, application=application, kind="submitted", key="submitted", params=params, at=at)


def payment_received(session: Session, application: ApplicationRow, amount_idr: int, *, at: datetime) -> None:
    booking = repo.active_booking(session, application.id)
    if booking is None:  # a paid application always holds a slot; nothing to point to otherwise
        return
    params = {
        "name": application.name,
        "amount_id": rupiah(amount_idr, "id"),
        "amount_en": rupiah(amount_idr, "en"),
        **_slot(session, booking),
    }
    notify(session, application=application, kind="payment_received", key="paid", params=params, at=at)


def rescheduled(
    session: Session, application: ApplicationRow, before: BookingRow, after: BookingRow, *, at: datetime
) -> None:
    old = _slot(session, before)
    params = {
        "name": application.name,
        "before_id": f"{old['office']}, {old['day_id']} {old['hour']}",
        "before_en": f"{old['office']}, {old['day_en']} {old['hour']}",
        **_slot(session, after),
    }
    key = f"rescheduled:{after.id}"
    notify(session, application=application, kind="rescheduled", key=key, params=params, at=at)
