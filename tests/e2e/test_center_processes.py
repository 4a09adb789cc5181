"""Three center processes on one PostgreSQL behave as one: bookings, mail, stays and alerts happen once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email import message_from_bytes
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from gerbang.apps.launcher import free_port
from gerbang.border.center.watchlist import replace_watchlist
from gerbang.border.orm import AlertRow, CrossingRow, ForeignerStayRow
from gerbang.infra import accounts, migrate
from gerbang.infra.accounts import account_principal
from gerbang.infra.clock import SystemClock, new_id
from gerbang.infra.database import Database
from gerbang.infra.leases import lock_key
from gerbang.infra.orm import AccountRoleRow, AccountRow
from gerbang.kernel.calendar import WorkingCalendar
from gerbang.passports.center import applications
from gerbang.passports.center.booking.slots import seed_offices
from gerbang.passports.center.clock.orm import EmailOutboxRow, NoticeRow
from gerbang.passports.center.orm import OfficeRow, QuotaRow
from gerbang.passports.domain.nik import Sex
from gerbang.passports.domain.policy import Kind, Service

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

GERBANG = [sys.executable, "-m", "gerbang.cli"]
PROCESSES = 3
APPLICANTS = 45
SLOTS = 20
NOTICES = 30
WANTED = {
    "id": "W-MULTI",
    "names": ["AMIR RAHMAN"],
    "birth_date": "1980-01-01",
    "nationality": "MYS",
    "documents": [],
    "list": "wanted",
    "valid_until": None,
}


def eventually(check: Callable[[], bool], *, timeout: float, what: str) -> float:
    """Seconds until `check` held; fails the test after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout} s")


class Sink:
    """A local SMTP server that counts every notice it is handed, by its X-Gerbang-Notice header."""

    def __init__(self) -> None:
        self.notices: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        notice = message_from_bytes(envelope.content)["X-Gerbang-Notice"]
        with self._lock:
            self.notices[str(notice)] += 1
        return "250 OK"


@dataclass
class Cluster:
    url: str  # the PostgreSQL database all processes share
    database: Database
    root: Path
    sink: Sink
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self, name: str) -> str:
        port = free_port()
        smtp_port = str(self.sink.controller.port)
        env = {
            **os.environ,
            "GERBANG_SMTP_HOST": "127.0.0.1",
            "GERBANG_SMTP_PORT": smtp_port,
            "GERBANG_MAILER_EVERY_S": "0.3",
            "GERBANG_KEYS_DIR": str(self.root / "keys"),
        }
        log = (self.root / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            [
                *GERBANG,
                "central",
                "serve",
                "--database-url",
                self.url,
                "--data",
                str(self.root / name),
                "--port",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        return f"http://127.0.0.1:{port}"

    def lease_holder(self, name: str) -> int | None:
        """The OS pid of the center process holding the lease `name`, read from PostgreSQL's lock table."""
        key = lock_key(name) & 0xFFFFFFFFFFFFFFFF
        with psycopg.connect(self.url, autocommit=True) as connection:
            row = connection.execute(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                " WHERE l.locktype = 'advisory' AND l.granted AND l.database = "
                " (SELECT oid FROM pg_database WHERE datname = current_database())"
                " AND l.classid::bigint = %s AND l.objid::bigint = %s",
                (key >> 32, key & 0xFFFFFFFF),
            ).fetchone()
        return int(row[0].rsplit("-", 1)[1]) if row else None


def wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    def ready() -> bool:
        assert process.poll() is None, f"center process at {url} exited with {process.returncode}"
        try:
            return httpx.get(f"{url}/readyz", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    eventually(ready, timeout=timeout, what=f"{url} ready")


def booking_day(at: datetime) -> date:
    day = at.date() + timedelta(days=2)
    while not WorkingCalendar().is_working_day(day):
        day += timedelta(days=1)
    return day


def seed(database: Database) -> tuple[list[tuple[str, str]], str]:
    """Applicants with a submitted application each, a watchlist, and a checkpoint's node key."""
    at, pairs = SystemClock().now(), []
    with database.transaction() as session:
        # Released two months ahead, so the booking day's quota is open and its draw long over.
        office = seed_offices()[0] | {"code": "MULTI", "quota_regular": SLOTS, "release_days_ahead": 60}
        session.add(OfficeRow(**office))
        replace_watchlist(session, [WANTED], at=at)
        node_key = accounts.create_node_credential(
            session, name="cgk", role="checkpoint", site="CGK", actor="test", at=at
        )
    for n in range(APPLICANTS):
        with database.transaction() as session:
            account = AccountRow(
                id=new_id(at),
                username=f"multi{n}",
                display_name=f"multi{n}",
                password_hash="!",
                active=True,
                created_at=at,
                roles=[AccountRoleRow(role="applicant")],
            )
            session.add(account)
            session.flush()
            token = accounts.create_token(session, account=account, name="multi", actor="test", at=at)
            view = applications.apply(
                session,
                applicant=account_principal(account),
                nik=f"317405020185{n + 1:04d}",
                name=f"Applicant {n}",
                birth_date=date(1985, 1, 2),
                sex=Sex.MALE,
                kind=Kind.ORDINARY,
                validity_years=5,
                service=Service.REGULAR,
                at=at,
            )
            pairs.append((token, str(view.id)))
    return pairs, node_key


def queue_notices(database: Database, count: int, tag: str) -> set[str]:
    """Notices waiting in the email outbox, as the service clock leaves them."""
    at, ids = SystemClock().now(), set()
    with database.transaction() as session:
        account_id = session.execute(select(AccountRow.id).limit(1)).scalar_one()
        for n in range(count):
            notice = NoticeRow(
                id=uuid.uuid4(),
                account_id=account_id,
                application_id=None,
                key=f"{tag}:{n}",
                kind="test",
                subject_id="Uji",
                body_id="Pesan uji",
                subject_en="Test",
                body_en="Test message",
                created_at=at,
                read_at=None,
            )
            session.add(notice)
            session.flush()
            session.add(
                EmailOutboxRow(
                    id=uuid.uuid4(),
                    notice_id=notice.id,
                    address=f"a{n}@example.test",
                    language="id",
                    attempts=0,
                    next_attempt_at=at,
                    sent_at=None,
                    last_error=None,
                )
            )
            ids.add(str(notice.id))
    return ids


def crossing(n: int, at: datetime) -> dict[str, Any]:
    # The first is admitted offline and is on the watchlist: the center must raise one alert for it.
    surname = "RAHMAN" if n == 0 else f"TRAVELLER{n}"
    return {
        "id": str(new_id(at)),
        "node": "cgk",
        "site": "CGK",
        "lane": "C1",
        "direction": "entry",
        "document_number": f"A{n:07d}",
        "nationality": "MYS",
        "surname": surname,
        "given_names": "AMIR",
        "birth_date": "1980-01-01",
        "flight": "MH871",
        "credential_id": None,
        "decision": "admit",
        "reasons": [],
        "permitted_until": (at.date() + timedelta(days=29)).isoformat(),
        "offline": True,
        "reference_version": 1,
        "officer": "t",
        "recorded_at": at.isoformat(),
    }


async def book_across(urls: list[str], pairs: list[tuple[str, str]], day: date) -> list[int]:
    body = {"office": "MULTI", "day": day.isoformat(), "hour": 9}
    limits = httpx.Limits(max_connections=len(pairs), max_keepalive_connections=0)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:

        async def book(n: int, token: str, application_id: str) -> int:
            response = await client.post(
                f"{urls[n % len(urls)]}/api/v1/passports/applications/{application_id}/booking",
                headers={"Authorization": f"Bearer {token}"},
                json=body,
            )
            return response.status_code

        return list(await asyncio.gather(*(book(n, *pair) for n, pair in enumerate(pairs))))


@pytest.fixture
def cluster(postgres_url: str, tmp_path: Path) -> Iterator[Cluster]:
    migrate.upgrade(postgres_url)
    database = Database(postgres_url)
    sink = Sink()
    sink.controller.start()
    cluster = Cluster(postgres_url, database, tmp_path, sink)
    try:
        yield cluster
    finally:
        for process in cluster.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in cluster.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        sink.controller.stop()
        database.dispose()


def test_three_center_processes_on_one_database_do_everything_once(cluster: Cluster) -> None:
    pairs, node_key = seed(cluster.database)
    notices = queue_notices(cluster.database, NOTICES, "first")
    urls = [cluster.start(f"c{n}") for n in range(PROCESSES)]
    for url, process in zip(urls, cluster.processes.values(), strict=True):
        wait_ready(url, process)

    # A booking burst split across the three: exactly the slots there are.
    # On a fresh thread: a Playwright page test earlier in the same worker leaves a loop running here.
    with ThreadPoolExecutor(1) as thread:
        burst = book_across(urls, pairs, booking_day(SystemClock().now()))
        statuses = thread.submit(asyncio.run, burst).result()
    assert sorted(set(statuses)) == [200, 409], statuses
    assert statuses.count(200) == SLOTS
    with cluster.database.reading() as session:
        quota = session.execute(select(QuotaRow).where(QuotaRow.office_code == "MULTI")).scalar_one()
        assert (quota.booked, quota.capacity) == (SLOTS, SLOTS)

    # One batch delivered to all three at once (an edge retrying against every center): stored once,
    # each stay kept once, the offline admission of a wanted man alerted once.
    at = SystemClock().now()
    records = [
        {"id": c["id"], "record_type": "crossing", "edge_seq": n + 1, "payload": c}
        for n, c in enumerate(crossing(n, at) for n in range(20))
    ]
    answers: list[int] = []

    def upload(url: str) -> None:
        response = httpx.post(
            f"{url}/api/v1/sync/batches",
            json={"records": records},
            headers={"Authorization": f"Bearer {node_key}"},
            timeout=60,
        )
        answers.append(response.status_code)

    threads = [threading.Thread(target=upload, args=(url,)) for url in urls for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * len(threads)
    with cluster.database.reading() as session:
        assert session.execute(select(func.count()).select_from(CrossingRow)).scalar_one() == 20
        assert session.execute(select(func.count()).select_from(ForeignerStayRow)).scalar_one() == 20
        assert session.execute(select(func.count()).select_from(AlertRow)).scalar_one() == 1

    # Every notice mailed, and mailed once, though three processes could have sent it.
    eventually(lambda: set(cluster.sink.notices) >= notices, timeout=20, what="every notice mailed")
    time.sleep(1.0)  # a second or third sender would have sent its copies by now
    assert set(cluster.sink.notices) == notices
    assert set(cluster.sink.notices.values()) == {1}

    # The mailer's holder is killed outright: another process takes the lease within seconds.
    holder = cluster.lease_holder("mailer")
    by_pid = {process.pid: name for name, process in cluster.processes.items()}
    assert holder in by_pid, (holder, by_pid)
    cluster.processes[by_pid[holder]].send_signal(signal.SIGKILL)
    cluster.processes[by_pid[holder]].wait(timeout=10)
    took = eventually(
        lambda: cluster.lease_holder("mailer") not in (None, holder), timeout=10, what="mailer taken over"
    )
    assert took < 5
    print(f"mailer lease taken over {took:.2f} s after its holder was killed")  # shown with -s
    later = queue_notices(cluster.database, 10, "after-kill")
    eventually(lambda: set(cluster.sink.notices) >= later, timeout=20, what="notices after the kill mailed")
    time.sleep(1.0)
    assert set(cluster.sink.notices.values()) == {1}
    assert cluster.lease_holder("service-clock") in {
        p.pid for p in cluster.processes.values() if p.poll() is None
    }


def test_a_second_center_process_on_one_sqlite_database_is_refused(tmp_path: Path) -> None:
    first_port, second_port = free_port(), free_port()
    first = subprocess.Popen(
        [*GERBANG, "central", "serve", "--data", str(tmp_path), "--port", str(first_port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_ready(f"http://127.0.0.1:{first_port}", first)
        second = subprocess.run(
            [*GERBANG, "central", "serve", "--data", str(tmp_path), "--port", str(second_port)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 2
        assert "SQLite" in second.stderr
        assert "PostgreSQL" in second.stderr
        assert str(first.pid) in second.stderr
        assert httpx.get(f"http://127.0.0.1:{first_port}/readyz").status_code == 200  # the first serves on
    finally:
        first.terminate()
        first.wait(timeout=20)
