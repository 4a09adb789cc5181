"""Center only: the snapshot section telling each office its coming appointments and ready passports."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gerbang.infra.database import Database
from gerbang.kernel.clock import Clock
from gerbang.kernel.signed import format_time
from gerbang.passports.center.orm import (
    ApplicationRow,
    BookingRow,
    GuardianRow,
    HistoryRow,
    OfficeRow,
    QuotaRow,
)
from gerbang.passports.domain.lifecycle import Status
from gerbang.passports.office.reference import SECTION
from gerbang.sync.center.versions import bump_version

log = logging.getLogger("gerbang.passports")

# Today and the next two days: enough for an office cut off for a day or a weekend to keep working.
APPOINTMENT_DAYS = 3
# Appointments show while payment is awaited too, so the officer can tell the applicant why they wait.
APPOINTMENT_STATUSES = (Status.AWAITING_PAYMENT.value, Status.PAID.value)


def office_section(session: Session, at: datetime) -> tuple[str, Any]:
    """Per office code: {"appointments": [...], "ready": [...]}, each entry only what the counter needs."""
    latest = (
        select(HistoryRow.application_id, func.max(HistoryRow.seq).label("seq"))
        .group_by(HistoryRow.application_id)
        .subquery()
    )
    first_day = (at - timedelta(days=1)).date()  # a day of slack for offices east or west of UTC
    rows = session.execute(
        select(ApplicationRow, HistoryRow.status, BookingRow.hour, QuotaRow, OfficeRow.timezone, GuardianRow)
        .join(latest, latest.c.application_id == ApplicationRow.id)
        .join(HistoryRow, HistoryRow.seq == latest.c.seq)
        .join(BookingRow, (BookingRow.application_id == ApplicationRow.id) & BookingRow.ended_at.is_(None))
        .join(QuotaRow, QuotaRow.id == BookingRow.quota_id)
        .join(OfficeRow, OfficeRow.code == QuotaRow.office_code)
        .outerjoin(GuardianRow, GuardianRow.application_id == ApplicationRow.id)
        .where(
            (HistoryRow.status == Status.READY.value)
            | (
                HistoryRow.status.in_(APPOINTMENT_STATUSES)
                & (QuotaRow.day >= first_day)
                & (QuotaRow.day <= first_day + timedelta(days=APPOINTMENT_DAYS + 1))
            )
        )
        .order_by(QuotaRow.day, BookingRow.hour, ApplicationRow.id)
    ).all()
    offices: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for application, status, hour, quota, timezone, guardian in rows:
        zone = ZoneInfo(timezone)
        slot = datetime.combine(quota.day, time(hour), zone)
        today = at.astimezone(zone).date()
        if status != Status.READY.value and not today <= quota.day < today + timedelta(days=APPOINTMENT_DAYS):
            continue
        kind = "ready" if status == Status.READY.value else "appointments"
        office = offices.setdefault(quota.office_code, {"appointments": [], "ready": []})
        entry: dict[str, Any] = {
            "application_id": str(application.id),
            "name": application.name,
            "nik": application.nik,
            "birth_date": application.birth_date.isoformat(),
            "service": quota.service,
            "slot": format_time(slot),
            "status": status,
        }
        if guardian is not None:
            # A child comes with the parent or guardian who consented: the counter checks their e-KTP.
            entry["guardian"] = {
                "name": guardian.name, "relationship": guardian.relationship, "nik": guardian.nik
            }  # fmt: skip
        office[kind].append(entry)
    return SECTION, offices


def section_digest(session: Session, at: datetime) -> str:
    """A digest of the office section as it would be published now."""
    _, content = office_section(session, at)
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def refresh_if_changed(session: Session, *, at: datetime, previous: str | None) -> str:
    """Raise the reference version when the office section differs from `previous`; return its digest."""
    digest = section_digest(session, at)
    if digest != previous:
        bump_version(session, reason="passport appointments or ready passports changed", at=at)
    return digest


def refresh_loop(
    database: Database, clock: Clock, *, every: float = 120.0
) -> Callable[[threading.Event], None]:
    """Every `every` seconds, publish a new snapshot version if appointments or ready passports moved.

    Bookings come by the thousand a day; bumping the version on each would make every edge fetch and
    rebuild its whole snapshot each time, so changes are gathered and published at most once a round.
    """

    def run(stop: threading.Event) -> None:
        previous: str | None = None
        while not stop.wait(every):
            try:
                with database.transaction() as session:
                    previous = refresh_if_changed(session, at=clock.now(), previous=previous)
            except Exception:  # the center must keep serving; the next round tries again
                log.exception("office section refresh failed")

    return run
