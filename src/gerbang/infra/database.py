"""Database engines and sessions: SQLite tuned for durability, or PostgreSQL through psycopg 3."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from gerbang.infra.keyfile import LazyKey

READ_ONLY = "gerbang_read_only"


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgresql:// URLs."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


# Connections an engine may open: the requests a node serves at once (web/app.py admits 32) plus its
# background loops and a spare, so an admitted request never waits for a connection. The pool keeps
# that many open: an overflow connection is closed when returned, so a busy node would otherwise open
# a new one (a PostgreSQL backend, or a SQLite file and its pragmas) for most requests.
POOL_SIZE, POOL_OVERFLOW = 34, 6


def create_database_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys, synchronous=FULL and write-ahead locking."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)

    pool: dict[str, int] = {}
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        pool = {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, **pool)

    @event.listens_for(engine, "connect")
    def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, issue BEGIN so that we can make it IMMEDIATE below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # A transaction that may write takes the write lock at BEGIN: a deferred one that reads and
        # then writes can fail with "database is locked" at once, whereas IMMEDIATE waits for
        # busy_timeout. A read-only one begins deferred, so readers never queue behind writers (WAL).
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


AUDIT_KEY_FILE = Path("keys") / "audit.key"


def _own_directory(url: str) -> Path | None:
    """The directory of a SQLite file, where its node keeps its keys; None for other databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return Path(parsed.database).parent
    return None


class Database:
    """One engine and its session factory; `transaction()` is the unit of work."""

    def __init__(self, url: str, *, key_dir: Path | None = None, audit_key_file: Path | None = None) -> None:
        self.url = normalise_url(url)
        self.engine = create_database_engine(self.url)
        # The audit log's key lives in the node's directory, outside the database (infra/audit.py);
        # a center's processes share one chain, so they name one file in their shared key directory.
        self.key_dir = key_dir or _own_directory(self.url)
        self.audit_key = LazyKey(audit_key_file or (self.key_dir / AUDIT_KEY_FILE if self.key_dir else None))
        info = self._info = {"audit_key": self.audit_key}
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, info=info)
        self._reader_sessions = sessionmaker(
            self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False, info=info
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits together when the block ends, or rolls back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only: on SQLite it takes no write lock, so it never waits for writers."""
        with self._reader_sessions() as session, session.begin():
            yield session

    @contextmanager
    def single_reads(self) -> Iterator[Session]:
        """A session for reads that each stand alone: one round trip per statement on PostgreSQL.

        On PostgreSQL the connection is in autocommit, so no BEGIN and COMMIT go around the reads;
        each statement sees what was committed when it ran, not one snapshot for all of them. On
        SQLite it is a deferred read transaction, as `reading()`, which never waits for writers.
        """
        options: dict[str, Any] = {READ_ONLY: True} if self.is_sqlite else {"isolation_level": "AUTOCOMMIT"}
        with (
            self.engine.connect().execution_options(**options) as connection,
            Session(connection, expire_on_commit=False, info=self._info) as session,
        ):
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
