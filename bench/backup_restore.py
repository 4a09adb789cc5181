"""Benchmark: backing up a generated center and restoring it to a verified, serving center, on PostgreSQL.

A PostgreSQL of its own (initdb as the postgres OS user, WAL archived through pgBackRest to two
encrypted repositories) is filled with passport applications and crossings. Measured: the full
backup, an incremental one after new crossings, the restore to a center that passes its checks and
answers /readyz, and the recovery point: how far before the moment of loss the restored data ends
while writes were flowing. Defaults are small for a quick run; the issue's size is
`--applications 1000000 --crossings 5000000 --new-crossings 100000`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console

from gerbang.infra import migrate
from gerbang.recovery.backup import pgbackrest
from gerbang.recovery.backup.invariants import check_invariants
from gerbang.recovery.backup.pg_instance import PgInstance
from gerbang.recovery.backup.pgbackrest import PgBackRestSetup, setup_for

USER = "postgres"
# Generating millions of rows on a busy machine takes long; the benchmark waits for it.
LONG = 3600.0
console = Console(stderr=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def timed(what: str, work: Callable[[], Any]) -> float:
    with console.status(what):
        started = time.monotonic()
        work()
        return round(time.monotonic() - started, 2)


def generate(pg: PgInstance, *, applications: int, crossings: int) -> None:
    """Rows made by PostgreSQL itself (generate_series), in the center's own migrated schema."""
    account = uuid.uuid4()
    pg.sql(
        "INSERT INTO accounts (id, username, display_name, password_hash, active, created_at) "  # noqa: S608 - our own uuid
        f"VALUES ('{account}', 'bench', 'Bench', 'x', true, now())",
        "gerbang",
    )
    pg.sql(
        "INSERT INTO passport_applications (id, account_id, nik, name, birth_date, sex, kind, validity_years,"  # noqa: S608 - our own uuid and count
        " service, fee_idr, fee_source, created_at) SELECT gen_random_uuid(), "
        f"'{account}', lpad(n::text, 16, '3'), 'PEMOHON ' || n, date '1990-01-01' + (n % 9000), 'female',"
        " 'electronic', 10, 'regular', 650000, 'PP 28/2019', now() - (n % 365) * interval '1 day'"
        f" FROM generate_series(1, {applications}) AS n",
        "gerbang",
        timeout=LONG,
    )
    add_crossings(pg, crossings)


def add_crossings(pg: PgInstance, count: int, *, site: str = "CGK") -> None:
    pg.sql(
        "INSERT INTO crossings (id, node, site, lane, direction, document_number, nationality, surname,"  # noqa: S608 - our site code and count
        " given_names, birth_date, flight, credential_id, decision, reasons, permitted_until, offline,"
        " reference_version, officer, recorded_at, received_at) SELECT gen_random_uuid(), 'cgk',"
        f" '{site}', 'C1', 'entry', 'E' || lpad(n::text, 7, '0'), 'IDN', 'SANTOSO', 'BUDI', NULL, 'GA1',"
        " NULL,"
        " 'admit', '{}'::json, NULL, false, 1, 'officer', now(), now()"
        f" FROM generate_series(1, {count}) AS n",
        "gerbang",
        timeout=LONG,
    )


def repo_bytes(setup: PgBackRestSetup, label: str) -> int:
    for backup in pgbackrest.info(setup, user=USER, repo=1)[0]["backup"]:
        if backup["label"] == label:
            return int(backup["info"]["repository"]["delta"])
    return 0


def newest_label(setup: PgBackRestSetup) -> str:
    return str(pgbackrest.info(setup, user=USER, repo=1)[0]["backup"][-1]["label"])


def writes_until(pg: PgInstance, stop: threading.Event) -> None:
    """One crossing every 50 ms, each committed with its own time: the traffic that the loss cuts off."""
    while not stop.is_set():
        try:
            add_crossings(pg, 1, site="RPO")
        except Exception:  # the server is being killed under it: that is the point
            return
        time.sleep(0.05)


def serve_center(url: str, data: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "GERBANG_DATABASE_URL": url, "GERBANG_DATA_DIR": str(data)}
    command = [sys.executable, "-m", "gerbang.cli", "central", "serve", "--port", str(port)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(port: int, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the restored center did not become ready")


def run(args: argparse.Namespace, base: Path) -> dict[str, Any]:
    pg = PgInstance(base / "pg" / "data", free_port(), base / "sock", USER)
    setup = setup_for(
        stanza="gerbang",
        pg_data=pg.data,
        pg_port=pg.port,
        pg_socket_dir=pg.socket_dir,
        repo1=base / "repo1",
        repo2=base / "repo2",
        base=base / "pgbackrest",
    )
    setup.write(owner=USER)
    pg.initdb(
        {
            "wal_level": "replica",
            "archive_mode": "on",
            "archive_command": f"'{setup.archive_command()}'",
            "archive_timeout": str(args.archive_timeout),
            "max_wal_size": "'4GB'",
            "shared_buffers": "'256MB'",
        }
    )
    pg.start()
    result: dict[str, Any] = {
        "store": "postgres",
        "applications": args.applications,
        "crossings": args.crossings,
        "new_crossings": args.new_crossings,
        "archive_timeout_s": args.archive_timeout,
    }
    try:
        pgbackrest.run(setup, "stanza-create", user=USER)
        pg.sql("CREATE DATABASE gerbang")
        migrate.upgrade(pg.url("gerbang"))
        result["generate_s"] = timed(
            "generating the center's rows…",
            lambda: generate(pg, applications=args.applications, crossings=args.crossings),
        )
        result["database_bytes"] = int(pg.sql("SELECT pg_database_size('gerbang')"))
        result["full_backup_s"] = timed(
            "full backup…",
            lambda: pgbackrest.run(setup, "backup", "--repo=1", "--type=full", user=USER, timeout=LONG),
        )
        result["full_backup_bytes"] = repo_bytes(setup, newest_label(setup))
        add_crossings(pg, args.new_crossings, site="NEW")
        result["incremental_backup_s"] = timed(
            "incremental backup…",
            lambda: pgbackrest.run(setup, "backup", "--repo=1", "--type=incr", user=USER, timeout=LONG),
        )
        result["incremental_backup_bytes"] = repo_bytes(setup, newest_label(setup))

        # Writes flow; then the loss: the server dies and its data directory with it.
        stop = threading.Event()
        writer = threading.Thread(target=writes_until, args=(pg, stop))
        writer.start()
        time.sleep(args.write_s)
        lost_at = datetime.now(UTC)
        pg.stop("immediate")
        stop.set()
        writer.join(timeout=30)
        shutil.rmtree(pg.data)

        restored = PgInstance(base / "restored" / "data", free_port(), base / "sock2", USER)
        data = base / "center"
        data.mkdir()
        port = free_port()
        center: subprocess.Popen[bytes] | None = None
        started = time.monotonic()
        try:
            with console.status("restoring to a verified, serving center…"):
                restored.own(restored.data.parent, restored.data)
                pgbackrest.run(
                    setup,
                    "restore",
                    "--repo=1",
                    f"--pg1-path={restored.data}",
                    "--archive-mode=off",
                    user=USER,
                    timeout=LONG,
                )
                restored.configure({"archive_mode": "off"})
                restored.start(timeout=600)
                restored.wait_accepting(timeout=600)
                counts = check_invariants(restored.url("gerbang"), where="bench", key_dir=data)
                center = serve_center(restored.url("gerbang"), data, port)
                wait_ready(port)
            result["restore_to_serving_s"] = round(time.monotonic() - started, 2)
            last = restored.sql(
                "SELECT extract(epoch FROM max(recorded_at)) FROM crossings WHERE site = 'RPO'", "gerbang"
            )
            result["recovery_point_s"] = round(lost_at.timestamp() - float(last), 2) if last else None
            result["rows_restored"] = {k: counts[k] for k in ("crossings", "passport_applications")}
        finally:
            if center is not None:
                center.terminate()
                center.wait(timeout=30)
            restored.stop("immediate")
    finally:
        pg.stop("immediate")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--applications", type=int, default=20_000)
    parser.add_argument("--crossings", type=int, default=100_000)
    parser.add_argument("--new-crossings", type=int, default=10_000)
    parser.add_argument(
        "--archive-timeout", type=int, default=15, help="PostgreSQL archive_timeout, seconds."
    )
    parser.add_argument("--write-s", type=float, default=20.0, help="Seconds of writes before the loss.")
    args = parser.parse_args()
    if os.geteuid() != 0:
        console.print("run as root: PostgreSQL runs as the postgres OS user, started with runuser")
        return 2
    base = Path(tempfile.mkdtemp(prefix="gerbang-backup-bench-"))
    base.chmod(0o755)
    try:
        print(json.dumps(run(args, base), indent=1))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
