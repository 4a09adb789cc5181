"""Request and response models of the upload and reference-data API."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MAX_SEQ = 2**53 - 1


class UploadRecordCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID
    record_type: str = Field(min_length=1, max_length=40)
    # An outbox position: a count of records, far below the 64-bit columns it is stored in.
    edge_seq: int = Field(ge=1, le=MAX_SEQ)
    payload: dict[str, Any]


class UploadBatchCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    records: list[UploadRecordCreate] = Field(min_length=1, max_length=5000)


class UploadResultRead(BaseModel):
    accepted: list[uuid.UUID]
    duplicates: list[uuid.UUID]
    held_through_seq: int
    alerts: int


class SyncStateRead(BaseModel):
    node: str
    held_through_seq: int
