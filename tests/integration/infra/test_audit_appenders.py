"""Many transactions appending to the audit log at once still leave one unbroken chain."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from gerbang.infra import audit
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow
from gerbang.kernel.clock import FixedClock

WRITERS, EACH = 6, 8


def test_concurrent_appenders_leave_one_chain_without_gaps(database: Database, clock: FixedClock) -> None:
    with database.transaction() as session:  # the head row exists before the writers race
        audit.record(session, actor="test", action="start", record_type="test", at=clock.now())

    def append(writer: int) -> None:
        for n in range(EACH):
            with database.transaction() as session:
                # Two entries in one transaction: the second must follow the first, not the old head.
                for part in ("a", "b"):
                    audit.record(
                        session,
                        actor=f"writer{writer}",
                        action="crossing.decide",
                        record_type="crossing",
                        record_id=f"{writer}-{n}-{part}",
                        at=clock.now(),
                    )

    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(append, range(WRITERS)))
    with database.reading() as session:
        report = audit.verify_chain(session)
        seqs = session.execute(select(AuditEntryRow.seq).order_by(AuditEntryRow.seq)).scalars().all()
    assert report.intact
    assert report.entries == 1 + WRITERS * EACH * 2
    assert list(seqs) == list(range(1, 2 + WRITERS * EACH * 2))


def test_entries_of_one_transaction_follow_each_other_and_the_head_read_before(
    database: Database, clock: FixedClock
) -> None:
    with database.transaction() as session:
        first = audit.record(session, actor="test", action="one", record_type="test", at=clock.now())
        assert audit.current_head(session) == audit.PublishedHead(1, first.hash)  # loads the head row
        second = audit.record(session, actor="test", action="two", record_type="test", at=clock.now())
        assert (first.seq, second.seq) == (1, 2)
        assert second.prev_hash == first.hash
        assert audit.current_head(session) == audit.PublishedHead(2, second.hash)
