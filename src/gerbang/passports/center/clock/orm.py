"""Tables of the service clock: deadline events, notices, the email outbox, contacts and outage keys."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gerbang.infra.orm import Base

_BIGINT = BigInteger().with_variant(Integer(), "sqlite")


class DeadlineEventRow(Base):
    """Something the clock did to an application; appended once per (application, key), never edited."""

    __tablename__ = "passport_deadline_events"
    __table_args__ = (UniqueConstraint("application_id", "key"),)

    seq: Mapped[int] = mapped_column(_BIGINT, primary_key=True, autoincrement=True)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("passport_applications.id"), index=True)
    # The idempotency key, e.g. "surcharge_refund", "outage:<id>:2026-06-22", "pickup:14".
    key: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(30))
    # The new due time, for an extension; the rest leave it empty.
    due_at: Mapped[datetime | None]
    outage_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("passport_outages.id"))
    note: Mapped[str | None] = mapped_column(String(300))
    at: Mapped[datetime]


class NoticeRow(Base):
    """A message to an applicant, in Indonesian and English; one per event (`key` is unique)."""

    __tablename__ = "passport_notices"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"), index=True)
    application_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("passport_applications.id"), index=True
    )
    key: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(200))
    body_id: Mapped[str] = mapped_column(Text)
    subject_en: Mapped[str] = mapped_column(String(200))
    body_en: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]


class EmailOutboxRow(Base):
    """A notice waiting to be mailed; kept until the SMTP server takes it, however long that is."""

    __tablename__ = "passport_email_outbox"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    notice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("passport_notices.id"), unique=True)
    address: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(2))
    attempts: Mapped[int]
    next_attempt_at: Mapped[datetime] = mapped_column(index=True)
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(300))


class ContactRow(Base):
    """How an applicant wants to hear from us: an email address and a language (id or en)."""

    __tablename__ = "passport_contacts"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(2))
    updated_at: Mapped[datetime]


class OutageKeyRow(Base):
    """The idempotency key of a declared outage (the status node sends its incident id)."""

    __tablename__ = "passport_outage_keys"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    outage_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("passport_outages.id"), unique=True)
