"""Request and response models of the account, token, node and audit API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class StrictModel(BaseModel):
    """Refuses unknown fields, so a typo in a request is reported instead of ignored."""

    model_config = ConfigDict(extra="forbid")


class TokenCreate(StrictModel):
    username: str = Field(min_length=1, max_length=120)
    password: str = Field(min_length=1, max_length=1000)
    name: str = Field(default="session", max_length=120)


class TokenRead(BaseModel):
    token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth token type name
    expires_at: datetime | None


class PrincipalRead(BaseModel):
    kind: str
    id: uuid.UUID
    name: str
    roles: list[str]
    permissions: list[str]
    site: str | None


class AccountCreate(StrictModel):
    username: str = Field(min_length=1, max_length=120)
    password: str = Field(min_length=10, max_length=1000)
    roles: list[str] = Field(min_length=1)
    display_name: str | None = Field(default=None, max_length=200)


class AccountRead(BaseModel):
    id: uuid.UUID
    username: str
    display_name: str
    roles: list[str]
    active: bool


class NodeCreate(StrictModel):
    name: str = Field(min_length=1, max_length=120, pattern=r"^[A-Za-z0-9._-]+$")
    role: Literal["checkpoint", "office", "status"]
    site: str | None = Field(default=None, max_length=40)


class NodeKeyRead(BaseModel):
    name: str
    key: str


class AuditEntryRead(BaseModel):
    seq: int
    at: datetime
    actor: str
    action: str
    record_type: str
    record_id: str | None
    details: dict[str, Any]
    hash: str


class AuditPage(BaseModel):
    entries: list[AuditEntryRead]
    next_after_seq: int | None


class AuditVerifyRead(BaseModel):
    intact: bool
    entries: int
    first_break: dict[str, Any] | None
