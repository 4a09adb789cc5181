"""The hash-chained audit log: append an entry per officer action; verify that none was altered."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gerbang.infra.orm import AuditEntryRow, AuditHeadRow
from gerbang.kernel.clock import as_utc

GENESIS_HASH = "0" * 64
_HEAD_ID = 1


def entry_hash(
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    record_type: str,
    record_id: str | None,
    details: dict[str, Any],
    prev_hash: str,
) -> str:
    """SHA-256 over a canonical JSON form of the entry and the hash before it."""
    canonical = json.dumps(
        [
            seq,
            as_utc(at).isoformat(timespec="microseconds"),
            actor,
            action,
            record_type,
            record_id,
            details,
            prev_hash,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    record_type: str,
    record_id: str | None = None,
    details: dict[str, Any] | None = None,
    at: datetime,
) -> AuditEntryRow:
    """Append one entry inside the caller's transaction, so the action and its audit commit together."""
    head = session.execute(
        select(AuditHeadRow).where(AuditHeadRow.id == _HEAD_ID).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        head = AuditHeadRow(id=_HEAD_ID, seq=0, hash=GENESIS_HASH)
        session.add(head)
    entry_details = details or {}
    seq = head.seq + 1
    digest = entry_hash(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=record_id,
        details=entry_details,
        prev_hash=head.hash,
    )
    row = AuditEntryRow(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=record_id,
        details=entry_details,
        prev_hash=head.hash,
        hash=digest,
    )
    session.add(row)
    head.seq, head.hash = seq, digest
    session.flush()
    return row


Problem = Literal["changed", "inserted", "deleted"]


@dataclass(frozen=True)
class ChainBreak:
    """The first place where the log differs from what was written."""

    seq: int
    problem: Problem
    detail: str


@dataclass(frozen=True)
class ChainReport:
    """The outcome of verifying the whole log."""

    entries: int
    first_break: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.first_break is None


def verify_chain(session: Session, *, batch_size: int = 5000) -> ChainReport:
    """Walk the log in order and report the first entry that was changed, inserted or deleted."""
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    rows = session.execute(
        select(AuditEntryRow).order_by(AuditEntryRow.seq).execution_options(yield_per=batch_size)
    ).scalars()
    for row in rows:
        count += 1
        problem = _check_row(row, expected_seq, prev_hash)
        if problem is not None:
            return ChainReport(count, problem)
        expected_seq, prev_hash = row.seq + 1, row.hash
    head = session.get(AuditHeadRow, _HEAD_ID)
    head_seq = head.seq if head else 0
    if head_seq > expected_seq - 1:
        return ChainReport(count, ChainBreak(expected_seq, "deleted", "entries at the end are missing"))
    if head is not None and head.hash != prev_hash:
        return ChainReport(
            count, ChainBreak(expected_seq - 1, "inserted", "the last entry is not the one recorded")
        )
    return ChainReport(count, None)


def _check_row(row: AuditEntryRow, expected_seq: int, prev_hash: str) -> ChainBreak | None:
    if row.seq > expected_seq:
        return ChainBreak(expected_seq, "deleted", f"entries {expected_seq}..{row.seq - 1} are missing")
    if row.seq < expected_seq:
        return ChainBreak(row.seq, "inserted", "sequence number repeats")
    recomputed = entry_hash(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=row.action,
        record_type=row.record_type,
        record_id=row.record_id,
        details=row.details,
        prev_hash=row.prev_hash,
    )
    if recomputed != row.hash:
        return ChainBreak(row.seq, "changed", "the entry's content does not match its hash")
    if row.prev_hash != prev_hash:
        return ChainBreak(row.seq, "inserted", "the entry does not follow the one before it")
    return None
