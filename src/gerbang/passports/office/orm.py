"""Tables of the passport office node (its interviews and hand-overs) and of the center's receipt of them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from gerbang.infra.orm import Base


class OfficeInterviewRow(Base):
    """An interview taken at an office: digests of the biometric files, never the images themselves."""

    __tablename__ = "office_interviews"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    # One interview per application at an office; a second attempt is refused locally.
    application_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    node: Mapped[str] = mapped_column(String(120))
    site: Mapped[str] = mapped_column(String(12))
    photo_sha256: Mapped[str] = mapped_column(String(64))
    fingerprints_sha256: Mapped[str] = mapped_column(String(64))
    # Where the capture station keeps the files at the office (they are not uploaded).
    photo_ref: Mapped[str | None] = mapped_column(String(300))
    fingerprints_ref: Mapped[str | None] = mapped_column(String(300))
    officer: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime]


class OfficeHandoverRow(Base):
    """A passport handed over at an office, with who collected it as read from their e-KTP."""

    __tablename__ = "office_handovers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    application_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    node: Mapped[str] = mapped_column(String(120))
    site: Mapped[str] = mapped_column(String(12))
    collector_kind: Mapped[str] = mapped_column(String(12))
    collector_nik: Mapped[str] = mapped_column(String(16))
    collector_name: Mapped[str] = mapped_column(String(200))
    collector_birth_date: Mapped[date]
    relationship: Mapped[str | None] = mapped_column(String(12))
    family_card: Mapped[str | None] = mapped_column(String(16))
    officer: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime]


class OfficeRecordRow(Base):
    """Center: one uploaded office record, kept once by its id with what the center made of it."""

    __tablename__ = "passport_office_records"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40))
    node: Mapped[str] = mapped_column(String(120))
    site: Mapped[str] = mapped_column(String(12))
    application_id: Mapped[uuid.UUID] = mapped_column(index=True)
    # applied, duplicate (the center already had this step) or conflict (an officer must look).
    outcome: Mapped[str] = mapped_column(String(12), index=True)
    reason: Mapped[str | None] = mapped_column(String(300))
    payload: Mapped[dict[str, Any]]
    recorded_at: Mapped[datetime]
    received_at: Mapped[datetime]
