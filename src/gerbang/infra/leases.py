"""Cluster-wide leases on background work: PostgreSQL session advisory locks, one holder per job name."""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from gerbang.kernel.errors import Conflict

log = logging.getLogger("gerbang.leases")

# A loop that runs beside the web server until its event is set (same shape as web/app.py's).
Loop = Callable[[threading.Event], None]

# How often the keeper tries for free leases and checks that its connection still lives. A holder that
# dies is noticed by PostgreSQL at once (its socket closes) and its locks are free within this period.
CHECK_EVERY_S = 1.0

# The lease connection is idle between checks; these make a dead peer (machine gone, cable cut) show
# within seconds on both ends instead of after the kernel's two hours, and a holder frozen for longer
# than idle_session_timeout loses its session, and so its locks, on the server.
LEASE_CONNECT_ARGS: dict[str, Any] = {
    "autocommit": True,
    "connect_timeout": 3,
    "keepalives": 1,
    "keepalives_idle": 3,
    "keepalives_interval": 1,
    "keepalives_count": 3,
    "tcp_user_timeout": 5000,
    "options": (
        "-c idle_session_timeout=10s -c tcp_keepalives_idle=3 -c tcp_keepalives_interval=1 "
        "-c tcp_keepalives_count=3 -c client_connection_check_interval=1s"
    ),
}


def lock_key(name: str) -> int:
    """The advisory lock number of a job: a stable signed 64-bit hash of its name."""
    digest = hashlib.blake2b(f"gerbang-lease:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def libpq_url(url: str) -> str:
    """A SQLAlchemy PostgreSQL URL as libpq reads it (multi-host lists and query options kept)."""
    scheme, _, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.startswith("postgresql") else url


class Connection(Protocol):
    """What the keeper needs of a database connection (psycopg's, or a test's)."""

    def execute(self, query: str, params: Any = ...) -> Any: ...

    def close(self) -> None: ...


def psycopg_connector(url: str) -> Callable[[], Connection]:
    """Open the keeper's own connection: autocommit, short timeouts, keepalives."""
    import psycopg

    def connect() -> Connection:
        # The pid in the name lets an operator (and the tests) see which process holds which job.
        name = f"gerbang-leases-{os.getpid()}"
        return psycopg.connect(libpq_url(url), application_name=name, **LEASE_CONNECT_ARGS)

    return connect


class Leases:
    """Claims named jobs for this process through one dedicated PostgreSQL connection.

    Every process asks for every job; PostgreSQL's `pg_try_advisory_lock` gives each job to one session.
    When the holder's connection drops (the process was killed, its machine is gone), the server frees
    its locks and another process's keeper takes them at its next check. Jobs spread over processes,
    since whichever keeper asks first for a free job gets it.
    """

    def __init__(
        self,
        connect: Callable[[], Connection] | None,
        names: Iterable[str] = (),
        *,
        check_every: float = CHECK_EVERY_S,
    ) -> None:
        # `connect` None means a single-process store (SQLite): every job is always this process's.
        self._connect = connect
        self._check_every = check_every
        self._held: dict[str, threading.Event] = {name: threading.Event() for name in names}
        self._connection: Connection | None = None
        self._lock = threading.Lock()
        if connect is None:
            for event in self._held.values():
                event.set()

    @classmethod
    def for_url(cls, url: str, names: Iterable[str] = (), **kwargs: Any) -> Leases:
        """Leases for a database URL: advisory locks on PostgreSQL, always held on SQLite."""
        connect = psycopg_connector(url) if url.startswith("postgresql") else None
        return cls(connect, names, **kwargs)

    @property
    def clustered(self) -> bool:
        return self._connect is not None

    def want(self, name: str) -> None:
        """Ask for `name` too (before the keeper starts, or at any time after)."""
        with self._lock:
            event = self._held.setdefault(name, threading.Event())
            if self._connect is None:
                event.set()

    def held(self, name: str) -> bool:
        """Whether this process holds the job `name` right now."""
        event = self._held.get(name)
        return event is not None and event.is_set()

    def holding(self) -> list[str]:
        return sorted(name for name, event in self._held.items() if event.is_set())

    def wait_held(self, name: str, timeout: float) -> bool:
        return self._held[name].wait(timeout)

    def check_once(self) -> None:
        """Keep the connection alive and try for every job not held; on any failure hold nothing."""
        if self._connect is None:
            return
        try:
            if self._connection is None:
                self._connection = self._connect()
            row = self._connection.execute("SELECT pg_is_in_recovery()").fetchone()
            if row and row[0]:
                # A standby (the other site before promotion) takes no job: a mailer there would send
                # and then fail to record it, and send again, while the primary's sends too.
                self._drop("the database is a standby")
                return
            for name, event in list(self._held.items()):
                if event.is_set():
                    continue
                row = self._connection.execute(
                    "SELECT pg_try_advisory_lock(%s)", (lock_key(name),)
                ).fetchone()
                if row and row[0]:
                    log.info("this process now runs %s", name)
                    event.set()
        except Exception as exc:  # any driver error: the session and its locks may be gone
            self._drop(f"{type(exc).__name__}: {exc}".strip())

    def _drop(self, reason: str) -> None:
        held = self.holding()
        for event in self._held.values():
            event.clear()
        if held:
            log.warning("lease connection lost (%s); stopped %s", reason[:200], ", ".join(held))
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception:  # already broken; nothing more to release
                log.debug("closing a broken lease connection failed", exc_info=True)

    def run(self, stop: threading.Event) -> None:
        """The keeper loop: check now, then every `check_every` seconds, until `stop`; then let go."""
        if self._connect is None:
            return
        self.check_once()
        while not stop.wait(self._check_every):
            self.check_once()
        self._drop("stopping")

    def guard(self, name: str, loop: Loop) -> Loop:
        """`loop`, run only while this process holds `name`: started on taking it, stopped on losing it."""
        self.want(name)
        if self._connect is None:
            return loop

        def guarded(stop: threading.Event) -> None:
            while not stop.is_set():
                if not self._held[name].wait(0.2):
                    continue
                inner = threading.Event()
                worker = threading.Thread(target=loop, args=(inner,), name=f"lease-{name}", daemon=True)
                worker.start()
                while not stop.is_set() and self._held[name].is_set() and worker.is_alive():
                    stop.wait(0.2)
                inner.set()
                worker.join(timeout=30)

        return guarded


class SingleProcessLock:
    """An exclusive lock file beside a SQLite database, held for the life of the serving process."""

    def __init__(self, database_file: Path) -> None:
        self.path = database_file.with_name(database_file.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> SingleProcessLock:
        """Take the lock, or raise Conflict naming the process that holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise Conflict(
                "center.sqlite_taken", field="database", holder=holder, database=self.path.with_suffix("")
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def hold_sqlite_alone(url: str) -> SingleProcessLock | None:
    """For a SQLite database, its lock file taken for this process (refusing a second); else None.

    A second process on one SQLite file would run every background job a second time (each process
    would hold every lease) and queue for the same single writer, so it is refused, not warned about.
    """
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return SingleProcessLock(Path(parsed.database)).acquire()
