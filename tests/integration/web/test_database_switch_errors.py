"""While PostgreSQL's primary changes, a request gets a 503 with Retry-After, never a 500."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from gerbang.infra.database import Database
from gerbang.web.errors import install_error_handlers

pytestmark = pytest.mark.postgres


@pytest.fixture
def app_on(postgres_url: str) -> Iterator[tuple[FastAPI, Database]]:
    database = Database(postgres_url)
    with database.transaction() as session:
        session.execute(text("CREATE TABLE notes (id serial PRIMARY KEY, body text UNIQUE)"))
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/notes/{body}")
    def add(body: str) -> dict[str, str]:
        with database.transaction() as session:
            session.execute(text("INSERT INTO notes (body) VALUES (:b)"), {"b": body})
        return {"body": body}

    @app.post("/read-only/{body}")
    def add_on_standby(body: str) -> dict[str, str]:
        # What a session on a server that is not (or no longer) primary sees when it writes.
        with database.transaction() as session:
            session.execute(text("SET TRANSACTION READ ONLY"))
            session.execute(text("INSERT INTO notes (body) VALUES (:b)"), {"b": body})
        return {"body": body}

    @app.post("/cut/{body}")
    def add_while_cut(body: str) -> dict[str, str]:
        # The server ends our connection mid-transaction, as a primary that dies or steps down does.
        with database.transaction() as session:
            session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
            session.execute(text("INSERT INTO notes (body) VALUES (:b)"), {"b": body})
        return {"body": body}

    try:
        yield app, database
    finally:
        database.dispose()


def call(app: FastAPI, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)

    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="http://center") as client:
            return await client.post(path)

    # On a fresh thread: a Playwright page test earlier in the same worker leaves a loop running here.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, go()).result()


def test_a_write_on_a_read_only_server_is_a_503_with_retry_after(app_on: tuple[FastAPI, Database]) -> None:
    app, _database = app_on
    response = call(app, "/read-only/first")
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert response.json()["error"] == "unavailable"


def test_a_connection_cut_mid_write_is_a_503_and_the_retry_stores_it_once(
    app_on: tuple[FastAPI, Database], postgres_url: str
) -> None:
    app, _database = app_on
    response = call(app, "/cut/kept")
    assert response.status_code == 503
    assert "Retry-After" in response.headers
    # The retry goes through on a fresh connection (the pool drops the dead one).
    assert call(app, "/notes/kept").status_code == 200
    with psycopg.connect(postgres_url) as connection:
        stored = connection.execute("SELECT count(*) FROM notes WHERE body = 'kept'").fetchone()
    assert stored == (1,)


def test_a_database_error_that_is_not_a_switch_stays_a_500(app_on: tuple[FastAPI, Database]) -> None:
    app, _database = app_on
    assert call(app, "/notes/twice").status_code == 200
    # A duplicate reaching the handler is a bug of ours, not a failover: it must not read as "retry".
    response = call(app, "/notes/twice")
    assert response.status_code == 500
    assert response.json()["error"] == "internal_error"
