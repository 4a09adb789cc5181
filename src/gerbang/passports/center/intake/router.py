"""Center API over what offices uploaded: each record with what the center made of it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from sqlalchemy import select

from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.kernel.clock import as_utc
from gerbang.passports.office.orm import OfficeRecordRow
from gerbang.web.deps import SessionDep, require

router = APIRouter(prefix="/api/v1/passports", tags=["passports"])
Officer = Annotated[Principal, Depends(require(Permission.APPLICATIONS_PROCESS))]


class OfficeRecordRead(BaseModel):
    id: uuid.UUID
    record_type: str
    node: str
    site: str
    application_id: uuid.UUID
    outcome: str
    reason: str | None
    recorded_at: datetime
    received_at: datetime


class OfficeRecordPage(BaseModel):
    records: list[OfficeRecordRead]
    next_after: uuid.UUID | None


@router.get("/office-records", response_model=OfficeRecordPage)
def office_records(
    session: SessionDep,
    _officer: Officer,
    outcome: Literal["applied", "duplicate", "conflict"] | None = None,
    site: Annotated[str | None, Query(max_length=12)] = None,
    after: Annotated[uuid.UUID | None, Query(description="next_after of the previous page.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> OfficeRecordPage:
    """Interviews and hand-overs received from offices, oldest first; `outcome=conflict` is the work list."""
    query = select(OfficeRecordRow).order_by(OfficeRecordRow.id).limit(limit)
    if outcome:
        query = query.where(OfficeRecordRow.outcome == outcome)
    if site:
        query = query.where(OfficeRecordRow.site == site.upper())
    if after:
        query = query.where(OfficeRecordRow.id > after)
    rows = list(session.execute(query).scalars())
    return OfficeRecordPage(
        records=[
            OfficeRecordRead(
                id=r.id,
                record_type=r.record_type,
                node=r.node,
                site=r.site,
                application_id=r.application_id,
                outcome=r.outcome,
                reason=r.reason,
                recorded_at=as_utc(r.recorded_at),
                received_at=as_utc(r.received_at),
            )
            for r in rows
        ],
        next_after=rows[-1].id if len(rows) == limit else None,
    )
