"""Request and response models of the office node's API, and the records it uploads to the center."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from gerbang.passports.domain.handover import CollectorKind, Relationship

_DIGEST = r"^[0-9a-f]{64}$"
INTERVIEW_RECORD = "passport-interview"
HANDOVER_RECORD = "passport-handover"


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InterviewCreate(StrictModel):
    """An interview at the counter: the capture station keeps the files, the office records their digests."""

    application_id: uuid.UUID
    photo_sha256: str = Field(pattern=_DIGEST, description="SHA-256 of the photo file (lower-case hex).")
    fingerprints_sha256: str = Field(pattern=_DIGEST, description="SHA-256 of the fingerprint record.")
    photo_ref: str | None = Field(default=None, max_length=300, description="Where the station keeps it.")
    fingerprints_ref: str | None = Field(default=None, max_length=300)


class HandoverCreate(StrictModel):
    """Who collects the passport, as read from their e-KTP; for a child, the family card links them."""

    application_id: uuid.UUID
    collector_kind: CollectorKind = Field(description="holder (in person) or authorised (for a child).")
    nik: str = Field(min_length=16, max_length=20, description="The collector's NIK from the e-KTP.")
    name: str = Field(min_length=1, max_length=200, description="The collector's name from the e-KTP.")
    birth_date: date = Field(description="The collector's birth date from the e-KTP.")
    relationship: Relationship | None = Field(default=None, description="parent or guardian of the child.")
    family_card: str | None = Field(default=None, max_length=20, description="Kartu Keluarga number.")


class GuardianRead(BaseModel):
    name: str
    relationship: str
    nik: str


class EntryRead(BaseModel):
    application_id: uuid.UUID
    name: str
    nik: str
    birth_date: date
    service: str
    slot: datetime | None
    status: str = Field(description="As the center last said, or as recorded here since.")
    guardian: GuardianRead | None = Field(default=None, description="A child's parent or guardian.")


class QueueRead(BaseModel):
    site: str
    day: date
    reference_version: int
    appointments: list[EntryRead]
    ready: list[EntryRead]


class InterviewRead(BaseModel):
    id: uuid.UUID
    application_id: uuid.UUID
    status: str
    recorded_at: datetime


class HandoverRead(BaseModel):
    id: uuid.UUID
    application_id: uuid.UUID
    collector_kind: CollectorKind
    status: str
    recorded_at: datetime


class InterviewRecord(StrictModel):
    """An uploaded interview: digests only, the biometric files never leave the office."""

    id: uuid.UUID
    application_id: uuid.UUID
    node: str = Field(max_length=120)
    site: str = Field(max_length=12)
    photo_sha256: str = Field(pattern=_DIGEST)
    fingerprints_sha256: str = Field(pattern=_DIGEST)
    officer: str = Field(max_length=200)
    reference_version: int = Field(ge=0)
    recorded_at: AwareDatetime


class HandoverRecord(StrictModel):
    """An uploaded hand-over with the collector's identity as the office checked it."""

    id: uuid.UUID
    application_id: uuid.UUID
    node: str = Field(max_length=120)
    site: str = Field(max_length=12)
    collector_kind: CollectorKind
    collector_nik: str = Field(max_length=16)
    collector_name: str = Field(max_length=200)
    collector_birth_date: date
    relationship: Relationship | None
    family_card: str | None = Field(max_length=16)
    officer: str = Field(max_length=200)
    reference_version: int = Field(ge=0)
    recorded_at: AwareDatetime
