"""Tables of passports: offices, daily quotas, applications with append-only history, bookings, payments."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gerbang.infra.orm import Base

_BIGINT = BigInteger().with_variant(Integer(), "sqlite")


class OfficeRow(Base):
    """A passport office (Kanim) and its daily quota per service."""

    __tablename__ = "passport_offices"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(40))
    electronic: Mapped[bool]
    quota_regular: Mapped[int]
    quota_same_day: Mapped[int]
    quota_priority: Mapped[int]
    first_hour: Mapped[int]
    last_hour: Mapped[int]
    # The quota of a day is released `release_days_ahead` days before it, at release_time local time.
    release_days_ahead: Mapped[int]
    release_time: Mapped[str] = mapped_column(String(5))
    release_window_minutes: Mapped[int]


class QuotaRow(Base):
    """The quota of one office, day and service; `booked` only moves by conditional UPDATE."""

    __tablename__ = "passport_quotas"
    __table_args__ = (UniqueConstraint("office_code", "day", "service"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    office_code: Mapped[str] = mapped_column(ForeignKey("passport_offices.code"))
    day: Mapped[date]
    service: Mapped[str] = mapped_column(String(12))
    capacity: Mapped[int]
    booked: Mapped[int]
    released_at: Mapped[datetime]
    draw_closes_at: Mapped[datetime]
    drawn_at: Mapped[datetime | None]


class ApplicationRow(Base):
    """What was applied for, for whom, at what fee; never changed (its state lives in the history)."""

    __tablename__ = "passport_applications"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"), index=True)
    nik: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date]
    sex: Mapped[str] = mapped_column(String(6))
    kind: Mapped[str] = mapped_column(String(12))
    validity_years: Mapped[int]
    service: Mapped[str] = mapped_column(String(12))
    fee_idr: Mapped[int] = mapped_column(_BIGINT)
    fee_source: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class HistoryRow(Base):
    """One step of an application's lifecycle; rows are only appended, the last one is the state."""

    __tablename__ = "passport_history"

    seq: Mapped[int] = mapped_column(_BIGINT, primary_key=True, autoincrement=True)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("passport_applications.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(String(500))


class BookingRow(Base):
    """An interview slot held by an application; `active_nik` is unique, so a NIK holds one at a time."""

    __tablename__ = "passport_bookings"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("passport_applications.id"), index=True)
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"), index=True)
    quota_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("passport_quotas.id"), index=True)
    hour: Mapped[int]
    # Set while the booking holds its slot, NULL once it ends (NULLs do not clash in a unique index).
    active_nik: Mapped[str | None] = mapped_column(String(16), unique=True)
    rescheduled_from: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("passport_bookings.id"), unique=True
    )
    created_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(40))


class DrawEntryRow(Base):
    """A request made inside a release window, waiting for the draw; its outcome is set once."""

    __tablename__ = "passport_draw_entries"
    __table_args__ = (UniqueConstraint("quota_id", "application_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    quota_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("passport_quotas.id"), index=True)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("passport_applications.id"), index=True)
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    nik: Mapped[str] = mapped_column(String(16))
    hour: Mapped[int]
    created_at: Mapped[datetime]
    outcome: Mapped[str | None] = mapped_column(String(10))
    outcome_reason: Mapped[str | None] = mapped_column(String(200))
    booking_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("passport_bookings.id"))


class BillingRow(Base):
    """A SIMPONI-like billing code: 15 digits, one amount, valid for two hours."""

    __tablename__ = "passport_billings"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("passport_applications.id"), index=True)
    code: Mapped[str] = mapped_column(String(15), unique=True)
    amount_idr: Mapped[int] = mapped_column(_BIGINT)
    issued_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class LedgerRow(Base):
    """One money movement: a charge, a payment or a refund owed; never edited, corrections are new rows."""

    __tablename__ = "payment_ledger"

    seq: Mapped[int] = mapped_column(_BIGINT, primary_key=True, autoincrement=True)
    application_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("passport_applications.id"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    amount_idr: Mapped[int] = mapped_column(_BIGINT)
    billing_code: Mapped[str | None] = mapped_column(String(15), index=True)
    # The bank's transaction id: unique, so a repeated callback cannot record a payment twice.
    bank_transaction_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    flag: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(String(300))
    occurred_at: Mapped[datetime]
    recorded_at: Mapped[datetime]


class RefundClaimRow(Base):
    """A payment the bank made that no application here holds: owed back in full, its payer told once.

    It arises when a callback names an unknown billing code, and after a restore, when the bank's
    statement lists payments the restored center never saw for applications it no longer has.
    """

    __tablename__ = "payment_refund_claims"

    bank_transaction_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    billing_code: Mapped[str] = mapped_column(String(15), index=True)
    amount_idr: Mapped[int] = mapped_column(_BIGINT)
    paid_at: Mapped[datetime]
    # Where the bank says its payer is reached; only used to find the payer's account for the notice.
    payer_email: Mapped[str | None] = mapped_column(String(254))
    account_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    # "callback" or "statement": how the center learned of the payment.
    found_by: Mapped[str] = mapped_column(String(12))
    recorded_at: Mapped[datetime]
    notified_at: Mapped[datetime | None]


class OutageRow(Base):
    """A declared outage window of the center; `ends_at` is NULL while it is still open."""

    __tablename__ = "passport_outages"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    reason: Mapped[str] = mapped_column(String(500))
    declared_by: Mapped[str] = mapped_column(String(200))
    declared_at: Mapped[datetime]


class InterviewRow(Base):
    """The interview of an application: digests of the photo and fingerprints, and the officer."""

    __tablename__ = "passport_interviews"

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("passport_applications.id"), primary_key=True
    )
    photo_sha256: Mapped[str] = mapped_column(String(64))
    fingerprints_sha256: Mapped[str] = mapped_column(String(64))
    officer: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime]


class BookingRequestRow(Base):
    """A booking request's Idempotency-Key and the answer it got, so a retried request gets that answer."""

    __tablename__ = "passport_booking_requests"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("passport_applications.id"), index=True)
    # What was asked (application, office, day, hour): the same key for another request is refused.
    request_sha256: Mapped[str] = mapped_column(String(64))
    response: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class GuardianRow(Base):
    """The parent or guardian who consented to a child's application; written once with it."""

    __tablename__ = "passport_guardians"

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("passport_applications.id"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(200))
    relationship: Mapped[str] = mapped_column(String(12))
    nik: Mapped[str] = mapped_column(String(16))
    consented_at: Mapped[datetime]
