"""The keyed hash-chained audit log: append an entry per officer action; verify that none was altered.

Each entry's hash is an HMAC-SHA256 under the node's audit key, a file in its key directory and never in
the database: someone who can write the database but not read that file cannot recompute a hash, so an
edited entry shows. A cut tail shows against the heads published outside the database (audit_heads.py).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from gerbang import words
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
    head_seq, head_hash, has_head = _take_head(session)
    entry_details = details or {}
    seq = head_seq + 1
    digest = entry_hash(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=record_id,
        details=entry_details,
        prev_hash=head_hash,
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
        prev_hash=head_hash,
        hash=digest,
    )
    # Core statements on the session's connection, run at once: nothing of the caller's is flushed
    # here, so its own rows go to the database with the rest of its unit of work.
    connection = session.connection()
    connection.execute(_INSERT_ENTRY, _values(row))
    connection.execute(_UPDATE_HEAD if has_head else _INSERT_HEAD, {"new_seq": seq, "new_hash": digest})
    loaded = session.identity_map.get(identity_key(AuditHeadRow, _HEAD_ID))
    if loaded is not None:
        session.expire(loaded)  # a head read through the ORM earlier in this session is now stale
    return row


_ENTRIES, _HEADS = cast(Table, AuditEntryRow.__table__), cast(Table, AuditHeadRow.__table__)
# Built once: an append compiles nothing and goes through no ORM layer.
_HEAD = select(_HEADS.c.seq, _HEADS.c.hash).where(_HEADS.c.id == _HEAD_ID)
_HEAD_FOR_UPDATE = _HEAD.with_for_update()
_INSERT_ENTRY = insert(_ENTRIES)
_INSERT_HEAD = insert(_HEADS).values(id=_HEAD_ID, seq=bindparam("new_seq"), hash=bindparam("new_hash"))
_UPDATE_HEAD = (
    update(_HEADS).where(_HEADS.c.id == _HEAD_ID).values(seq=bindparam("new_seq"), hash=bindparam("new_hash"))
)


def _take_head(session: Session) -> tuple[int, str, bool]:
    """The head, held until the caller's transaction ends, so appenders follow one another.

    SQLite's write lock is held from BEGIN IMMEDIATE (infra/database.py), so a plain read will do;
    PostgreSQL locks the row. Read on the connection: the caller's pending rows wait for its commit.
    """
    connection = session.connection()
    statement = _HEAD if connection.dialect.name == "sqlite" else _HEAD_FOR_UPDATE
    head = connection.execute(statement).first()
    return (0, GENESIS_HASH, False) if head is None else (int(head.seq), str(head.hash), True)


def _values(row: AuditEntryRow) -> dict[str, Any]:
    return {column.key: getattr(row, column.key) for column in _ENTRIES.columns}


Problem = Literal["changed", "inserted", "deleted"]


@dataclass(frozen=True)
class ChainBreak:
    """The first place where the log differs from what was written: `reason` is a catalogue key."""

    seq: int
    problem: Problem
    reason: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def detail(self) -> str:
        """What is wrong, in English (for logs and the API)."""
        return words.say(self.reason, "en", seq=self.seq, **self.params)

    def said_in(self, language: str) -> str:
        return words.say(self.reason, language, seq=self.seq, **self.params)


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
            return ChainReport(count, ChainBreak(row.seq, "changed", "audit.published_differs"))
        expected_seq, prev_hash = row.seq + 1, row.hash
    if wanted:
        # The rows run without gaps up to here, so every published head left over lies past the end.
        return ChainReport(
            count, ChainBreak(expected_seq, "deleted", "audit.published_missing", {"last": max(wanted)})
        )
    head = session.get(AuditHeadRow, _HEAD_ID)
    if head is None and count > 0:
        return ChainReport(count, ChainBreak(expected_seq - 1, "deleted", "audit.head_row_missing"))
    head_seq = head.seq if head else 0
    if head_seq > expected_seq - 1:
        tail = ChainBreak(expected_seq, "deleted", "audit.tail_missing", {"last": head_seq})
        return ChainReport(count, tail)
    if head is not None and head.hash != prev_hash:
        return ChainReport(count, ChainBreak(expected_seq - 1, "inserted", "audit.last_not_recorded"))
    return ChainReport(count, None)


def hash_at(session: Session, seq: int) -> str | None:
    """The hash of entry `seq` as the log holds it now; None if there is no such entry."""
    digest = session.execute(select(AuditEntryRow.hash).where(AuditEntryRow.seq == seq)).scalar()
    return None if digest is None else str(digest)


def current_head(session: Session) -> PublishedHead:
    """The head as the database has it now, to be published."""
    head = session.get(AuditHeadRow, _HEAD_ID)
    return PublishedHead(head.seq, head.hash) if head else PublishedHead(0, GENESIS_HASH)


def _check_row(row: AuditEntryRow, expected_seq: int, prev_hash: str, key: bytes) -> ChainBreak | None:
    if row.seq > expected_seq:
        return ChainBreak(expected_seq, "deleted", "audit.entries_missing", {"last": row.seq - 1})
    if row.seq < expected_seq:
        return ChainBreak(row.seq, "inserted", "audit.seq_repeats")
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
        return ChainBreak(row.seq, "changed", "audit.hash_mismatch")
    if row.prev_hash != prev_hash:
        return ChainBreak(row.seq, "inserted", "audit.not_following")
    return None
