"""Someone who can write the database cannot rewrite the audit log or cut its tail unnoticed."""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from local_gerbang import GERBANG, LocalGerbang, eventually
from sqlalchemy import delete, select, update

from gerbang.infra import audit, audit_heads
from gerbang.infra.database import Database
from gerbang.infra.migrate import upgrade
from gerbang.infra.orm import AuditEntryRow, AuditHeadRow
from gerbang.kernel.clock import FixedClock, as_utc


def _node_database(tmp_path: Path) -> Database:
    url = f"sqlite:///{(tmp_path / 'gerbang.db').as_posix()}"
    upgrade(url)
    return Database(url, key_dir=tmp_path)


def _write(database: Database, clock: FixedClock, count: int) -> None:
    for n in range(count):
        with database.transaction() as session:
            audit.record(
                session,
                actor="account:officer1",
                action="crossing.override",
                record_type="crossing",
                record_id=f"c{n}",
                details={"decision": "admit"},
                at=clock.now(),
            )
        clock.advance(timedelta(seconds=1))


def _verify(database: Database) -> audit.ChainReport:
    path = audit_heads.heads_path(database)
    assert path is not None
    published, forged = audit_heads.checked(audit_heads.read_heads(path), database.audit_key.get())
    assert forged == 0
    with database.transaction() as session:
        return audit.verify_chain(session, published=published)


def _unkeyed_sha256(row: AuditEntryRow, actor: str, prev_hash: str) -> str:
    # What the old, unkeyed chain computed: anyone with the database could redo it.
    canonical = json.dumps(
        [
            row.seq,
            as_utc(row.at).isoformat(timespec="microseconds"),
            actor,
            row.action,
            row.record_type,
            row.record_id,
            row.details,
            prev_hash,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def test_rewritten_actor_with_recomputed_hashes_is_reported(tmp_path: Path, clock: FixedClock) -> None:
    database = _node_database(tmp_path)
    _write(database, clock, 4)
    with database.transaction() as session:
        rows = session.execute(select(AuditEntryRow).order_by(AuditEntryRow.seq)).scalars().all()
        prev = rows[1].prev_hash
        for row in rows[1:]:
            row.prev_hash = prev
            row.actor = "account:someone-else" if row.seq == 2 else row.actor
            row.hash = prev = _unkeyed_sha256(row, row.actor, row.prev_hash)
        head = session.get(AuditHeadRow, 1)
        assert head is not None
        head.hash = prev
    broken = _verify(database).first_break
    assert broken is not None
    assert (broken.seq, broken.problem) == (2, "changed")


def test_deleting_the_tail_and_the_head_row_is_reported(tmp_path: Path, clock: FixedClock) -> None:
    database = _node_database(tmp_path)
    _write(database, clock, 5)
    with database.transaction() as session:
        session.execute(delete(AuditEntryRow).where(AuditEntryRow.seq >= 4))
        session.execute(delete(AuditHeadRow))
    broken = _verify(database).first_break
    assert broken is not None
    assert broken.problem == "deleted"


def test_cut_tail_with_a_consistent_head_row_shows_against_the_published_head(
    tmp_path: Path, clock: FixedClock
) -> None:
    database = _node_database(tmp_path)
    _write(database, clock, 5)
    audit_heads.publish(database, at=clock.now())
    with database.transaction() as session:
        third = session.execute(select(AuditEntryRow).where(AuditEntryRow.seq == 3)).scalar_one()
        session.execute(delete(AuditEntryRow).where(AuditEntryRow.seq >= 4))
        session.execute(update(AuditHeadRow).values(seq=3, hash=third.hash))
    broken = _verify(database).first_break
    assert broken is not None
    assert (broken.seq, broken.problem) == (4, "deleted")


def test_a_forged_published_head_is_not_taken(tmp_path: Path, clock: FixedClock) -> None:
    database = _node_database(tmp_path)
    _write(database, clock, 2)
    forged = audit_heads.SignedHead(1, "0" * 64, "2026-06-20T04:15:00+00:00", "0" * 64)
    good, bad = audit_heads.checked([forged], database.audit_key.get())
    assert (good, bad) == ([], 1)


def test_the_audit_key_and_heads_are_private_files_outside_the_database(
    tmp_path: Path, clock: FixedClock
) -> None:
    database = _node_database(tmp_path)
    _write(database, clock, 1)
    audit_heads.publish(database, at=clock.now())
    for path in (tmp_path / "keys" / "audit.key", tmp_path / "audit" / "heads.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = database.audit_key.get()
    assert key.hex() not in (tmp_path / "gerbang.db").read_bytes().hex()


@pytest.mark.slow
def test_a_tail_cut_at_a_running_center_shows_against_the_heads_the_status_node_keeps(
    gerbang: LocalGerbang,
) -> None:
    central, status = gerbang.nodes()["central"], gerbang.nodes()["status"]
    admin = {"Authorization": f"Bearer {central['token']}"}
    head = httpx.get(f"{central['url']}/api/v1/audit/head", headers=admin, timeout=30).json()
    assert head["seq"] >= 3

    def witnessed() -> bool:
        heads = httpx.get(f"{status['url']}/api/v1/audit-heads", timeout=30).json()["heads"]
        return any(h["seq"] >= head["seq"] for h in heads)

    eventually(witnessed, timeout=120, what="the status node to keep the center's head")
    # Someone with the center's database and files: cut the last entries, keep the head row consistent
    # and wipe the heads the center published beside its database.
    database = Database(f"sqlite:///{Path(central['data_dir']) / 'gerbang.db'}")
    keep = head["seq"] - 2
    with database.transaction() as session:
        last = session.execute(select(AuditEntryRow).where(AuditEntryRow.seq == keep)).scalar_one()
        session.execute(delete(AuditEntryRow).where(AuditEntryRow.seq > keep))
        session.execute(update(AuditHeadRow).values(seq=keep, hash=last.hash))
    database.dispose()
    (Path(central["data_dir"]) / "audit" / "heads.json").unlink(missing_ok=True)
    command = [*GERBANG, "audit", "verify", "--config", central["config"], "--witness", status["url"]]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "deleted" in done.stdout
