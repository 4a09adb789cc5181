"""An edge that knows two center processes switches when its primary dies mid-upload; nothing is doubled."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from gerbang.apps.launcher import free_port
from gerbang.border.orm import CrossingRow
from gerbang.infra import accounts, migrate
from gerbang.infra.clock import SystemClock, new_id
from gerbang.infra.database import Database
from gerbang.sync.edge import outbox
from gerbang.sync.edge.client import CenterClient
from gerbang.sync.edge.uploader import Contact, Uploader

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

GERBANG = [sys.executable, "-m", "gerbang.cli"]
RECORDS = 600


def wait_for(check: Any, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {timeout} s")


def crossing(n: int, at: datetime) -> dict[str, Any]:
    return {
        "id": str(new_id(at + timedelta(microseconds=n))),
        "node": "cgk",
        "site": "CGK",
        "lane": "C1",
        "direction": "entry",
        "document_number": f"B{n:07d}",
        "nationality": "MYS",
        "surname": f"TRAVEL{n}",
        "given_names": "SITI",
        "birth_date": "1990-02-03",
        "flight": "MH871",
        "credential_id": None,
        "decision": "admit",
        "reasons": [],
        "permitted_until": (at.date() + timedelta(days=29)).isoformat(),
        "offline": False,
        "reference_version": 0,
        "officer": "t",
        "recorded_at": at.isoformat(),
    }


@pytest.fixture
def centers(
    postgres_url: str, tmp_path: Path
) -> Iterator[tuple[list[str], list[subprocess.Popen[bytes]], str]]:
    """Two center processes on one PostgreSQL database, and a checkpoint's key at the center."""
    migrate.upgrade(postgres_url)
    database = Database(postgres_url)
    with database.transaction() as session:
        node_key = accounts.create_node_credential(
            session, name="cgk", role="checkpoint", site="CGK", actor="test", at=SystemClock().now()
        )
    database.dispose()
    urls, processes = [], []
    env = {**os.environ, "GERBANG_KEYS_DIR": str(tmp_path / "keys")}
    for n in range(2):
        port = free_port()
        log = (tmp_path / f"center{n}.log").open("wb")
        processes.append(
            subprocess.Popen(
                [
                    *GERBANG,
                    "central",
                    "serve",
                    "--database-url",
                    postgres_url,
                    "--data",
                    str(tmp_path / f"c{n}"),
                    "--port",
                    str(port),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, process in zip(urls, processes, strict=True):

            def ready(url: str = url, process: subprocess.Popen[bytes] = process) -> bool:
                assert process.poll() is None, f"center at {url} exited"
                try:
                    return httpx.get(f"{url}/readyz", timeout=1).json().get("writable") is True
                except (httpx.HTTPError, ValueError):
                    return False

            wait_for(ready, timeout=60, what=f"{url} ready")
        yield urls, processes, node_key
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=20)


@pytest.fixture
def edge(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'edge.db'}"
    migrate.upgrade(url, role="checkpoint")
    database = Database(url)
    at = datetime.now(UTC)
    with database.transaction() as session:
        for n in range(RECORDS):
            record = crossing(n, at)
            outbox.enqueue(
                session, record_type="crossing", record_id=uuid.UUID(record["id"]), payload=record, at=at
            )
    return database


def _backlog(database: Database) -> int:
    with database.reading() as session:
        return outbox.backlog(session)


def test_killing_the_primary_mid_upload_moves_the_edge_to_the_other_and_every_record_lands_once(
    centers: tuple[list[str], list[subprocess.Popen[bytes]], str], edge: Database, postgres_url: str
) -> None:
    urls, processes, node_key = centers
    client = CenterClient(",".join(urls), node_key, timeout=5)
    uploader = Uploader(edge, client, SystemClock(), batch_size=20, contact=Contact())
    stop = threading.Event()
    thread = threading.Thread(target=uploader.run, args=(stop,), kwargs={"idle_wait": 0.2}, daemon=True)
    thread.start()
    try:
        assert client.primary == urls[0]
        wait_for(lambda: _backlog(edge) < RECORDS - 100, timeout=60, what="a first part uploaded")
        processes[0].send_signal(signal.SIGKILL)  # batches are in flight to it all the time
        killed_at, left = time.monotonic(), _backlog(edge)
        wait_for(lambda: _backlog(edge) < left, timeout=10, what="an upload after the kill")
        switched_in = time.monotonic() - killed_at
        wait_for(lambda: _backlog(edge) == 0, timeout=120, what="the whole outbox uploaded")
    finally:
        stop.set()
        thread.join(timeout=20)
        client.close()
    assert client.primary == urls[1]
    assert switched_in < 5  # within the uploader's first retry, well inside one poll interval
    center = Database(postgres_url)
    try:
        with center.reading() as session:
            assert session.execute(select(func.count()).select_from(CrossingRow)).scalar_one() == RECORDS
            held = set(session.execute(select(CrossingRow.id)).scalars())
        with edge.reading() as session:
            assert outbox.highest_sent_seq(session) == RECORDS
        assert len(held) == RECORDS
    finally:
        center.dispose()


def test_a_center_that_does_not_answer_from_the_start_is_passed_over(
    centers: tuple[list[str], list[subprocess.Popen[bytes]], str],
) -> None:
    urls, _processes, node_key = centers
    dead = f"http://127.0.0.1:{free_port()}"
    client = CenterClient([dead, urls[1]], node_key, timeout=2)
    try:
        assert client.held_through() == 0
        assert client.primary == urls[1]
    finally:
        client.close()
