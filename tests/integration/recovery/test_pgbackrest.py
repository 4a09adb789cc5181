"""pgBackRest on a PostgreSQL the test starts: full, incremental, WAL archived, two encrypted repos."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from gerbang.apps.launcher import free_port
from gerbang.cli.main import app
from gerbang.infra import migrate
from gerbang.infra.backup import state
from gerbang.infra.database import Database
from gerbang.recovery.backup import pgbackrest
from gerbang.recovery.backup.pg_instance import PG_BIN, PgInstance
from gerbang.recovery.backup.pgbackrest import PgBackRestFailed, PgBackRestSetup, setup_for
from gerbang.recovery.backup.vault import init_vault

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
USER = "postgres"
runner = CliRunner()
# Long enough that finding it by chance in compressed, encrypted bytes is out of the question.
MARKER = "KNO-CLEARTEXT-MARKER-5d41402abc4b2a76"


def missing_tools() -> list[str]:
    """What these tests need and this machine lacks."""
    missing = []
    if shutil.which("pgbackrest") is None:
        missing.append("pgbackrest (make deps)")
    if not (PG_BIN / "initdb").exists():
        missing.append(f"the PostgreSQL 15 server binaries in {PG_BIN}")
    if os.geteuid() != 0:
        missing.append("root, to run PostgreSQL as the postgres OS user")
    return missing


@pytest.fixture(autouse=True)
def _tools(lab_tools: Callable[[list[str]], None]) -> None:
    lab_tools(missing_tools())


@dataclass
class Cluster:
    base: Path
    pg: PgInstance
    setup: PgBackRestSetup


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    """A fresh cluster archiving its WAL through pgBackRest to two encrypted repositories."""
    base = Path(tempfile.mkdtemp(prefix="gerbang-pgbackrest-"))
    base.chmod(0o755)
    pg = PgInstance(base / "pg" / "data", free_port(), base / "sock", USER)
    setup = setup_for(
        stanza="gerbang",
        pg_data=pg.data,
        pg_port=pg.port,
        pg_socket_dir=pg.socket_dir,
        repo1=base / "repo1",
        repo2=base / "vault-landing",
        base=base / "pgbackrest",
    )
    setup.write(owner=USER)
    pg.initdb(
        {
            "wal_level": "replica",
            "archive_mode": "on",
            "archive_command": f"'{setup.archive_command()}'",
            "archive_timeout": "60",
            "max_wal_senders": "3",
        }
    )
    pg.start()
    try:
        pgbackrest.run(setup, "stanza-create", user=USER)
        pgbackrest.run(setup, "check", user=USER)
        yield Cluster(base, pg, setup)
    finally:
        pg.stop("immediate")
        shutil.rmtree(base, ignore_errors=True)


def rows(pg: PgInstance) -> int:
    return int(pg.sql("SELECT count(*) FROM crossings"))


def test_backups_are_encrypted_and_restore_to_a_moment_from_the_vault_repository(cluster: Cluster) -> None:
    pg, setup = cluster.pg, cluster.setup
    pg.sql("CREATE TABLE crossings (id uuid PRIMARY KEY, site text NOT NULL)")
    pg.sql("INSERT INTO crossings SELECT gen_random_uuid(), 'CGK' FROM generate_series(1, 1000)")
    for repo in ("1", "2"):
        pgbackrest.run(setup, "backup", f"--repo={repo}", "--type=full", user=USER)
    pg.sql("INSERT INTO crossings SELECT gen_random_uuid(), 'DPS' FROM generate_series(1, 500)")
    for repo in ("1", "2"):
        pgbackrest.run(setup, "backup", f"--repo={repo}", "--type=incr", user=USER)
    pg.sql(f"INSERT INTO crossings SELECT gen_random_uuid(), '{MARKER}' FROM generate_series(1, 250)")  # noqa: S608
    # The moment to return to: after these rows, before the attacker's.
    target = pg.sql("SELECT now()")
    time.sleep(1.2)
    pg.sql("INSERT INTO crossings SELECT gen_random_uuid(), 'BAD' FROM generate_series(1, 99)")
    pg.sql("SELECT pg_switch_wal()")
    pgbackrest.run(setup, "check", user=USER)  # waits until the segment is archived

    described = pgbackrest.info(setup, user=USER)
    types = {(b["database"]["repo-key"], b["type"]) for b in described[0]["backup"]}
    assert types == {(1, "full"), (1, "incr"), (2, "full"), (2, "incr")}
    assert all(r["cipher"] == "aes-256-cbc" for r in described[0]["repo"])
    pgbackrest.verify(setup, repo=2, user=USER)
    # No backup file in either repository holds the table's text in the clear.
    for repository in (setup.repo1, setup.repo2):
        found = subprocess.run(["grep", "-rl", MARKER, str(repository)], capture_output=True, check=False)
        assert found.stdout == b""

    pg.stop("immediate")
    restored = PgInstance(cluster.base / "restored" / "data", free_port(), cluster.base / "sock2", USER)
    restored.own(restored.data.parent, restored.data)
    pgbackrest.run(
        setup,
        "restore",
        "--repo=2",
        f"--pg1-path={restored.data}",
        "--type=time",
        f"--target={target}",
        "--target-action=promote",
        "--archive-mode=off",
        user=USER,
    )
    restored.configure({"archive_mode": "off"})
    restored.start(timeout=120)
    try:
        restored.wait_accepting()
        assert rows(restored) == 1750
        assert restored.sql("SELECT count(*) FROM crossings WHERE site = 'BAD'") == "0"
    finally:
        restored.stop("immediate")


def test_verify_fails_on_a_flipped_byte_and_without_the_key(cluster: Cluster) -> None:
    pg, setup = cluster.pg, cluster.setup
    pg.sql("CREATE TABLE crossings (id uuid PRIMARY KEY, site text NOT NULL)")
    pg.sql("INSERT INTO crossings SELECT gen_random_uuid(), 'CGK' FROM generate_series(1, 1000)")
    pgbackrest.run(setup, "backup", "--repo=1", "--type=full", user=USER)
    pgbackrest.verify(setup, repo=1, user=USER)
    files = sorted(
        p
        for p in (setup.repo1 / "backup").rglob("*")
        if p.is_file() and p.stat().st_size > 1024 and "pg_data" in p.parts
    )
    victim = files[len(files) // 2]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    with pytest.raises(PgBackRestFailed):
        pgbackrest.verify(setup, repo=1, user=USER)
    (setup.key_dir / pgbackrest.CIPHER_FILE).rename(cluster.base / "moved-away")
    with pytest.raises(PgBackRestFailed):
        pgbackrest.info(setup, user=USER, repo=1)


def test_gerbang_backup_verify_restores_postgres_into_a_scratch_cluster(
    cluster: Cluster, tmp_path: Path, crossing_adder: Callable[[Session, int], None]
) -> None:
    pg = cluster.pg
    pg.sql("CREATE DATABASE gerbang")
    migrate.upgrade(pg.url("gerbang"))
    database = Database(pg.url("gerbang"))
    with database.transaction() as session:
        crossing_adder(session, 120)
    database.dispose()
    setup = str(cluster.setup.setup_file)
    data = tmp_path / "central"
    common = ["--data", str(data), "--store", "postgres", "--pgbackrest-config", setup]
    made = runner.invoke(app, ["backup", "create", *common, "--type", "full"])
    assert made.exit_code == 0, made.output
    checked = runner.invoke(app, ["backup", "verify", *common, "--json"])
    assert checked.exit_code == 0, checked.output
    recorded = state.last_verified(data)
    assert recorded is not None
    assert recorded["store"] == "postgres"
    assert recorded["rows"]["crossings"] == 120
    assert recorded["restore_s"] > 0


def test_vault_copies_of_repository_two_outlive_an_attacker_who_rewrites_it(cluster: Cluster) -> None:
    pg, setup = cluster.pg, cluster.setup
    config = ["--pgbackrest-config", str(setup.setup_file)]
    vault = cluster.base / "vault"
    init_vault(vault)

    def seal() -> str:
        done = runner.invoke(app, ["backup", "vault-seal", "--vault", str(vault), *config])
        assert done.exit_code == 0, done.output
        return done.output

    pg.sql("CREATE TABLE crossings (id uuid PRIMARY KEY, site text NOT NULL)")
    pg.sql("INSERT INTO crossings SELECT gen_random_uuid(), 'CGK' FROM generate_series(1, 1000)")
    pgbackrest.run(setup, "backup", "--repo=2", "--type=full", user=USER)
    pg.sql("INSERT INTO crossings SELECT gen_random_uuid(), 'DPS' FROM generate_series(1, 500)")
    assert "immutable (chattr +i)" in seal()
    moment = datetime.now(UTC)  # the moment to return to
    time.sleep(1.2)
    pg.sql("INSERT INTO crossings SELECT gen_random_uuid(), 'LATE' FROM generate_series(1, 99)")
    pg.sql("SELECT pg_switch_wal()")
    pgbackrest.run(setup, "check", user=USER)  # the WAL that reaches the moment is archived after it
    seal()
    attack = datetime.now(UTC)
    time.sleep(0.05)
    # The attacker rewrites every file of both repositories and the cluster; the vault's next seal keeps
    # those of repository 2 as newer versions beside the good ones.
    pg.stop("immediate")
    for path in [p for top in (setup.repo1, setup.repo2) for p in top.rglob("*") if p.is_file()]:
        path.write_bytes(os.urandom(max(path.stat().st_size, 64)))
    assert "0 new files" in seal()
    shutil.rmtree(pg.data)
    pg.own(pg.data)
    pg.data.chmod(0o700)
    try:
        restored = runner.invoke(
            app,
            [
                "backup",
                "restore",
                "--data",
                str(cluster.base / "central"),
                "--store",
                "postgres",
                *config,
                "--from",
                "vault",
                "--vault",
                str(vault),
                "--to-time",
                moment.isoformat(),
                "--sealed-before",
                attack.isoformat(),
                "--scratch",
                str(cluster.base),
            ],
        )
        assert restored.exit_code == 0, restored.output
        pg.configure({"archive_mode": "off"})
        pg.start(timeout=120)
        pg.wait_accepting()
        assert rows(pg) == 1500
        assert pg.sql("SELECT count(*) FROM crossings WHERE site = 'LATE'") == "0"
    finally:
        subprocess.run(["chattr", "-R", "-i", str(vault)], capture_output=True, check=False)
