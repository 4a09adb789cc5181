"""The audit log notices the first entry that was changed, inserted or deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update

from gerbang.infra import audit
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow
from gerbang.kernel.clock import FixedClock


def _write_entries(database: Database, clock: FixedClock, count: int) -> None:
    for n in range(count):
        with database.transaction() as session:
            audit.record(
                session,
                actor="account:officer1",
                action="crossing.override",
                record_type="crossing",
                record_id=f"c{n}",
                details={"reason": f"reason {n}", "decision": "admit"},
                at=clock.now(),
            )
        clock.advance(timedelta(seconds=1))


def _verify(database: Database) -> audit.ChainReport:
    with database.transaction() as session:
        return audit.verify_chain(session)


def test_untouched_log_verifies(database: Database, clock: FixedClock) -> None:
    _write_entries(database, clock, 5)
    report = _verify(database)
    assert report.intact
    assert report.entries == 5


def test_empty_log_verifies(database: Database) -> None:
    assert _verify(database).intact


def test_changed_entry_is_reported(database: Database, clock: FixedClock) -> None:
    _write_entries(database, clock, 5)
    with database.transaction() as session:
        session.execute(
            update(AuditEntryRow).where(AuditEntryRow.seq == 3).values(details={"reason": "edited"})
        )
    broken = _verify(database).first_break
    assert broken is not None
    assert (broken.seq, broken.problem) == (3, "changed")


def test_deleted_entry_in_the_middle_is_reported(database: Database, clock: FixedClock) -> None:
    _write_entries(database, clock, 5)
    with database.transaction() as session:
        session.execute(delete(AuditEntryRow).where(AuditEntryRow.seq == 2))
    broken = _verify(database).first_break
    assert broken is not None
    assert (broken.seq, broken.problem) == (2, "deleted")


def test_deleted_last_entry_is_reported(database: Database, clock: FixedClock) -> None:
    _write_entries(database, clock, 4)
    with database.transaction() as session:
        session.execute(delete(AuditEntryRow).where(AuditEntryRow.seq == 4))
    broken = _verify(database).first_break
    assert broken is not None
    assert (broken.seq, broken.problem) == (4, "deleted")


def test_forged_entry_with_a_valid_own_hash_is_reported_as_inserted(
    database: Database, clock: FixedClock
) -> None:
    _write_entries(database, clock, 3)
    with database.transaction() as session:
        second = session.execute(select(AuditEntryRow).where(AuditEntryRow.seq == 2)).scalar_one()
        forged_prev = "f" * 64
        forged_hash = audit.entry_hash(
            seq=2,
            at=second.at,
            actor="account:intruder",
            action=second.action,
            record_type=second.record_type,
            record_id=second.record_id,
            details=second.details,
            prev_hash=forged_prev,
            key=audit.session_key(session),
        )
        second.actor, second.prev_hash, second.hash = "account:intruder", forged_prev, forged_hash
    broken = _verify(database).first_break
    assert broken is not None
    assert (broken.seq, broken.problem) == (2, "inserted")


@pytest.mark.parametrize("count", [1, 30])
def test_sequence_numbers_follow_each_other(database: Database, clock: FixedClock, count: int) -> None:
    _write_entries(database, clock, count)
    with database.transaction() as session:
        seqs = session.execute(select(AuditEntryRow.seq).order_by(AuditEntryRow.seq)).scalars().all()
    assert seqs == list(range(1, count + 1))
