"""Benchmark: 5,000 applicants book at once over HTTP into 300 slots of a real center; exactly 300 win.

By default every attempt is in flight at the same moment: 5,000 connections open together and the
center admits 32 requests at a time (web/app.py), the rest waiting their turn on its event loop, so
the latencies are what an applicant in the burst sees, queueing included. `--concurrency N` sends at
most N at once instead; `--attempts N` makes a smaller run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import psycopg
from psycopg import sql
from rich.progress import Progress

from gerbang.infra.accounts import TOKEN_PREFIX, digest
from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.infra.orm import AccountRoleRow, AccountRow, ApiTokenRow
from gerbang.kernel.calendar import WorkingCalendar
from gerbang.passports.center.booking.slots import seed_offices
from gerbang.passports.center.orm import ApplicationRow, HistoryRow, OfficeRow

POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
APPLICANTS = 5_000
SLOTS = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def allow_open_files(connections: int) -> None:
    """Every connection in flight is an open file here and in the center, which inherits this limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = connections + 1024
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def wait_healthy(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the center exited with code {process.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("the center did not become healthy within 60 s")


def booking_day(now: datetime) -> date:
    # A working day far enough ahead to be bookable, whose quota release window closed long ago.
    return WorkingCalendar().next_working_day((now + timedelta(days=3)).date())


def seed(url: str, now: datetime, applicants: int) -> list[tuple[str, str]]:
    """Accounts, tokens and one submitted application each, written straight into the database."""
    database = Database(url)
    pairs: list[tuple[str, str]] = []
    with Progress() as progress:
        task = progress.add_task("creating applicants", total=applicants)
        with database.transaction() as session:
            office = seed_offices()[0] | {"code": "BENCH", "quota_regular": SLOTS, "release_days_ahead": 30}
            session.add(OfficeRow(**office))
        for start in range(0, applicants, 500):
            with database.transaction() as session:
                for n in range(start, min(start + 500, applicants)):
                    account_id, token = new_id(now), TOKEN_PREFIX + secrets.token_urlsafe(24)
                    roles = [AccountRoleRow(role="applicant")]
                    session.add(
                        AccountRow(
                            id=account_id,
                            username=f"bench{n}",
                            display_name=f"bench{n}",
                            password_hash="!",  # noqa: S106 (no one signs in with it)
                            active=True,
                            created_at=now,
                            roles=roles,
                        )
                    )
                    session.add(
                        ApiTokenRow(
                            id=new_id(now),
                            account_id=account_id,
                            name="bench",
                            token_digest=digest(token),
                            created_at=now,
                            expires_at=None,
                            revoked_at=None,
                        )
                    )
                    application_id = new_id(now)
                    session.add(
                        ApplicationRow(
                            id=application_id,
                            account_id=account_id,
                            nik=f"317405020185{n + 1:04d}",
                            name=f"Applicant {n}",
                            birth_date=date(1985, 1, 2),
                            sex="male",
                            kind="ordinary",
                            validity_years=5,
                            service="regular",
                            fee_idr=350_000,
                            fee_source="PP 45/2024",
                            created_at=now,
                        )
                    )
                    session.flush()
                    session.add(
                        HistoryRow(
                            application_id=application_id,
                            status="submitted",
                            at=now,
                            actor="bench",
                            note=None,
                        )
                    )
                    pairs.append((token, str(application_id)))
            progress.advance(task, min(500, applicants - start))
    database.dispose()
    return pairs


def burst(
    base: str, pairs: list[tuple[str, str]], day: date, in_flight: int
) -> tuple[list[int], list[float], float]:
    """Fire every booking at once from one event loop, at most `in_flight` on the wire together."""
    return asyncio.run(_burst(base, pairs, day, in_flight))


async def _burst(
    base: str, pairs: list[tuple[str, str]], day: date, in_flight: int
) -> tuple[list[int], list[float], float]:
    # No keep-alive: the server may close an idle kept-alive connection just as a request reuses it.
    limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=0)
    body = {"office": "BENCH", "day": day.isoformat(), "hour": 9}
    start, slots = asyncio.Event(), asyncio.Semaphore(in_flight)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=300) as client:

        async def one(pair: tuple[str, str]) -> tuple[int, float]:
            token, application_id = pair
            await start.wait()  # every attempt is queued before the first one leaves
            async with slots:
                started = time.perf_counter()
                response = await client.post(
                    f"/api/v1/passports/applications/{application_id}/booking",
                    headers={"Authorization": f"Bearer {token}"},
                    json=body,
                )
                return response.status_code, (time.perf_counter() - started) * 1000

        tasks = [asyncio.create_task(one(pair)) for pair in pairs]
        await asyncio.sleep(0)
        started = time.perf_counter()
        start.set()
        results = await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
    return [status for status, _ in results], [ms for _, ms in results], elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument(
        "--attempts", type=int, default=APPLICANTS, help="applicants, each making one booking attempt"
    )
    parser.add_argument(
        "--concurrency", type=int, default=None, help="requests in flight at once (default: every attempt)"
    )
    args = parser.parse_args()
    in_flight = args.concurrency or args.attempts
    allow_open_files(in_flight)
    with tempfile.TemporaryDirectory() as data:
        name = f"gerbang_bench_{secrets.token_hex(4)}"
        command = [sys.executable, "-m", "gerbang.cli", "central", "serve", "--data", data]
        if args.database == "postgresql":
            with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            url = f"{POSTGRES_ADMIN.rsplit('/', 1)[0]}/{name}"
            command += ["--database-url", url]
        else:
            url = f"sqlite:///{Path(data) / 'gerbang.db'}"
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        process = subprocess.Popen([*command, "--port", str(port)], stdout=subprocess.DEVNULL)
        try:
            wait_healthy(base, process)
            now = datetime.now(UTC)
            pairs = seed(url, now, args.attempts)
            statuses, latencies, elapsed = burst(base, pairs, booking_day(now), in_flight)
        finally:
            process.terminate()
            process.wait(timeout=30)
            if args.database == "postgresql":
                with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
                    admin.execute(
                        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                    )
    bookings = statuses.count(200)
    quantiles = statistics.quantiles(latencies, n=100)
    print(
        json.dumps(
            {
                "database": args.database,
                "slots": SLOTS,
                "attempts": len(statuses),
                "bookings": bookings,
                "concurrency": in_flight,
                "p50_ms": round(quantiles[49], 1),
                "p99_ms": round(quantiles[98], 1),
                "requests_per_s": round(len(statuses) / elapsed, 1),
            }
        )
    )
    others = sorted({s for s in statuses if s not in (200, 409)})
    if bookings != SLOTS or others:
        print(f"expected exactly {SLOTS} bookings and only 409 otherwise; got {bookings}, others {others}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
