"""Tables of visas: applications, their decisions, issued credentials, revocations and signed lists."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gerbang.infra.orm import Base


class VisaApplicationRow(Base):
    """What an applicant asked for, as submitted; never changed (a decision is a row of its own)."""

    __tablename__ = "visa_applications"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    applicant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    holder_name: Mapped[str] = mapped_column(String(255))
    passport_number: Mapped[str] = mapped_column(String(20), index=True)
    nationality: Mapped[str] = mapped_column(String(3))
    birth_date: Mapped[date]
    fee_idr: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    # Watchlist matches found when the application arrived: {"version": n, "hits": [...]}.
    screening: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class VisaDecisionRow(Base):
    """The one decision on an application (approved or refused); unique, so a decision is final."""

    __tablename__ = "visa_decisions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visa_applications.id"), unique=True)
    decision: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(String(500))
    # Watchlist matches as they stood when deciding (the list may have changed since the application).
    screening: Mapped[dict[str, Any]]
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime]


class VisaCredentialRow(Base):
    """A signed credential as issued; an extension is a new row pointing at the one it supersedes."""

    __tablename__ = "visa_credentials"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visa_applications.id"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    passport_number: Mapped[str] = mapped_column(String(20), index=True)
    nationality: Mapped[str] = mapped_column(String(3))
    valid_from: Mapped[datetime]
    valid_until: Mapped[datetime]
    stay_days: Mapped[int | None]
    entries: Mapped[int | None]  # None: any number of entries
    text: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[datetime]
    issued_by: Mapped[str] = mapped_column(String(200))
    # Unique: a credential is superseded at most once, so two racing extensions cannot both win.
    extended_from: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visa_credentials.id"), unique=True)


class VisaRevocationRow(Base):
    """One revoked credential; rows are only appended and a credential is revoked at most once."""

    __tablename__ = "visa_revocations"

    credential_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visa_credentials.id"), primary_key=True)
    revoked_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(500))
    revoked_by: Mapped[str] = mapped_column(String(200))


class VisaRevocationListRow(Base):
    """Each signed revocation list as published; the highest version is the one edges must hold."""

    __tablename__ = "visa_revocation_lists"

    version: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    issued_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
