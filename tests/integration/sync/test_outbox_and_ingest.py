"""The outbox hands records out in order; the center stores each once and tracks each node's progress."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import cast

import pytest
from sqlalchemy import Column, MetaData, String, Table, Uuid, func, select
from sqlalchemy.orm import Session

from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.kernel.clock import FixedClock
from gerbang.kernel.errors import InvalidInput
from gerbang.sync.center import ingest
from gerbang.sync.domain import UploadRecord
from gerbang.sync.edge import outbox

NOTES = Table("test_notes", MetaData(), Column("id", Uuid, primary_key=True), Column("text", String(40)))


def _store_notes(session: Session, _node: str, records: list[UploadRecord], _at: object) -> set[uuid.UUID]:
    rows = [{"id": r.id, "text": str(r.payload["text"])} for r in records]
    return cast(set[uuid.UUID], ingest.insert_new_rows(session, NOTES, rows))


@pytest.fixture
def notes(database: Database) -> Database:
    NOTES.create(database.engine)
    return database


def _enqueue(database: Database, clock: FixedClock, count: int) -> list[uuid.UUID]:
    ids = []
    with database.transaction() as session:
        for n in range(count):
            record_id = new_id(clock.now())
            outbox.enqueue(
                session, record_type="note", record_id=record_id, payload={"text": f"n{n}"}, at=clock.now()
            )
            ids.append(record_id)
    return ids


def test_outbox_hands_out_records_in_the_order_written(database: Database, clock: FixedClock) -> None:
    ids = _enqueue(database, clock, 5)
    with database.transaction() as session:
        batch = outbox.next_batch(session, limit=3)
        assert [r.id for r in batch] == ids[:3]
        assert [r.edge_seq for r in batch] == sorted(r.edge_seq for r in batch)
        outbox.mark_sent(session, record_ids=[r.id for r in batch], at=clock.now())
    with database.transaction() as session:
        assert [r.id for r in outbox.next_batch(session, limit=10)] == ids[3:]
        assert outbox.backlog(session) == 2


def test_records_after_what_the_center_holds_are_queued_again(database: Database, clock: FixedClock) -> None:
    ids = _enqueue(database, clock, 6)
    with database.transaction() as session:
        batch = outbox.next_batch(session, limit=6)
        outbox.mark_sent(session, record_ids=ids, at=clock.now())
        assert outbox.highest_sent_seq(session) == batch[-1].edge_seq
        assert outbox.resend_after(session, seq=batch[3].edge_seq) == 2
        assert [r.id for r in outbox.next_batch(session, limit=10)] == ids[4:]


def test_purge_forgets_only_acknowledged_records_past_retention(
    database: Database, clock: FixedClock
) -> None:
    sent = _enqueue(database, clock, 2)
    unsent = _enqueue(database, clock, 1)
    with database.transaction() as session:
        outbox.mark_sent(session, record_ids=sent, at=clock.now())
        assert outbox.purge_sent_before(session, before=clock.now() + timedelta(days=1)) == 2
        assert [r.id for r in outbox.next_batch(session, limit=10)] == unsent


def _records(clock: FixedClock, seqs: range) -> list[UploadRecord]:
    return [UploadRecord(new_id(clock.now()), "note", seq, {"text": f"s{seq}"}) for seq in seqs]


def test_a_repeated_batch_is_counted_not_stored_twice(notes: Database, clock: FixedClock) -> None:
    batch = _records(clock, range(1, 4))
    handlers = {"note": _store_notes}
    with notes.transaction() as session:
        first = ingest.ingest_batch(session, node="cgk", records=batch, handlers=handlers, at=clock.now())
    with notes.transaction() as session:
        again = ingest.ingest_batch(session, node="cgk", records=batch, handlers=handlers, at=clock.now())
        stored = session.execute(select(func.count()).select_from(NOTES)).scalar_one()
    assert (len(first.accepted), len(first.duplicates)) == (3, 0)
    assert (len(again.accepted), len(again.duplicates)) == (0, 3)
    assert stored == 3


def test_center_tracks_how_far_it_holds_each_node(notes: Database, clock: FixedClock) -> None:
    handlers = {"note": _store_notes}
    with notes.transaction() as session:
        ingest.ingest_batch(
            session, node="cgk", records=_records(clock, range(4, 7)), handlers=handlers, at=clock.now()
        )
        ingest.ingest_batch(
            session, node="cgk", records=_records(clock, range(1, 4)), handlers=handlers, at=clock.now()
        )
        assert ingest.held_through(session, "cgk") == 6
        assert ingest.held_through(session, "dps") == 0
        ingest.request_reupload(session, node="cgk", after_seq=2)
        assert ingest.held_through(session, "cgk") == 2


def test_unknown_record_type_is_refused_by_name(notes: Database, clock: FixedClock) -> None:
    record = UploadRecord(new_id(clock.now()), "parcel", 1, {})
    with notes.transaction() as session, pytest.raises(InvalidInput, match="unknown record type 'parcel'"):
        ingest.ingest_batch(
            session, node="cgk", records=[record], handlers={"note": _store_notes}, at=clock.now()
        )
