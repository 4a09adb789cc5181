"""Writers that arrive together share commits, each answered only once stored; one failure stays its own."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from gerbang.infra import audit
from gerbang.infra.database import Database
from gerbang.infra.group_commit import GroupCommit
from gerbang.infra.orm import AuditEntryRow
from gerbang.kernel.clock import FixedClock

WRITERS = 12


def commits_of(database: Database) -> list[int]:
    count = [0]

    @event.listens_for(database.engine, "commit")
    def _count(_connection: Any) -> None:
        count[0] += 1

    return count


def test_concurrent_writes_share_commits_and_each_is_stored_when_answered(
    database: Database, clock: FixedClock
) -> None:
    writes, commits = GroupCommit(database), commits_of(database)
    readers = Database(database.url)  # an engine of its own, so only the writers' commits are counted
    start = threading.Barrier(WRITERS)
    answered: dict[int, int] = {}

    def work(n: int) -> Any:
        def append(session: Session) -> int:
            time.sleep(0.02)  # a slow write, so the others arrive while it runs and queue behind it
            return audit.record(
                session,
                actor=f"lane{n}",
                action="crossing.decide",
                record_type="crossing",
                record_id=str(n),
                at=clock.now(),
            ).seq

        start.wait()
        seq = writes.run(append)
        with readers.reading() as session:  # answered: it is committed, visible to another connection
            stored = session.execute(select(AuditEntryRow.seq).where(AuditEntryRow.record_id == str(n)))
            assert stored.scalar_one() == seq
        answered[n] = seq

    threads = [threading.Thread(target=work, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answered) == list(range(WRITERS))
    assert sorted(answered.values()) == list(range(1, WRITERS + 1))
    readers.dispose()
    assert commits[0] < WRITERS  # some shared a commit
    with database.reading() as session:
        assert audit.verify_chain(session).entries == WRITERS


def test_a_failing_write_in_a_shared_commit_rolls_back_only_itself(
    database: Database, clock: FixedClock
) -> None:
    writes = GroupCommit(database)
    start, outcomes = threading.Barrier(WRITERS), {}

    def work(n: int) -> None:
        def append(session: Session) -> None:
            time.sleep(0.02)
            audit.record(
                session,
                actor=f"lane{n}",
                action="crossing.decide",
                record_type="crossing",
                record_id=str(n),
                at=clock.now(),
            )
            if n % 3 == 0:
                raise ValueError(f"write {n} refused")

        start.wait()
        try:
            writes.run(append)
            outcomes[n] = "stored"
        except ValueError as exc:
            outcomes[n] = str(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refused = {n for n in range(WRITERS) if n % 3 == 0}
    assert {n: outcomes[n] for n in refused} == {n: f"write {n} refused" for n in refused}
    assert {n for n, o in outcomes.items() if o == "stored"} == set(range(WRITERS)) - refused
    with database.reading() as session:
        stored = session.execute(select(AuditEntryRow.record_id)).scalars().all()
        report = audit.verify_chain(session)
    assert sorted(int(r) for r in stored if r is not None) == sorted(set(range(WRITERS)) - refused)
    assert report.intact  # the chain skips the rolled-back entries without a gap


def test_a_lone_write_raises_its_own_error_and_leaves_nothing(database: Database, clock: FixedClock) -> None:
    def append(session: Session) -> None:
        audit.record(session, actor="lane", action="crossing.decide", record_type="crossing", at=clock.now())
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        GroupCommit(database).run(append)
    with database.reading() as session:
        assert session.execute(select(AuditEntryRow)).first() is None
