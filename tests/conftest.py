"""Shared fixtures: a fresh database on SQLite and on PostgreSQL, a fixed clock, an app served on loopback."""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
import uvicorn
from fastapi import FastAPI
from psycopg import sql

from gerbang.apps.launcher import free_port
from gerbang.infra import migrate
from gerbang.infra.database import Database
from gerbang.kernel.clock import FixedClock

POSTGRES_ADMIN_URL = os.environ.get(
    "GERBANG_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
# CI sets this: a PostgreSQL test that cannot reach its server fails instead of skipping.
POSTGRES_REQUIRED = os.environ.get("GERBANG_REQUIRE_POSTGRES") == "1"


# CI sets this too: a backup, vault or failover test that lacks what it drives (Patroni, etcd,
# pgBackRest, the PostgreSQL 15 server binaries, root for a second OS user) fails instead of skipping.
LAB_REQUIRED = os.environ.get("GERBANG_REQUIRE_LAB") == "1"


def _postgres_unavailable(reason: str) -> None:
    if POSTGRES_REQUIRED:
        pytest.fail(f"PostgreSQL is required here but {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason}")


def lab_unavailable(missing: list[str]) -> None:
    """Skip the test for what is `missing`, or fail it when GERBANG_REQUIRE_LAB=1; nothing when complete."""
    if not missing:
        return
    if LAB_REQUIRED:
        pytest.fail(f"required here (GERBANG_REQUIRE_LAB=1) but missing: {'; '.join(missing)}", pytrace=False)
    pytest.skip(f"missing: {'; '.join(missing)}")


@pytest.fixture(scope="session")
def lab_tools() -> Callable[[list[str]], None]:
    """`lab_tools(missing)`: what a test lacks skips it, or fails it under GERBANG_REQUIRE_LAB=1."""
    return lab_unavailable


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database created for this test alone and dropped after it."""
    name = f"gerbang_test_{secrets.token_hex(6)}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        _postgres_unavailable(f"cannot connect to {POSTGRES_ADMIN_URL}: {exc}")
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'gerbang.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """The same test once on SQLite and once on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A migrated database on each backend."""
    migrate.upgrade(database_url)
    db = Database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 6, 20, 4, 15, tzinfo=UTC))


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Serve `app` with uvicorn in a thread on a free loopback port; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture
def serve_app() -> Callable[[FastAPI], AbstractContextManager[str]]:
    """`with serve_app(app) as url:` serves an app on loopback for the block."""
    return serve
