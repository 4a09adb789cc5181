"""The keyed hash-chained audit log: append an entry per officer action; verify that none was altered.

Each entry's hash is an HMAC-SHA256 under the node's audit key, a file in its key directory and never in
the database: someone who can write the database but not read that file cannot recompute a hash, so an
edited entry shows. A cut tail shows against the heads published outside the database (audit_heads.py).
"""

from __future__ import annotations

import hashlib
import hmac
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
    key: bytes,
) -> str:
    """HMAC-SHA256 under `key` over a canonical JSON form of the entry and the hash before it."""
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
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()


def session_key(session: Session) -> bytes:
    """The audit key of the database `session` belongs to (infra/database.py puts it there)."""
    holder = session.info.get("audit_key")
    if holder is None:
        raise RuntimeError("this session has no audit key: open it through infra.database.Database")
    key: bytes = holder.get()
    return key


def head_mac(*, seq: int, hash: str, key: bytes) -> str:
    """The MAC that vouches for a published head (sequence number and hash of the last entry)."""
    return hmac.new(key, f"audit-head:{seq}:{hash}".encode(), hashlib.sha256).hexdigest()


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
        key=session_key(session),
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


@dataclass(frozen=True)
class PublishedHead:
    """A head as it was published outside the database: the chain had at least `seq` entries."""

    seq: int
    hash: str


def verify_chain(
    session: Session, *, batch_size: int = 5000, published: list[PublishedHead] | None = None
) -> ChainReport:
    """Walk the log in order and report the first entry that was changed, inserted or deleted.

    `published` are heads kept outside the database (already checked as genuine); each must still be
    in the chain, so deleting the last entries, and the head row with them, shows.
    """
    key = session_key(session)
    wanted = {head.seq: head.hash for head in published or [] if head.seq > 0}
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    rows = session.execute(
        select(AuditEntryRow).order_by(AuditEntryRow.seq).execution_options(yield_per=batch_size)
    ).scalars()
    for row in rows:
        count += 1
        problem = _check_row(row, expected_seq, prev_hash, key)
        if problem is not None:
            return ChainReport(count, problem)
        if row.seq in wanted and wanted.pop(row.seq) != row.hash:
            return ChainReport(
                count, ChainBreak(row.seq, "changed", "the entry differs from the head published for it")
            )
        expected_seq, prev_hash = row.seq + 1, row.hash
    if wanted:
        # The rows run without gaps up to here, so every published head left over lies past the end.
        detail = f"entries {expected_seq}..{max(wanted)} were published but are missing"
        return ChainReport(count, ChainBreak(expected_seq, "deleted", detail))
    head = session.get(AuditHeadRow, _HEAD_ID)
    if head is None and count > 0:
        return ChainReport(count, ChainBreak(expected_seq - 1, "deleted", "the head row is missing"))
    head_seq = head.seq if head else 0
    if head_seq > expected_seq - 1:
        return ChainReport(count, ChainBreak(expected_seq, "deleted", "entries at the end are missing"))
    if head is not None and head.hash != prev_hash:
        return ChainReport(
            count, ChainBreak(expected_seq - 1, "inserted", "the last entry is not the one recorded")
        )
    return ChainReport(count, None)


def current_head(session: Session) -> PublishedHead:
    """The head as the database has it now, to be published."""
    head = session.get(AuditHeadRow, _HEAD_ID)
    return PublishedHead(head.seq, head.hash) if head else PublishedHead(0, GENESIS_HASH)


def _check_row(row: AuditEntryRow, expected_seq: int, prev_hash: str, key: bytes) -> ChainBreak | None:
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
        key=key,
    )
    if not hmac.compare_digest(recomputed, row.hash):
        return ChainBreak(row.seq, "changed", "the entry's content does not match its hash")
    if row.prev_hash != prev_hash:
        return ChainBreak(row.seq, "inserted", "the entry does not follow the one before it")
    return None
