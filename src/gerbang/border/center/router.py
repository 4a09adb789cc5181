"""Center API for supervisors: the crossings every edge uploaded, and alerts from re-screening."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from gerbang.border import center
from gerbang.border.orm import CrossingRow
from gerbang.border.schemas import AlertPage, AlertRead, CrossingPage, CrossingRecord, ReasonRead
from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.kernel.clock import as_utc
from gerbang.web.deps import SessionDep, require

router = APIRouter(prefix="/api/v1", tags=["border"])


def crossing_record(row: CrossingRow) -> CrossingRecord:
    """A stored crossing in its upload shape."""
    return CrossingRecord(
        id=row.id,
        node=row.node,
        site=row.site,
        lane=row.lane,
        direction=row.direction,
        document_number=row.document_number,
        nationality=row.nationality,
        surname=row.surname,
        given_names=row.given_names,
        birth_date=row.birth_date,
        flight=row.flight,
        credential_id=row.credential_id,
        decision=row.decision,
        reasons=[ReasonRead(**r) for r in row.reasons["reasons"]],
        permitted_until=row.permitted_until,
        offline=row.offline,
        reference_version=row.reference_version,
        officer=row.officer,
        recorded_at=as_utc(row.recorded_at),
    )


@router.get("/crossings", response_model=CrossingPage)
def crossings(
    session: SessionDep,
    _principal: Annotated[Principal, Depends(require(Permission.CROSSINGS_READ))],
    site: Annotated[str | None, Query(max_length=40)] = None,
    since: Annotated[
        datetime | None, Query(description="Only crossings recorded at or after this time.")
    ] = None,
    cursor: Annotated[uuid.UUID | None, Query(description="next_cursor of the previous page.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> CrossingPage:
    """Crossings the center holds, oldest first; follow next_cursor for the next page."""
    rows = center.list_crossings(session, site=site, since=since, after_id=cursor, limit=limit)
    return CrossingPage(
        crossings=[crossing_record(r) for r in rows],
        next_cursor=str(rows[-1].id) if len(rows) == limit else None,
    )


@router.get("/alerts", response_model=AlertPage)
def alerts(
    session: SessionDep,
    _principal: Annotated[Principal, Depends(require(Permission.ALERTS_READ))],
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> AlertPage:
    """Travellers the center would have stopped, found by re-screening offline decisions."""
    rows = center.list_alerts(session, limit=limit)
    return AlertPage(alerts=[AlertRead.model_validate(r, from_attributes=True) for r in rows])
