"""A checkpoint killed mid-write keeps each crossing it answered, with one outbox row and one audit entry.

The lane runs as its own process on a SQLite file (as a checkpoint does) and is killed with SIGKILL,
once while it holds a transaction half written and several times at whatever moment the kill lands.
SIGKILL loses what the process held, not what the kernel held: a power cut is beyond this test; there
the durability rests on synchronous=FULL in WAL mode, which the last test checks every connection has.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from gerbang.border.orm import CrossingRow
from gerbang.infra import audit, migrate
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow
from gerbang.sync.orm import OutboxRow

WRITER = Path(__file__).with_name("crossing_writer.py")


def start(url: str, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), url, mode], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def lines_until(process: subprocess.Popen[str], done: int | str, timeout: float = 60) -> list[str]:
    """Lines the writer printed, until `done` of them arrived or one starts with `done`."""
    assert process.stdout is not None
    deadline, lines = time.monotonic() + timeout, []
    while time.monotonic() < deadline:
        line = process.stdout.readline().strip()
        if not line:
            raise AssertionError(
                f"the writer stopped: {process.wait()} {process.stderr and process.stderr.read()}"
            )
        lines.append(line)
        if (isinstance(done, int) and len(lines) >= done) or (
            isinstance(done, str) and line.startswith(done)
        ):
            return lines
    raise AssertionError(f"the writer printed {len(lines)} lines in {timeout} s")


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def store_is_consistent(url: str) -> tuple[set[str], set[str]]:
    """Check the store after a crash; return the crossings' ids and document numbers."""
    database = Database(url)  # opening it replays or drops the WAL's tail, as a restarted node does
    try:
        with database.reading() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            crossings = session.execute(select(CrossingRow.id, CrossingRow.document_number)).all()
            ids = {str(row.id) for row in crossings}
            outbox = (
                session.execute(select(OutboxRow.record_id).where(OutboxRow.record_type == "crossing"))
                .scalars()
                .all()
            )
            audited = (
                session.execute(
                    select(AuditEntryRow.record_id).where(AuditEntryRow.action == "crossing.decide")
                )
                .scalars()
                .all()
            )
            report = audit.verify_chain(session)
            entries = session.execute(select(func.count()).select_from(AuditEntryRow)).scalar_one()
        assert sorted(str(r) for r in outbox) == sorted(ids)  # one outbox row each, none without a crossing
        assert sorted(audited) == sorted(ids)  # one audit entry each
        assert report.intact, report.first_break
        assert report.entries == entries == len(ids)
        return ids, {row.document_number for row in crossings}
    finally:
        database.dispose()


def test_a_lane_killed_inside_its_write_leaves_neither_half_of_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'edge.db'}"
    migrate.upgrade(url, role="checkpoint")
    writer = start(url, "pause")
    lines = lines_until(writer, "inside")
    kill(writer)
    answered, half_written = lines[:-1], lines[-1].removeprefix("inside ")
    assert len(answered) == 3
    ids, documents = store_is_consistent(url)
    assert ids == set(answered)
    assert half_written not in documents


@pytest.mark.parametrize("mode", ["run", "lanes"])
def test_lanes_killed_at_random_moments_keep_every_answered_crossing(tmp_path: Path, mode: str) -> None:
    url = f"sqlite:///{tmp_path / 'edge.db'}"
    migrate.upgrade(url, role="checkpoint")
    answered: list[str] = []
    rng = random.Random()
    lanes = 4 if mode == "lanes" else 1
    for kills in range(1, 5):
        writer = start(url, mode)
        answered += lines_until(writer, 20)
        time.sleep(rng.uniform(0, 0.05))  # the kill lands wherever the writer is by then
        kill(writer)
        assert writer.stdout is not None
        answered += [line.strip() for line in writer.stdout.read().splitlines() if line.strip()]
        ids, _ = store_is_consistent(url)
        assert set(answered) <= ids
        # At most the crossings being written when each kill came (one per lane) are stored unanswered.
        assert len(ids) - len(set(answered)) <= kills * lanes


def test_every_connection_of_a_checkpoint_syncs_each_commit_to_disk(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'edge.db'}")
    try:
        with database.transaction() as writing, database.reading() as reading:
            for session in (writing, reading):
                assert session.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
                assert session.execute(text("PRAGMA synchronous")).scalar_one() == 2  # FULL
    finally:
        database.dispose()
