"""Read views of passport applications: what their applicant or an officer sees, built from the rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from gerbang.kernel.calendar import WorkingCalendar
from gerbang.kernel.clock import as_utc
from gerbang.passports.center import repository as repo
from gerbang.passports.center.orm import ApplicationRow, QuotaRow
from gerbang.passports.domain.lifecycle import Status, Step
from gerbang.passports.domain.policy import Service
from gerbang.passports.packaged_policy import load_policy


@dataclass(frozen=True)
class BookingView:
    office_code: str
    day: date
    hour: int
    service: str
    rescheduled: bool


@dataclass(frozen=True)
class BillingView:
    code: str
    amount_idr: int
    issued_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class DrawView:
    """A request in a release draw: the day asked for, when results come, and the outcome once drawn."""

    office_code: str
    day: date
    results_at: datetime
    outcome: str | None
    reason: str | None


@dataclass(frozen=True)
class ApplicationView:
    id: uuid.UUID
    account_id: uuid.UUID
    nik: str
    name: str
    birth_date: date
    sex: str
    kind: str
    validity_years: int
    service: str
    fee_idr: int
    fee_source: str
    created_at: datetime
    status: Status
    history: tuple[Step, ...]
    booking: BookingView | None
    billing: BillingView | None
    draw: DrawView | None
    paid_idr: int
    refund_owed_idr: int
    ready_on: date | None


def application_view(session: Session, row: ApplicationRow) -> ApplicationView:
    steps = tuple(Step(s.status, as_utc(s.at), s.actor, s.note) for s in repo.history(session, row.id))
    booking_row = repo.active_booking(session, row.id)
    booking = None
    if booking_row is not None:
        quota = session.get(QuotaRow, booking_row.quota_id)
        assert quota is not None  # a foreign key guarantees it
        booking = BookingView(
            quota.office_code,
            quota.day,
            booking_row.hour,
            quota.service,
            booking_row.rescheduled_from is not None,
        )
    billing_row = repo.latest_billing(session, row.id)
    billing = (
        BillingView(
            billing_row.code,
            billing_row.amount_idr,
            as_utc(billing_row.issued_at),
            as_utc(billing_row.expires_at),
        )
        if billing_row
        else None
    )
    entry = repo.draw_entry(session, row.id)
    draw = None
    if entry is not None:
        quota = session.get(QuotaRow, entry.quota_id)
        assert quota is not None
        draw = DrawView(
            quota.office_code, quota.day, as_utc(quota.draw_closes_at), entry.outcome, entry.outcome_reason
        )
    ledger = repo.ledger(session, row.id)
    paid = sum(r.amount_idr for r in ledger if r.kind == "payment" and r.flag != "amount_mismatch")
    refunds = sum(r.amount_idr for r in ledger if r.kind == "refund")
    interview = repo.interview_of(session, row.id)
    ready_on = (
        load_policy().ready_on(Service(row.service), _local_day(as_utc(interview.at)), WorkingCalendar())
        if interview is not None
        else None
    )
    return ApplicationView(
        id=row.id,
        account_id=row.account_id,
        nik=row.nik,
        name=row.name,
        birth_date=row.birth_date,
        sex=row.sex,
        kind=row.kind,
        validity_years=row.validity_years,
        service=row.service,
        fee_idr=row.fee_idr,
        fee_source=row.fee_source,
        created_at=as_utc(row.created_at),
        status=steps[-1].status,
        history=steps,
        booking=booking,
        billing=billing,
        draw=draw,
        paid_idr=paid,
        refund_owed_idr=refunds,
        ready_on=ready_on,
    )


def _local_day(moment: datetime) -> date:
    # Working days count in Western Indonesian time (UTC+7), where most offices are.
    return (moment + timedelta(hours=7)).date()
