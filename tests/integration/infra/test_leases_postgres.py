"""Leases on background work: one holder per job on PostgreSQL, taken over when the holder's session dies."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from gerbang.infra.leases import Leases, SingleProcessLock
from gerbang.kernel.errors import Conflict


def _wait(predicate: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


class Keeper:
    """One process's leases with its keeper thread running, as a center process has them."""

    def __init__(self, url: str, names: list[str]) -> None:
        self.leases = Leases.for_url(url, names, check_every=0.2)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.leases.run, args=(self.stop,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)


@pytest.fixture
def keepers(postgres_url: str) -> Iterator[list[Keeper]]:
    started = [Keeper(postgres_url, ["mailer", "service-clock"]) for _ in range(3)]
    yield started
    for keeper in started:
        keeper.close()


def _holders(keepers: list[Keeper], name: str) -> list[int]:
    return [index for index, keeper in enumerate(keepers) if keeper.leases.held(name)]


@pytest.mark.postgres
def test_each_job_has_exactly_one_holder_among_processes(keepers: list[Keeper]) -> None:
    assert _wait(
        lambda: len(_holders(keepers, "mailer")) == 1 and len(_holders(keepers, "service-clock")) == 1, 5
    )
    time.sleep(0.6)  # several more rounds of every keeper asking: still one holder each
    assert len(_holders(keepers, "mailer")) == 1
    assert len(_holders(keepers, "service-clock")) == 1


@pytest.mark.postgres
def test_a_job_is_taken_over_within_seconds_when_its_holders_session_dies(
    keepers: list[Keeper], postgres_url: str
) -> None:
    assert _wait(lambda: len(_holders(keepers, "mailer")) == 1, 5)
    (holder,) = _holders(keepers, "mailer")
    keepers[holder].leases._connect = _unreachable  # its machine is gone: it cannot connect again
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        # The server ends the holder's session, as it does when the holder's socket closes.
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s"
            " AND datname = current_database()",
            (f"gerbang-leases-{os.getpid()}",),
        )
    started = time.monotonic()
    # Every keeper of this test shares one pid, so all three sessions ended; the two alive reconnect.
    assert _wait(lambda: _holders(keepers, "mailer") not in ([], [holder]), 5)
    took = time.monotonic() - started
    assert took < 5
    assert not keepers[holder].leases.held("mailer")
    assert len(_holders(keepers, "mailer")) == 1


def _unreachable() -> psycopg.Connection[tuple[object, ...]]:
    raise psycopg.OperationalError("connection refused")


@pytest.mark.postgres
def test_a_guarded_loop_runs_only_in_the_process_holding_its_lease(keepers: list[Keeper]) -> None:
    running: list[int] = []
    lock = threading.Lock()
    stops = []

    def loop_for(index: int):  # type: ignore[no-untyped-def]
        def loop(stop: threading.Event) -> None:
            with lock:
                running.append(index)
            stop.wait()
            with lock:
                running.remove(index)

        return loop

    threads = []
    for index, keeper in enumerate(keepers):
        stop = threading.Event()
        guarded = keeper.leases.guard("mailer", loop_for(index))
        thread = threading.Thread(target=guarded, args=(stop,), daemon=True)
        thread.start()
        stops.append(stop)
        threads.append(thread)
    try:
        assert _wait(lambda: len(running) == 1, 5)
        first = running[0]
        keepers[first].close()  # the holder stops: its loop ends and another process's starts
        assert _wait(lambda: len(running) == 1 and running[0] != first, 5)
    finally:
        for stop in stops:
            stop.set()
        for thread in threads:
            thread.join(timeout=5)


def test_sqlite_jobs_are_always_this_processs_own(tmp_path: Path) -> None:
    leases = Leases.for_url(f"sqlite:///{tmp_path / 'gerbang.db'}", ["mailer"])
    assert not leases.clustered
    assert leases.held("mailer")


def test_a_second_server_on_one_sqlite_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    first = SingleProcessLock(tmp_path / "gerbang.db").acquire()
    try:
        with pytest.raises(Conflict) as refused:
            SingleProcessLock(tmp_path / "gerbang.db").acquire()
        assert "PostgreSQL" in refused.value.message
        assert "satu proses" in refused.value.said_in("id")
    finally:
        first.release()
    SingleProcessLock(tmp_path / "gerbang.db").acquire().release()  # free again once the first is gone
