"""The edge's outbox: enqueue with the record, hand out batches in order, mark what the center holds."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from gerbang.sync.domain import UploadRecord
from gerbang.sync.orm import OutboxRow


def enqueue(
    session: Session, *, record_type: str, record_id: uuid.UUID, payload: dict[str, Any], at: datetime
) -> None:
    """Queue a record for upload; call inside the transaction that writes the record itself."""
    session.add(OutboxRow(record_type=record_type, record_id=record_id, payload=payload, created_at=at))


def next_batch(session: Session, *, limit: int) -> list[UploadRecord]:
    """The oldest records not yet held by the center, in the order they were written."""
    rows = session.execute(
        select(OutboxRow).where(OutboxRow.sent_at.is_(None)).order_by(OutboxRow.seq).limit(limit)
    ).scalars()
    return [UploadRecord(row.record_id, row.record_type, row.seq, row.payload) for row in rows]


def mark_sent(session: Session, *, record_ids: list[uuid.UUID], at: datetime) -> None:
    """Mark records the center acknowledged (stored now or already held)."""
    if record_ids:
        session.execute(update(OutboxRow).where(OutboxRow.record_id.in_(record_ids)).values(sent_at=at))


def resend_after(session: Session, *, seq: int) -> int:
    """Queue again every kept record after `seq` (the center lost them, e.g. restored from a backup)."""
    result = session.execute(
        update(OutboxRow).where(OutboxRow.seq > seq, OutboxRow.sent_at.is_not(None)).values(sent_at=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def backlog(session: Session) -> int:
    """How many records are waiting for the center."""
    return int(session.execute(select(func.count()).where(OutboxRow.sent_at.is_(None))).scalar_one())


def highest_sent_seq(session: Session) -> int:
    """The newest record the center has acknowledged."""
    return int(
        session.execute(select(func.max(OutboxRow.seq)).where(OutboxRow.sent_at.is_not(None))).scalar() or 0
    )


def purge_sent_before(session: Session, *, before: datetime) -> int:
    """Forget acknowledged records older than the retention period; unsent ones are never purged."""
    result = session.execute(
        delete(OutboxRow).where(OutboxRow.sent_at.is_not(None), OutboxRow.created_at < before)
    )
    return int(getattr(result, "rowcount", 0) or 0)
