"""Center side of upload: store each record once by its id, count repeats, and track each edge's progress."""

from __future__ import annotations

import itertools
import logging
import os
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from gerbang.infra.orm import NodeCredentialRow
from gerbang.kernel.errors import InvalidInput, PermissionDenied
from gerbang.sync.domain import IngestResult, UploadRecord
from gerbang.sync.orm import SyncNodeRow

# A handler stores the records of one type that are new and returns their ids; it must ignore ids
# it already holds, because two deliveries of one batch may race.
IngestHandler = Callable[[Session, str, Sequence[UploadRecord], datetime], set[uuid.UUID]]
# After storing, a reviewer may look at the new records again (the center re-screens offline
# decisions); it returns how many alerts it raised.
IngestReviewer = Callable[[Session, str, Sequence[UploadRecord], datetime], int]

# A deliberately broken ingest, for the outage drill's own test that its verdict fails (gerbang drill):
# every Nth record is acknowledged and not stored. Read once from this process's environment, never
# from a request, and off unless set; a center running with it says so in its log at start.
BROKEN_INGEST_ENV = "GERBANG_DRILL_BROKEN_INGEST_DROP_EVERY"
_BROKEN_EVERY = int(os.environ.get(BROKEN_INGEST_ENV, "0") or "0")
_BROKEN_COUNT = itertools.count(1)
_BROKEN_LOCK = threading.Lock()
if _BROKEN_EVERY > 0:
    logging.getLogger("gerbang.sync").warning(
        "%s=%d: this center drops every %dth uploaded record while acknowledging it (a drill fault)",
        BROKEN_INGEST_ENV,
        _BROKEN_EVERY,
        _BROKEN_EVERY,
    )


def _broken_drops(records: Sequence[UploadRecord]) -> set[uuid.UUID]:
    """The records the drill fault drops from this batch (none unless the fault is set)."""
    if _BROKEN_EVERY <= 0:
        return set()
    with _BROKEN_LOCK:
        return {r.id for r in records if next(_BROKEN_COUNT) % _BROKEN_EVERY == 0}


def all_reviewers(*reviewers: IngestReviewer) -> IngestReviewer:
    """One reviewer that runs each of `reviewers` in turn and adds up their alerts."""

    def review(session: Session, node: str, records: Sequence[UploadRecord], at: datetime) -> int:
        return sum(reviewer(session, node, records, at) for reviewer in reviewers)

    return review


def insert_new_rows(
    session: Session, table: Table, rows: Iterable[Mapping[str, Any]], *, key: str = "id"
) -> set[Any]:
    """Insert `rows`, skipping any whose `key` already exists; return the keys actually inserted."""
    rows = list(rows)
    if not rows:
        return set()
    wanted = {row[key] for row in rows}
    existing = set(session.execute(select(table.c[key]).where(table.c[key].in_(wanted))).scalars())
    fresh = [row for row in rows if row[key] not in existing]
    if not fresh:
        return set()
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    # ON CONFLICT DO NOTHING keeps a racing second delivery from failing; RETURNING says which won.
    statement = dialect.insert(table).on_conflict_do_nothing(index_elements=[key]).returning(table.c[key])
    inserted = set(session.execute(statement, fresh).scalars())
    return inserted


def node_site(session: Session, node: str) -> str:
    """The site on `node`'s live credential: what its records are filed under, whatever they claim."""
    site = session.execute(
        select(NodeCredentialRow.site).where(
            NodeCredentialRow.name == node, NodeCredentialRow.revoked_at.is_(None)
        )
    ).scalar()
    if not site:
        raise PermissionDenied("sync.node_without_site", node=node)
    return site.upper()


def ingest_batch(
    session: Session,
    *,
    node: str,
    records: Sequence[UploadRecord],
    handlers: Mapping[str, IngestHandler],
    reviewers: Mapping[str, IngestReviewer] | None = None,
    allowed: frozenset[str] | None = None,
    at: datetime,
) -> IngestResult:
    """Store a batch from `node` idempotently: a record already held is counted, never stored twice.

    `allowed` are the record types the node's role may upload (None: any, for the center's own tools).
    """
    by_type: dict[str, list[UploadRecord]] = defaultdict(list)
    for record in records:
        if record.record_type not in handlers:
            known = ", ".join(sorted(handlers))
            raise InvalidInput(
                "sync.unknown_record", field="record_type", record_type=record.record_type, known=known
            )
        if allowed is not None and record.record_type not in allowed:
            raise PermissionDenied(
                "sync.record_not_allowed", field="record_type", record_type=record.record_type
            )
        by_type[record.record_type].append(record)
    dropped = _broken_drops(records)
    accepted: set[uuid.UUID] = set(dropped)
    alerts = 0
    for record_type, group in by_type.items():
        group = [r for r in group if r.id not in dropped]
        fresh = handlers[record_type](session, node, group, at) if group else set()
        accepted |= fresh
        reviewer = (reviewers or {}).get(record_type)
        if reviewer is not None and fresh:
            alerts += reviewer(session, node, [r for r in group if r.id in fresh], at)
    duplicates = [r.id for r in records if r.id not in accepted]
    state = _node_state(session, node)
    state.records_received += len(accepted)
    state.duplicates_received += len(duplicates)
    state.held_through_seq = max([state.held_through_seq, *(r.edge_seq for r in records)])
    state.last_batch_at = at
    return IngestResult(
        accepted=[r.id for r in records if r.id in accepted],
        duplicates=duplicates,
        held_through_seq=state.held_through_seq,
        alerts=alerts,
    )


def held_through(session: Session, node: str) -> int:
    """The newest outbox position of `node` that the center holds (0 if it holds nothing)."""
    state = session.get(SyncNodeRow, node)
    return state.held_through_seq if state else 0


def request_reupload(session: Session, *, node: str, after_seq: int) -> None:
    """Ask `node` to send again everything after `after_seq` (its next look at the center sees this)."""
    _node_state(session, node).held_through_seq = after_seq


def _node_state(session: Session, node: str) -> SyncNodeRow:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = SyncNodeRow.__table__
    session.execute(
        dialect.insert(table)
        .values(node=node, records_received=0, duplicates_received=0, held_through_seq=0)
        .on_conflict_do_nothing(index_elements=["node"])
    )
    row = session.execute(select(SyncNodeRow).where(SyncNodeRow.node == node).with_for_update()).scalar_one()
    return row
