"""Request and response models of the checkpoint API, and the crossing record edges upload."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Decision = Literal["admit", "refer", "refuse"]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReasonRead(BaseModel):
    code: str
    message: str
    # The catalogue's text of the reason and what fills it in; absent on records from older edges.
    key: str | None = Field(default=None, max_length=80)
    details: dict[str, str | int | float] | None = None


class CrossingCreate(StrictModel):
    """What a lane sends for a traveller: the zone read from the passport and what the officer saw."""

    mrz: list[str] = Field(
        min_length=2, max_length=3, description="The machine-readable zone, one line each."
    )
    direction: Literal["entry", "exit"]
    lane: str = Field(min_length=1, max_length=40)
    flight: str | None = Field(default=None, max_length=20)
    credential: str | None = Field(default=None, max_length=4000, description="A visa credential text.")
    biometric_match: bool | None = None
    voa_paid: bool = Field(default=False, description="A visa on arrival was paid at the counter.")


class CrossingRecord(StrictModel):
    """A crossing as stored and uploaded: the edge's decision and the reference version it used."""

    id: uuid.UUID
    node: str = Field(max_length=120)
    site: str = Field(max_length=40)
    lane: str = Field(max_length=40)
    direction: Literal["entry", "exit"]
    document_number: str = Field(max_length=40)
    nationality: str = Field(max_length=3)
    surname: str = Field(max_length=120)
    given_names: str = Field(max_length=200)
    birth_date: date | None
    flight: str | None = Field(max_length=20)
    credential_id: str | None = Field(max_length=40)
    decision: Decision
    reasons: list[ReasonRead]
    permitted_until: date | None
    offline: bool
    reference_version: int = Field(ge=0)
    officer: str = Field(max_length=200)
    recorded_at: datetime


class CrossingRead(StrictModel):
    """The contract answer to a lane."""

    id: uuid.UUID
    decision: Decision
    reasons: list[ReasonRead]
    offline: bool
    reference_version: int
    recorded_at: datetime
    permitted_until: date | None = None
    overstay_fine: int | None = None
    override: OverrideRead | None = None


class OverrideCreate(StrictModel):
    decision: Decision
    reason: str = Field(min_length=3, max_length=500)


class OverrideRead(BaseModel):
    decision: Decision
    reason: str
    officer: str
    recorded_at: datetime


class CrossingPage(BaseModel):
    crossings: list[CrossingRecord]
    next_cursor: str | None


class AlertRead(BaseModel):
    id: uuid.UUID
    crossing_id: uuid.UUID
    site: str
    entry_id: str
    list_kind: str
    score: float
    edge_decision: str
    edge_reference_version: int
    center_reference_version: int
    raised_at: datetime


class AlertPage(BaseModel):
    alerts: list[AlertRead]


CrossingRead.model_rebuild()
