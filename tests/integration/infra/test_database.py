"""SQLite under contention: readers never wait for a writer, and a locked database is a 503, not a 500."""

from __future__ import annotations

import sqlite3
import threading
import time

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from gerbang.infra import migrate
from gerbang.infra.database import Database
from gerbang.web.errors import install_error_handlers


def test_a_reader_does_not_wait_for_a_writer_holding_the_lock(sqlite_url: str) -> None:
    migrate.upgrade(sqlite_url)
    database = Database(sqlite_url)
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with database.transaction() as session:
            session.execute(text("UPDATE accounts SET active = active"))
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    assert holding.wait(10)
    started = time.monotonic()
    with database.reading() as session:
        assert session.execute(text("SELECT count(*) FROM accounts")).scalar_one() == 0
    waited = time.monotonic() - started
    release.set()
    thread.join()
    database.dispose()
    assert waited < 1.0


def test_a_locked_database_answers_503_with_retry_after() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/busy")
    def busy() -> None:
        raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))

    response = TestClient(app, raise_server_exceptions=False).get("/busy")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert response.json()["error"] == "unavailable"
