"""Request and response models of the visa API."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gerbang.visas.domain.credential import CredentialType

Status = Literal["submitted", "approved", "refused"]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ApplicationCreate(StrictModel):
    """An application for oneself, with the holder as printed in the passport."""

    type: CredentialType = Field(description="evoa, visit-single, visit-multiple, kitas or kitap.")
    name: str = Field(min_length=1, max_length=200, description="Full name as in the passport.")
    passport_number: str = Field(min_length=1, max_length=24, pattern=r"^[A-Za-z0-9 <]+$")
    nationality: str = Field(
        min_length=1, max_length=3, pattern=r"^[A-Za-z<]+$", description="The code in the passport: AUS, D."
    )
    birth_date: date


class HolderRead(BaseModel):
    name: str
    passport_number: str
    nationality: str
    birth_date: date


class WatchlistMatch(BaseModel):
    """A watchlist entry the holder resembles (shown to visa officers only)."""

    entry_id: str
    list_kind: str
    score: float


class ApplicationRead(BaseModel):
    id: uuid.UUID
    type: CredentialType
    status: Status
    holder: HolderRead
    fee_idr: int = Field(description="The fee in whole rupiah, from the visa policy in force.")
    created_at: datetime
    decided_at: datetime | None
    decided_by: str | None = Field(description="Shown to visa officers only.")
    reason: str | None
    credential_id: uuid.UUID | None = Field(description="The newest credential issued on it.")
    watchlist_matches: list[WatchlistMatch]


class ApplicationPage(BaseModel):
    applications: list[ApplicationRead]
    next_before: uuid.UUID | None = Field(description="Pass as `before` for the next (older) page.")


class ApprovalCreate(StrictModel):
    screening_reviewed: bool = Field(
        default=False, description="Needed when the holder matches a wanted or lost/stolen entry."
    )


class ReasonCreate(StrictModel):
    reason: str = Field(min_length=3, max_length=500)


class CredentialRead(BaseModel):
    id: uuid.UUID
    application_id: uuid.UUID
    type: CredentialType
    holder: HolderRead
    valid_from: datetime
    valid_until: datetime
    stay_days: int | None = Field(description="Days from entry; null when the stay lasts to valid_until.")
    entries: int | Literal["unlimited"]
    issued_at: datetime
    text: str = Field(description="The signed credential text, as in the QR code.")
    extended_from: uuid.UUID | None
    superseded_by: uuid.UUID | None
    revoked_at: datetime | None
    revocation_reason: str | None
