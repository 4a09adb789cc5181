"""Booking at the center: quota releases with a fair draw, first-come after it, one reschedule, cancel."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, exists, select
from sqlalchemy.orm import Session

from gerbang.infra.accounts import Principal
from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.kernel.calendar import WorkingCalendar
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import Conflict, GerbangError, InvalidInput
from gerbang.passports.center import history
from gerbang.passports.center import repository as repo
from gerbang.passports.center.applications import is_officer, owned
from gerbang.passports.center.booking import slots
from gerbang.passports.center.notices import steps as notice_steps
from gerbang.passports.center.orm import (
    ApplicationRow,
    BookingRow,
    DrawEntryRow,
    HistoryRow,
    OfficeRow,
    QuotaRow,
)
from gerbang.passports.center.payments import ledger
from gerbang.passports.center.views import ApplicationView, application_view
from gerbang.passports.domain.allocation import Request, allocate
from gerbang.passports.domain.lifecycle import Facts, Status, transition
from gerbang.passports.domain.policy import Service
from gerbang.passports.packaged_policy import load_policy


@dataclass(frozen=True)
class OfficeView:
    code: str
    name: str
    city: str
    timezone: str
    electronic: bool
    quotas: dict[str, int]


@dataclass(frozen=True)
class DrawResult:
    quota_id: uuid.UUID
    granted: int
    refused: int


def list_offices(session: Session) -> list[OfficeView]:
    slots.ensure_offices(session)
    return [
        OfficeView(
            o.code, o.name, o.city, o.timezone, o.electronic, {s.value: slots.capacity(o, s) for s in Service}
        )
        for o in repo.offices(session)
    ]


def book(
    session: Session,
    *,
    applicant: Principal,
    application_id: uuid.UUID,
    office_code: str,
    day: date,
    hour: int,
    at: datetime,
) -> ApplicationView:
    """Book an interview slot: inside the release window the request joins the draw, after it first come."""
    application = history.locked(session, owned(session, application_id, applicant).id)
    office_row, service = _may_book(session, application, office_code, day, hour, at)
    quota = slots.ensure_quota(session, office_row, day, service, at=at)
    local = slots.local_now(office_row, as_utc(quota.released_at))
    if at < as_utc(quota.released_at):
        raise Conflict(
            "booking.quota_not_open",
            field="day",
            code=office_row.code,
            day=day,
            local=local,
            timezone=office_row.timezone,
        )
    if at < as_utc(quota.draw_closes_at):
        repo.add(
            session,
            DrawEntryRow(
                id=new_id(at),
                quota_id=quota.id,
                application_id=application.id,
                account_id=application.account_id,
                nik=application.nik,
                hour=hour,
                created_at=at,
                outcome=None,
                outcome_reason=None,
                booking_id=None,
            ),
        )
        return application_view(session, application)
    if quota.drawn_at is None:
        # Nobody ran the draw yet: run it now, so a first-come request cannot jump ahead of it.
        allocate_release(session, quota_id=quota.id, rng=random.Random(), at=at)
    _grant(session, application, quota, hour, actor=applicant.audit_name, at=at)
    return application_view(session, application)


def book_request(
    database: Database,
    *,
    applicant: Callable[[Session], Principal],
    application_id: uuid.UUID,
    office_code: str,
    day: date,
    hour: int,
    at: datetime,
) -> ApplicationView:
    """A booking as the API serves it, on one worker thread: refused from one read if full, else `book`.

    `applicant` names the caller from a session: the token (if not cached) and the full-day facts
    are read on one connection, each in one round trip, before any transaction is opened.
    """
    with database.single_reads() as session:
        principal = applicant(session)
        refuse_if_full(
            session,
            applicant=principal,
            application_id=application_id,
            office_code=office_code,
            day=day,
            hour=hour,
            at=at,
        )
    with database.transaction() as session:
        return book(
            session,
            applicant=principal,
            application_id=application_id,
            office_code=office_code,
            day=day,
            hour=hour,
            at=at,
        )


def refuse_if_full(
    session: Session,
    *,
    applicant: Principal,
    application_id: uuid.UUID,
    office_code: str,
    day: date,
    hour: int,
    at: datetime,
) -> None:
    """Raise, from one read, the refusal `book` would give a request that finds the day full.

    In a burst nearly every request finds the day full; refused here, they never queue for the
    write lock that the few bookings still to be granted need, nor open a transaction. Anything
    else, and anything in doubt, is left to `book`, which stays the atomic check. `session` should
    come from `Database.single_reads`, so the read takes no lock and waits for no writer.
    """
    values = {"application_id": application_id, "office": office_code.upper(), "day": day}
    row = session.execute(_FULL_DAY, values).first()
    if row is None or row.pending_draw or row.nik_busy or row.booked < row.capacity:
        return
    if row.drawn_at is None or at < as_utc(row.draw_closes_at):
        return
    if not (is_officer(applicant) or row.account_id == applicant.id):
        return
    office_row = OfficeRow(
        code=row.code, timezone=row.timezone, first_hour=row.first_hour, last_hour=row.last_hour
    )
    try:
        transition(Status(row.status), Status.AWAITING_PAYMENT, Facts(slot_booked=True))
        _check_day(office_row, day, hour, at)
    except GerbangError:
        return
    raise slots.quota_full(QuotaRow(service=row.service, office_code=row.code, day=day))


def _full_day_statement() -> Select[Any]:
    """Everything `refuse_if_full` weighs, in one statement; built once, so only its values change."""
    application = ApplicationRow.id == bindparam("application_id")
    status = (
        select(HistoryRow.status)
        .where(HistoryRow.application_id == ApplicationRow.id)
        .order_by(HistoryRow.seq.desc())
        .limit(1)
        .scalar_subquery()
    )
    pending = exists().where(DrawEntryRow.application_id == ApplicationRow.id, DrawEntryRow.outcome.is_(None))
    busy = exists().where(BookingRow.active_nik == ApplicationRow.nik)
    return (
        select(
            ApplicationRow.account_id,
            status.label("status"),
            pending.label("pending_draw"),
            busy.label("nik_busy"),
            OfficeRow.code,
            OfficeRow.timezone,
            OfficeRow.first_hour,
            OfficeRow.last_hour,
            QuotaRow.service,
            QuotaRow.capacity,
            QuotaRow.booked,
            QuotaRow.drawn_at,
            QuotaRow.draw_closes_at,
        )
        .select_from(ApplicationRow)
        .join(OfficeRow, OfficeRow.code == bindparam("office"))
        .join(
            QuotaRow,
            and_(
                QuotaRow.office_code == OfficeRow.code,
                QuotaRow.day == bindparam("day", type_=QuotaRow.day.type),
                QuotaRow.service == ApplicationRow.service,
            ),
        )
        .where(application)
    )


_FULL_DAY = _full_day_statement()


def _may_book(
    session: Session, application: ApplicationRow, office_code: str, day: date, hour: int, at: datetime
) -> tuple[OfficeRow, Service]:
    """Check the application may book this office, day and hour; return the office and the service."""
    current = repo.status_of(session, application.id)
    transition(
        current, Status.AWAITING_PAYMENT, Facts(slot_booked=True)
    )  # fails early with the allowed steps
    entry = repo.draw_entry(session, application.id)
    if entry is not None and entry.outcome is None:
        raise Conflict("booking.in_draw", field="day")
    office_row = slots.office(session, office_code)
    _check_day(office_row, day, hour, at)
    return office_row, Service(application.service)


def allocate_release(
    session: Session, *, quota_id: uuid.UUID, rng: random.Random, at: datetime
) -> DrawResult:
    """Draw the requests made inside a release window, once; call it when the window has closed."""
    quota = session.execute(select(QuotaRow).where(QuotaRow.id == quota_id).with_for_update()).scalar_one()
    if quota.drawn_at is not None or at < as_utc(quota.draw_closes_at):
        return DrawResult(quota.id, 0, 0)
    entries = {str(e.id): e for e in repo.pending_draw_entries(session, quota.id)}
    accounts = {e.account_id for e in entries.values()}
    outcome = allocate(
        [Request(key, str(e.account_id), e.nik) for key, e in entries.items()],
        quota=quota.capacity - quota.booked,
        rng=rng,
        per_account_limit=load_policy().max_people_per_account,
        busy_niks=[e.nik for e in entries.values() if repo.active_booking_for_nik(session, e.nik)],
        account_active={str(a): repo.active_bookings_of_account(session, a) for a in accounts},
    )
    granted = 0
    for key in outcome.granted:
        entry = entries[key]
        application = history.locked(session, entry.application_id)
        try:
            booking = _grant(session, application, quota, entry.hour, actor="system:draw", at=at)
        except Conflict as exc:  # cancelled meanwhile, or the place went to someone else
            entry.outcome, entry.outcome_reason = "refused", exc.message[:200]
            continue
        entry.outcome, entry.booking_id, granted = "granted", booking, granted + 1
    for key, reason in outcome.refused.items():
        entries[key].outcome, entries[key].outcome_reason = "refused", reason
    quota.drawn_at = at
    session.flush()
    return DrawResult(quota.id, granted, len(entries) - granted)


def allocate_due_releases(session: Session, *, rng: random.Random, at: datetime) -> list[DrawResult]:
    """Run every draw whose window has closed; for a background loop."""
    return [
        allocate_release(session, quota_id=q.id, rng=rng, at=at) for q in repo.quotas_to_draw(session, at)
    ]


def reschedule(
    session: Session,
    *,
    applicant: Principal,
    application_id: uuid.UUID,
    office_code: str,
    day: date,
    hour: int,
    at: datetime,
) -> ApplicationView:
    """Move the booking once, free of charge, up to the day before the interview (H-1)."""
    application = history.locked(session, owned(session, application_id, applicant).id)
    old = repo.active_booking(session, application.id)
    if old is None:
        raise Conflict("booking.nothing_to_reschedule")
    if old.rescheduled_from is not None:
        raise Conflict("booking.rescheduled_once")
    old_quota = session.get(QuotaRow, old.quota_id)
    assert old_quota is not None
    office_row = slots.office(session, office_code)
    if slots.local_now(office_row, at).date() >= old_quota.day:
        raise Conflict("booking.reschedule_too_late", field="day", day=old_quota.day)
    _check_day(office_row, day, hour, at)
    quota = slots.ensure_quota(session, office_row, day, Service(application.service), at=at)
    if at < as_utc(quota.draw_closes_at):
        raise Conflict("booking.first_come_not_open", field="day")
    slots.free(session, old, reason="rescheduled", at=at)
    new = slots.hold(session, application, quota, hour, at=at, rescheduled_from=old)
    notice_steps.rescheduled(session, application, old, new, at=at)
    return application_view(session, application)


def cancel(
    session: Session, *, applicant: Principal, application_id: uuid.UUID, at: datetime
) -> ApplicationView:
    """Withdraw an application; its slot goes back to the quota and any money paid is owed back."""
    application = history.locked(session, owned(session, application_id, applicant).id)
    history.advance(session, application, Status.CANCELLED, actor=applicant.audit_name, at=at)
    booking = repo.active_booking(session, application.id)
    if booking is not None:
        slots.free(session, booking, reason="cancelled", at=at)
    entry = repo.draw_entry(session, application.id)
    if entry is not None and entry.outcome is None:
        entry.outcome, entry.outcome_reason = "withdrawn", "the application was cancelled"
    ledger.owe_refund(
        session,
        application,
        ledger.refundable(session, application),
        note="application cancelled after payment",
        at=at,
    )
    return application_view(session, application)


def _grant(
    session: Session, application: ApplicationRow, quota: QuotaRow, hour: int, *, actor: str, at: datetime
) -> uuid.UUID:
    booking = slots.hold(session, application, quota, hour, at=at)
    history.advance(
        session, application, Status.AWAITING_PAYMENT, facts=Facts(slot_booked=True), actor=actor, at=at
    )
    ledger.issue_billing(session, application, at=at)
    return booking.id


def _check_day(office_row: OfficeRow, day: date, hour: int, at: datetime) -> None:
    slots.check_hour(office_row, hour)
    if day <= slots.local_now(office_row, at).date():
        raise InvalidInput("booking.day_not_after_today", field="day")
    if not WorkingCalendar().is_working_day(day):
        raise InvalidInput("booking.not_working_day", field="day", day=day)
