"""`gerbang audit verify --witness`: a chain cut or rewritten with the audit key in hand still fails.

Someone who holds the center's database and its key directory can cut the tail or rewrite entries and
recompute every hash, the head row and the heads published beside the database: the chain is then
consistent with itself. Only the heads the status node kept, in its own failure domain, still show it.
Real processes: a center, a status node witnessing it over HTTP, and the command itself.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import delete, select, update

from gerbang.infra import audit, audit_heads
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow, AuditHeadRow
from gerbang.status.audit_witness import Witness, read_witnessed

sys.path.insert(0, str(Path(__file__).parent.parent / "e2e"))

from local_gerbang import GERBANG, eventually, free_port_block

pytestmark = pytest.mark.slow


def _gerbang(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GERBANG, *args], capture_output=True, text=True, timeout=120, env=env, check=False
    )


def _record(database: Database, count: int, *, first: int) -> None:
    at = datetime(2026, 6, 20, 4, 15, tzinfo=UTC)
    for n in range(first, first + count):
        with database.transaction() as session:
            audit.record(
                session,
                actor="account:officer1",
                action="crossing.override",
                record_type="crossing",
                record_id=f"c{n}",
                details={"decision": "admit"},
                at=at + timedelta(seconds=n),
            )


def _center_database(data: Path) -> Database:
    return Database(f"sqlite:///{data / 'gerbang.db'}", key_dir=data)


def _witnessed(url: str) -> list[dict[str, object]]:
    heads: list[dict[str, object]] = httpx.get(f"{url}/api/v1/audit-heads", timeout=10).json()["heads"]
    return heads


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


class Witnessed:
    """A stopped center whose chain a running status node witnessed at two heads."""

    def __init__(self, center: Path, status_url: str, heads: list[dict[str, object]], env: dict[str, str]):
        self.center, self.status_url, self.heads, self.env = center, status_url, heads, env

    def verify(self, *witness: str, data: Path | None = None) -> subprocess.CompletedProcess[str]:
        args = ["audit", "verify", "--data", str(data or self.center)]
        return _gerbang(*args, *(a for w in witness for a in ("--witness", w)), env=self.env)

    def first_head_after(self, seq: int) -> dict[str, object]:
        return next(h for h in self.heads if int(str(h["seq"])) > seq)


@pytest.fixture(scope="module")
def witnessed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Witnessed]:
    root = tmp_path_factory.mktemp("witness")
    center, status = root / "center", root / "status"
    env = {**os.environ, "GERBANG_STATUS_PROBE_INTERVAL_S": "1", "GERBANG_DATA_DIR": str(root / "unused")}
    made = _gerbang("admin", "create-node", "status", "--role", "status", "--data", str(center), env=env)
    assert made.returncode == 0, made.stderr
    node_key = made.stdout.strip().splitlines()[-1]
    port = free_port_block(2)
    center_url, status_url = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port + 1}"
    logs = root / "logs"
    logs.mkdir()
    database = _center_database(center)
    _record(database, 4, first=1)
    serve_center = [*GERBANG, "central", "serve", "--data", str(center), "--port", str(port)]
    serve_status = [
        *GERBANG,
        "status",
        "serve",
        "--data",
        str(status),
        "--port",
        str(port + 1),
        "--center-url",
        center_url,
        "--node-key",
        node_key,
    ]
    with (logs / "center.log").open("wb") as center_log, (logs / "status.log").open("wb") as status_log:
        central = subprocess.Popen(serve_center, stdout=center_log, stderr=subprocess.STDOUT, env=env)
        watcher = subprocess.Popen(serve_status, stdout=status_log, stderr=subprocess.STDOUT, env=env)
        try:

            def seen(seq: int) -> bool:
                try:
                    return any(int(str(h["seq"])) >= seq for h in _witnessed(status_url))
                except (httpx.HTTPError, ValueError, KeyError):
                    return False

            eventually(lambda: seen(1), timeout=120, what="the status node to witness the center's head")
            _record(database, 4, first=100)
            with database.reading() as session:
                last = audit.current_head(session).seq
            eventually(lambda: seen(last), timeout=60, what=f"the status node to witness head {last}")
            _stop(central)  # what follows is done to the center's files, with the center down
            database.dispose()
            yield Witnessed(center, status_url, _witnessed(status_url), env)
        finally:
            _stop(central)
            _stop(watcher)


def _copy(witnessed: Witnessed, name: str) -> Path:
    copy = witnessed.center.parent / name
    shutil.copytree(witnessed.center, copy)
    return copy


def test_an_untouched_chain_passes_with_its_witness(witnessed: Witnessed) -> None:
    done = witnessed.verify(witnessed.status_url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(witnessed.heads)} heads kept by the witness are all in the chain" in done.stdout


def test_a_chain_rewritten_with_the_key_passes_alone_but_fails_against_the_witness(
    witnessed: Witnessed,
) -> None:
    data = _copy(witnessed, "rewritten")
    database = _center_database(data)
    key = database.audit_key.get()
    rewrite_from = int(str(witnessed.heads[0]["seq"])) + 1
    with database.transaction() as session:
        rows = session.execute(select(AuditEntryRow).order_by(AuditEntryRow.seq)).scalars().all()
        prev = audit.GENESIS_HASH
        for row in rows:
            if row.seq >= rewrite_from:
                row.actor = "account:someone-else" if row.seq == rewrite_from else row.actor
                row.prev_hash = prev
                row.hash = audit.entry_hash(
                    seq=row.seq,
                    at=row.at,
                    actor=row.actor,
                    action=row.action,
                    record_type=row.record_type,
                    record_id=row.record_id,
                    details=row.details,
                    prev_hash=prev,
                    key=key,
                )
            prev = row.hash
        session.execute(update(AuditHeadRow).values(hash=prev))
    (data / "audit" / "heads.json").unlink(missing_ok=True)
    audit_heads.publish(database, at=datetime.now(UTC))  # the attacker holds the key: a fresh, genuine head
    database.dispose()
    alone = witnessed.verify(data=data)
    assert alone.returncode == 0, alone.stdout + alone.stderr
    done = witnessed.verify(witnessed.status_url, data=data)
    assert done.returncode == 1, done.stdout + done.stderr
    head = witnessed.first_head_after(rewrite_from - 1)
    assert f"audit log broken at entry {head['seq']} (changed)" in done.stdout
    assert f"the head {head['seq']} witnessed at {head['at']}" in " ".join(done.stdout.split())
    assert "differs from entry" in done.stdout


def test_a_tail_cut_consistently_fails_against_the_witness_file_naming_the_first_missing_head(
    witnessed: Witnessed, tmp_path: Path
) -> None:
    data = _copy(witnessed, "cut")
    database = _center_database(data)
    keep = int(str(witnessed.heads[0]["seq"])) + 1
    with database.transaction() as session:
        last = session.execute(select(AuditEntryRow).where(AuditEntryRow.seq == keep)).scalar_one()
        session.execute(delete(AuditEntryRow).where(AuditEntryRow.seq > keep))
        session.execute(update(AuditHeadRow).values(seq=keep, hash=last.hash))
    database.dispose()
    (data / "audit" / "heads.json").unlink(missing_ok=True)
    assert witnessed.verify(data=data).returncode == 0
    saved = tmp_path / "heads.json"
    saved.write_text(json.dumps({"heads": witnessed.heads}))
    head = witnessed.first_head_after(keep)
    for witness in (str(saved), witnessed.status_url):
        done = witnessed.verify(witness, data=data)
        assert done.returncode == 1, done.stdout + done.stderr
        said = " ".join(done.stdout.split())
        assert f"audit log broken at entry {head['seq']} (deleted)" in said
        assert f"the head {head['seq']} witnessed at {head['at']}" in said
        assert f"no longer in the chain, which ends at entry {keep}" in said


def test_a_witness_with_no_heads_or_an_unreadable_file_is_refused(
    witnessed: Witnessed, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"heads": []}))
    done = witnessed.verify(str(empty))
    assert done.returncode != 0
    assert "keeps no heads" in done.stderr
    done = witnessed.verify(str(tmp_path / "absent.json"))
    assert done.returncode != 0
    assert "cannot be read as a list of heads" in " ".join(done.stderr.split())


def test_a_witnessed_head_signed_with_another_key_is_named(witnessed: Witnessed, tmp_path: Path) -> None:
    forged = [{**h, "mac": "0" * 64} if i == 1 else h for i, h in enumerate(witnessed.heads)]
    saved = tmp_path / "forged.json"
    saved.write_text(json.dumps(forged))
    done = witnessed.verify(str(saved))
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"the head {forged[1]['seq']} witnessed at" in " ".join(done.stdout.split())
    assert "not signed with this node's audit key" in " ".join(done.stdout.split())


def test_a_chain_cut_and_regrown_past_its_old_length_leaves_evidence_the_witness_never_drops(
    tmp_path: Path,
) -> None:
    center = tmp_path / "center"
    env = {**os.environ, "GERBANG_DATA_DIR": str(tmp_path / "unused")}
    made = _gerbang("admin", "create-node", "status", "--role", "status", "--data", str(center), env=env)
    assert made.returncode == 0, made.stderr
    port = free_port_block(1)
    database = _center_database(center)
    _record(database, 3, first=1)
    serve = [*GERBANG, "central", "serve", "--data", str(center), "--port", str(port)]
    witness_file = tmp_path / "witness" / "center-heads.json"
    with (tmp_path / "center.log").open("wb") as center_log:
        central = subprocess.Popen(serve, stdout=center_log, stderr=subprocess.STDOUT, env=env)
        witness = Witness(
            witness_file,
            center_urls=[f"http://127.0.0.1:{port}"],
            node_key=made.stdout.strip().splitlines()[-1],
            timeout=10,
            keep=3,
        )
        try:
            eventually(lambda: witness.fetch_once() is not None, timeout=120, what="the center's first head")
            first = read_witnessed(witness_file)[-1]
            # Someone with the database and the key cuts the last two entries and writes six new ones:
            # the chain is consistent again and longer than the head the witness kept.
            with database.transaction() as session:
                kept = session.execute(select(AuditEntryRow).where(AuditEntryRow.seq == first.seq - 2))
                last = kept.scalar_one()
                session.execute(delete(AuditEntryRow).where(AuditEntryRow.seq > last.seq))
                session.execute(update(AuditHeadRow).values(seq=last.seq, hash=last.hash))
            _record(database, 6, first=200)
            regrown = witness.fetch_once()
            assert regrown is not None
            assert regrown.seq > first.seq
            for n in range(5):  # more rounds than the witness keeps heads
                _record(database, 1, first=300 + n)
                assert witness.fetch_once() is not None
        finally:
            witness.close()
            _stop(central)
            database.dispose()
    rows = json.loads(witness_file.read_text())
    assert [r["seq"] for r in rows if r.get("evidence")] == [first.seq]
    assert len(rows) == 4  # the last three, and the evidence
    (center / "audit" / "heads.json").unlink(missing_ok=True)
    done = _gerbang("audit", "verify", "--data", str(center), "--witness", str(witness_file), env=env)
    assert done.returncode == 1, done.stdout + done.stderr
    said = " ".join(done.stdout.split())
    assert f"audit log broken at entry {first.seq} (changed)" in said
    assert f"the head {first.seq} witnessed at {first.at}" in said
