"""The center's national view of the queues: each checkpoint's newest figures, as its outbox sent them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from gerbang.border.domain.queueing.forecast import QUEUES
from gerbang.border.lanes_orm import CheckpointFiguresRow
from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import InvalidInput
from gerbang.sync.center.ingest import node_site
from gerbang.sync.domain import UploadRecord
from gerbang.web.deps import require

router = APIRouter(prefix="/api/v1", tags=["national queues"])
# Figures older than this are shown as stale: the checkpoint has stopped sending, or cannot.
STALE_AFTER = timedelta(minutes=15)


class QueueFigure(BaseModel):
    queue: str = Field(max_length=20)
    line: int = Field(ge=0, le=100_000)
    wait_min: float | None = Field(default=None, ge=0, le=10_000)
    lanes_open: list[Annotated[str, Field(max_length=40)]] = Field(max_length=500)
    lanes_down: list[Annotated[str, Field(max_length=40)]] = Field(max_length=500)
    advised_counters: int | None = Field(default=None, ge=0, le=10_000)


class CheckpointFigures(BaseModel):
    at: datetime
    offline: bool
    stale: bool
    queues: list[QueueFigure] = Field(max_length=len(QUEUES))


def ingest_figures(
    session: Session, node: str, records: Sequence[UploadRecord], at: datetime
) -> set[uuid.UUID]:
    """Keep the newest snapshot per site; the site is the node credential's, whatever the payload says."""
    site = node_site(session, node)
    stored: set[uuid.UUID] = set()
    for record in records:
        try:
            figures = CheckpointFigures.model_validate(record.payload)
        except ValidationError as exc:
            where = ".".join(str(part) for part in exc.errors()[0]["loc"])
            raise InvalidInput("queue.figures_invalid", field="payload", id=record.id, where=where) from None
        if figures.at.tzinfo is None or any(item.queue not in QUEUES for item in figures.queues):
            raise InvalidInput("queue.figures_unknown", field="payload", id=record.id)
        row = session.get(CheckpointFiguresRow, site)
        # Snapshots may arrive out of order after an outage: only a newer one replaces what is held.
        if row is None:
            session.add(
                CheckpointFiguresRow(
                    site=site,
                    node=node,
                    figures=figures.model_dump(mode="json"),
                    figures_at=figures.at,
                    received_at=at,
                )
            )
        elif as_utc(row.figures_at) < figures.at:
            row.node, row.figures, row.figures_at, row.received_at = (
                node,
                figures.model_dump(mode="json"),
                figures.at,
                at,
            )
        stored.add(record.id)
    return stored


@router.get("/national/queues")
def national_queues(
    request: Request, _caller: Annotated[Principal, Depends(require(Permission.CROSSINGS_READ))]
) -> dict[str, Any]:
    """Every checkpoint's newest queue figures and how old they are."""
    database = request.app.state.database
    now = request.app.state.clock.now()
    with database.reading() as session:
        rows = (
            session.execute(select(CheckpointFiguresRow).order_by(CheckpointFiguresRow.site)).scalars().all()
        )
        checkpoints = [
            {
                "site": row.site,
                "figures_at": as_utc(row.figures_at).isoformat(),
                "age_s": round((now - as_utc(row.figures_at)).total_seconds()),
                "stale": now - as_utc(row.figures_at) > STALE_AFTER,
                "queues": row.figures["queues"],
            }
            for row in rows
        ]
    return {"at": now.isoformat(), "checkpoints": checkpoints}
