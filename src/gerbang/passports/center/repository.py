"""Queries over the passport tables; state is read from the last history row, never stored in place."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Select, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from gerbang.infra.orm import AccountRow
from gerbang.passports.center.orm import (
    ApplicationRow,
    BillingRow,
    BookingRow,
    DrawEntryRow,
    HistoryRow,
    InterviewRow,
    LedgerRow,
    OfficeRow,
    OutageRow,
    QuotaRow,
)
from gerbang.passports.domain.lifecycle import FINISHED, Status, Step


def add(session: Session, row: object) -> None:
    """Stage a new row and write it now, so a clash surfaces inside the caller's transaction."""
    session.add(row)
    session.flush()


def insert_ignoring_duplicates(
    session: Session, table: type[OfficeRow | QuotaRow], values: dict[str, object]
) -> None:
    """INSERT that does nothing when a unique key already exists (two racing writers both succeed)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(table).values(**values).on_conflict_do_nothing())


def lock_account(session: Session, account_id: uuid.UUID) -> None:
    # Serialises one account's filings, so two requests cannot both squeeze in a sixth person.
    session.execute(select(AccountRow.id).where(AccountRow.id == account_id).with_for_update())


def lock_application(session: Session, application_id: uuid.UUID) -> ApplicationRow | None:
    return session.execute(
        select(ApplicationRow).where(ApplicationRow.id == application_id).with_for_update()
    ).scalar_one_or_none()


def get_application(session: Session, application_id: uuid.UUID) -> ApplicationRow | None:
    return session.get(ApplicationRow, application_id)


def history(session: Session, application_id: uuid.UUID) -> list[Step]:
    rows = session.execute(
        select(HistoryRow).where(HistoryRow.application_id == application_id).order_by(HistoryRow.seq)
    ).scalars()
    return [Step(Status(r.status), r.at, r.actor, r.note) for r in rows]


def status_of(session: Session, application_id: uuid.UUID) -> Status:
    status = session.execute(
        select(HistoryRow.status)
        .where(HistoryRow.application_id == application_id)
        .order_by(HistoryRow.seq.desc())
        .limit(1)
    ).scalar_one()
    return Status(status)


def _with_status() -> Select[ApplicationRow, str]:
    latest = (
        select(HistoryRow.application_id, func.max(HistoryRow.seq).label("seq"))
        .group_by(HistoryRow.application_id)
        .subquery()
    )
    return (
        select(ApplicationRow, HistoryRow.status)
        .join(latest, latest.c.application_id == ApplicationRow.id)
        .join(HistoryRow, HistoryRow.seq == latest.c.seq)
    )


def open_applications(
    session: Session, *, account_id: uuid.UUID | None = None, nik: str | None = None
) -> list[ApplicationRow]:
    """Applications still in progress (not finished) of an account or for a NIK."""
    query = _with_status().where(HistoryRow.status.not_in([s.value for s in FINISHED]))
    if account_id is not None:
        query = query.where(ApplicationRow.account_id == account_id)
    if nik is not None:
        query = query.where(ApplicationRow.nik == nik)
    return [row for row, _ in session.execute(query).all()]


def list_applications(
    session: Session,
    *,
    account_id: uuid.UUID | None,
    status: str | None,
    before: uuid.UUID | None,
    limit: int,
) -> list[ApplicationRow]:
    query = _with_status()
    if account_id is not None:
        query = query.where(ApplicationRow.account_id == account_id)
    if status is not None:
        query = query.where(HistoryRow.status == status)
    if before is not None:
        query = query.where(ApplicationRow.id < before)
    rows = session.execute(query.order_by(ApplicationRow.id.desc()).limit(limit)).all()
    return [row for row, _ in rows]


def offices(session: Session) -> Sequence[OfficeRow]:
    return session.execute(select(OfficeRow).order_by(OfficeRow.code)).scalars().all()


def quota(session: Session, office_code: str, day: date, service: str) -> QuotaRow | None:
    return session.execute(
        select(QuotaRow).where(
            QuotaRow.office_code == office_code, QuotaRow.day == day, QuotaRow.service == service
        )
    ).scalar_one_or_none()


def take_place(session: Session, quota_id: uuid.UUID) -> bool:
    """Take one place if any is left, atomically: the WHERE is re-checked under the row lock."""
    result = session.execute(
        update(QuotaRow)
        .where(QuotaRow.id == quota_id, QuotaRow.booked < QuotaRow.capacity)
        .values(booked=QuotaRow.booked + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def give_back_place(session: Session, quota_id: uuid.UUID) -> None:
    session.execute(
        update(QuotaRow)
        .where(QuotaRow.id == quota_id, QuotaRow.booked > 0)
        .values(booked=QuotaRow.booked - 1)
        .execution_options(synchronize_session=False)
    )


def active_booking(session: Session, application_id: uuid.UUID) -> BookingRow | None:
    return session.execute(
        select(BookingRow).where(BookingRow.application_id == application_id, BookingRow.ended_at.is_(None))
    ).scalar_one_or_none()


def active_booking_for_nik(session: Session, nik: str) -> BookingRow | None:
    return session.execute(select(BookingRow).where(BookingRow.active_nik == nik)).scalar_one_or_none()


def latest_booking(session: Session, application_id: uuid.UUID) -> BookingRow | None:
    return (
        session.execute(
            select(BookingRow)
            .where(BookingRow.application_id == application_id)
            .order_by(BookingRow.id.desc())
        )
        .scalars()
        .first()
    )


def active_bookings_of_account(session: Session, account_id: uuid.UUID) -> int:
    return session.execute(
        select(func.count()).where(BookingRow.account_id == account_id, BookingRow.ended_at.is_(None))
    ).scalar_one()


def draw_entry(session: Session, application_id: uuid.UUID) -> DrawEntryRow | None:
    return (
        session.execute(
            select(DrawEntryRow)
            .where(DrawEntryRow.application_id == application_id)
            .order_by(DrawEntryRow.id.desc())
        )
        .scalars()
        .first()
    )


def pending_draw_entries(session: Session, quota_id: uuid.UUID) -> Sequence[DrawEntryRow]:
    return (
        session.execute(
            select(DrawEntryRow).where(DrawEntryRow.quota_id == quota_id, DrawEntryRow.outcome.is_(None))
        )
        .scalars()
        .all()
    )


def quotas_to_draw(session: Session, at: datetime) -> Sequence[QuotaRow]:
    return (
        session.execute(select(QuotaRow).where(QuotaRow.drawn_at.is_(None), QuotaRow.draw_closes_at <= at))
        .scalars()
        .all()
    )


def latest_billing(session: Session, application_id: uuid.UUID) -> BillingRow | None:
    return (
        session.execute(
            select(BillingRow)
            .where(BillingRow.application_id == application_id)
            .order_by(BillingRow.id.desc())
        )
        .scalars()
        .first()
    )


def billing_by_code(session: Session, code: str) -> BillingRow | None:
    return session.execute(select(BillingRow).where(BillingRow.code == code)).scalar_one_or_none()


def ledger(session: Session, application_id: uuid.UUID) -> Sequence[LedgerRow]:
    return (
        session.execute(
            select(LedgerRow).where(LedgerRow.application_id == application_id).order_by(LedgerRow.seq)
        )
        .scalars()
        .all()
    )


def ledger_by_transaction(session: Session, transaction_id: str) -> LedgerRow | None:
    return session.execute(
        select(LedgerRow).where(LedgerRow.bank_transaction_id == transaction_id)
    ).scalar_one_or_none()


def unpaid_expired_billings(session: Session, at: datetime) -> Sequence[BillingRow]:
    """Billings past their expiry whose application still awaits payment."""
    query = _with_status().where(HistoryRow.status == Status.AWAITING_PAYMENT.value)
    waiting = [row.id for row, _ in session.execute(query).all()]
    if not waiting:
        return []
    billings = session.execute(
        select(BillingRow).where(BillingRow.application_id.in_(waiting), BillingRow.expires_at <= at)
    ).scalars()
    latest: dict[uuid.UUID, BillingRow] = {}
    for billing in billings:
        if billing.application_id not in latest or billing.id > latest[billing.application_id].id:
            latest[billing.application_id] = billing
    return list(latest.values())


def outages(session: Session) -> Sequence[OutageRow]:
    return session.execute(select(OutageRow).order_by(OutageRow.starts_at.desc())).scalars().all()


def interview_of(session: Session, application_id: uuid.UUID) -> InterviewRow | None:
    return session.get(InterviewRow, application_id)
