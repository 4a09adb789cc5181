"""The lease keeper's rules, against a stand-in for PostgreSQL's session advisory locks."""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any

from gerbang.infra.leases import Leases, libpq_url, lock_key


class Server:
    """Session advisory locks as PostgreSQL keeps them: one session per lock, freed when it ends."""

    def __init__(self) -> None:
        self.locks: dict[int, int] = {}
        self.dead: set[int] = set()
        self.in_recovery = False
        self._ids = itertools.count(1)

    def connect(self) -> Connection:
        return Connection(self, next(self._ids))

    def end(self, session: int) -> None:
        self.dead.add(session)
        self.locks = {key: holder for key, holder in self.locks.items() if holder != session}


class Result:
    def __init__(self, row: tuple[Any, ...]) -> None:
        self._row = row

    def fetchone(self) -> tuple[Any, ...]:
        return self._row


class Connection:
    def __init__(self, server: Server, session: int) -> None:
        self.server, self.session = server, session

    def execute(self, query: str, params: Any = None) -> Result:
        if self.session in self.server.dead:
            raise ConnectionError("server closed the connection")
        if "pg_is_in_recovery" in query:
            return Result((self.server.in_recovery,))
        key = params[0]
        holder = self.server.locks.setdefault(key, self.session)
        return Result((holder == self.session,))

    def close(self) -> None:
        self.server.end(self.session)


def test_of_several_processes_each_job_goes_to_exactly_one() -> None:
    server = Server()
    processes = [Leases(server.connect, ["mailer", "service-clock"]) for _ in range(3)]
    for leases in processes:
        leases.check_once()
    for name in ("mailer", "service-clock"):
        assert sum(leases.held(name) for leases in processes) == 1


def test_when_the_holders_session_ends_it_holds_nothing_and_another_takes_the_job() -> None:
    server = Server()
    first, second = Leases(server.connect, ["mailer"]), Leases(server.connect, ["mailer"])
    first.check_once()
    second.check_once()
    assert first.held("mailer")
    assert not second.held("mailer")
    server.end(1)  # the first process's session is gone (killed, or its machine)
    first.check_once()
    assert not first.held("mailer")  # it notices at its next check and stops the job
    second.check_once()
    assert second.held("mailer")


def test_a_standby_database_gives_no_job_to_anyone() -> None:
    server = Server()
    server.in_recovery = True
    leases = Leases(server.connect, ["mailer"])
    leases.check_once()
    assert leases.holding() == []
    server.in_recovery = False  # promoted: the jobs start there
    leases.check_once()
    assert leases.holding() == ["mailer"]


def test_without_postgresql_every_job_is_this_processs() -> None:
    leases = Leases(None, ["mailer"])
    leases.want("office-feed")
    assert leases.holding() == ["mailer", "office-feed"]
    loop = leases.guard("service-clock", lambda stop: None)
    assert leases.held("service-clock")
    assert loop.__name__ == "<lambda>"  # the loop itself, unwrapped: nothing to wait for


def test_a_guarded_loop_is_stopped_when_its_lease_is_lost() -> None:
    server = Server()
    leases = Leases(server.connect, [])
    runs: list[str] = []

    def job(stop: threading.Event) -> None:
        runs.append("started")
        stop.wait()
        runs.append("stopped")

    stop = threading.Event()
    worker = threading.Thread(target=leases.guard("mailer", job), args=(stop,), daemon=True)
    worker.start()
    try:
        leases.check_once()
        _wait(lambda: runs == ["started"])
        server.end(1)
        leases.check_once()
        _wait(lambda: runs == ["started", "stopped"])
    finally:
        stop.set()
        worker.join(timeout=5)


def test_lock_keys_are_stable_signed_64_bit_numbers_and_urls_reach_libpq_unchanged() -> None:
    assert lock_key("mailer") == lock_key("mailer") != lock_key("service-clock")
    assert -(2**63) <= lock_key("mailer") < 2**63
    assert (
        libpq_url("postgresql+psycopg://u@h1:5432,h2:5433/db?target_session_attrs=read-write")
        == "postgresql://u@h1:5432,h2:5433/db?target_session_attrs=read-write"
    )


def _wait(check: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
