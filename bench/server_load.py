"""Benchmark the server, not the client: Gerbang's booking path beside bare FastAPI anchors, in one run.

Load comes from separate client processes (bench/http_load.py) over a bounded number of keep-alive
connections. The server's CPU per request is read from /proc/<pid>/stat of the server process(es).
For each database (SQLite, and PostgreSQL in a throwaway database on 127.0.0.1:5432) it measures:

- the anchors, served by bench/anchor_app.py on the same database: a bare JSON endpoint, and one
  SELECT + one INSERT in a transaction (closed loop, every connection busy);
- the 5,000-at-once booking burst into 300 slots (exactly 300 must win), once per `--processes`
  count, with that many `gerbang central serve` processes on one database;
- booking requests for the full day in closed loop, and both the SELECT+INSERT anchor and bookings
  at fixed offered open-loop rates (default 100, 200 and 400 requests per second).

Prints one JSON object with every figure and the ratios to the anchors. `--repeat 2` runs it all twice.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
from psycopg import sql
from rich.console import Console
from sqlalchemy import insert

from gerbang.infra.accounts import TOKEN_PREFIX, digest
from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.infra.orm import AccountRoleRow, AccountRow, ApiTokenRow
from gerbang.kernel.calendar import WorkingCalendar
from gerbang.passports.center.booking.slots import seed_offices
from gerbang.passports.center.orm import ApplicationRow, HistoryRow, OfficeRow

BENCH = Path(__file__).resolve().parent
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TICKS = os.sysconf("SC_CLK_TCK")
# Loopback addresses the client connections come from, four connections each at the default 64: a
# node limits what one address may have in flight (web/limits.py), as it should for the public.
SOURCES = 16
console = Console(stderr=True)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used, from /proc/<pid>/stat (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, to show how much else was running."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def wait_up(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with code {process.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{what} did not answer within 90 s")


@contextmanager
def processes(commands: list[list[str]], urls: list[str], what: str) -> Iterator[list[int]]:
    started = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands]
    try:
        for process, url in zip(started, urls, strict=True):
            wait_up(url, process, what)
        yield [p.pid for p in started]
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def booking_day(now: datetime) -> date:
    # A working day far enough ahead to be bookable, whose quota release window closed long ago.
    return WorkingCalendar().next_working_day((now + timedelta(days=3)).date())


_regions = itertools.count(1)


def seed(url: str, now: datetime, office: str, slots: int, applicants: int) -> list[tuple[str, str]]:
    """An office with `slots` places and that many applicants, each a token and a submitted application."""
    database = Database(url)
    pairs: list[tuple[str, str]] = []
    # Each seeded office's applicants live in a district of their own, so no NIK is in two bursts.
    region = next(_regions)
    with database.transaction() as session:
        values = seed_offices()[0] | {"code": office, "quota_regular": slots, "release_days_ahead": 30}
        session.execute(insert(OfficeRow), [values])
    for start in range(0, applicants, 1000):
        rows: dict[Any, list[dict[str, Any]]] = {t: [] for t in ("a", "r", "t", "p", "h")}
        for n in range(start, min(start + 1000, applicants)):
            account_id, application_id = new_id(now), new_id(now)
            token = TOKEN_PREFIX + secrets.token_urlsafe(24)
            born = date(1985, 1, 2 + n // 9999)
            rows["a"].append(
                {
                    "id": account_id,
                    "username": f"{office.lower()}{n}",
                    "display_name": f"bench {n}",
                    "password_hash": "!",
                    "active": True,
                    "created_at": now,
                }
            )
            rows["r"].append({"account_id": account_id, "role": "applicant"})
            rows["t"].append(
                {
                    "id": new_id(now),
                    "account_id": account_id,
                    "name": "bench",
                    "token_digest": digest(token),
                    "created_at": now,
                    "expires_at": None,
                    "revoked_at": None,
                }
            )
            rows["p"].append(
                {
                    "id": application_id,
                    "account_id": account_id,
                    "nik": f"3174{region:02d}{born.day:02d}0185{n % 9999 + 1:04d}",
                    "name": f"Applicant {n}",
                    "birth_date": born,
                    "sex": "male",
                    "kind": "ordinary",
                    "validity_years": 5,
                    "service": "regular",
                    "fee_idr": 350_000,
                    "fee_source": "PP 45/2024",
                    "created_at": now,
                }
            )
            rows["h"].append(
                {
                    "application_id": application_id,
                    "status": "submitted",
                    "at": now,
                    "actor": "bench",
                    "note": None,
                }
            )
            pairs.append((token, str(application_id)))
        with database.transaction() as session:
            for table, key in ((AccountRow, "a"), (AccountRoleRow, "r"), (ApiTokenRow, "t")):
                session.execute(insert(table), rows[key])
            session.execute(insert(ApplicationRow), rows["p"])
            session.execute(insert(HistoryRow), rows["h"])
    database.dispose()
    return pairs


def booking_requests(pairs: list[tuple[str, str]], office: str, day: date) -> list[str]:
    body = json.dumps({"office": office, "day": day.isoformat(), "hour": 9})
    return [
        f"POST /api/v1/passports/applications/{application}/booking HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n{body}"
        for token, application in pairs
    ]


BARE = ["GET /bare HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"]
WRITE = ["POST /write HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"]


@dataclass(frozen=True)
class Load:
    mode: str  # closed, open or burst
    requests: list[str]
    connections: int
    clients: int
    duration: float = 0.0
    rate: float = 0.0


def drive(load: Load, ports: list[int], pids: list[int], workdir: Path) -> dict[str, Any]:
    """Run `load` from `load.clients` processes and measure the servers `pids` while it runs."""
    start_at = time.time() + 1.5
    jobs = []
    for k in range(load.clients):
        part = load.requests if len(load.requests) == 1 else load.requests[k :: load.clients]
        job = {
            "mode": load.mode,
            "requests": part,
            "connections": load.connections // load.clients,
            "targets": [["127.0.0.1", p] for p in ports],
            "duration": load.duration,
            "rate": load.rate / load.clients,
            "start_at": start_at,
            "sources": SOURCES,
            "offset": k * (load.connections // load.clients),
        }
        path = workdir / f"job{k}.json"
        path.write_text(json.dumps(job))
        jobs.append(path)
    cpu_before, machine_before = sum(cpu_seconds(p) for p in pids), machine_busy()
    clients = [subprocess.Popen([sys.executable, str(BENCH / "http_load.py"), str(j)]) for j in jobs]
    for client in clients:
        if client.wait(timeout=600):
            raise SystemExit(f"a load client exited with code {client.returncode}")
    outputs = [json.loads(Path(f"{j}.out").read_text()) for j in jobs]
    cpu = sum(cpu_seconds(p) for p in pids) - cpu_before
    machine_after = machine_busy()
    statuses: dict[str, int] = {}
    latencies, service = [], []
    for output in outputs:
        for status, count in output["statuses"].items():
            statuses[status] = statuses.get(status, 0) + count
        latencies += output["latencies_ms"]
        service += output["service_ms"]
    requests = len(latencies)
    elapsed = max(o["last_done"] for o in outputs) - min(o["first_sent"] for o in outputs)
    busy = (machine_after[0] - machine_before[0]) / max(1, machine_after[1] - machine_before[1])
    result = {
        "requests": requests,
        "statuses": statuses,
        "seconds": round(elapsed, 2),
        "requests_per_s": round(requests / elapsed, 1),
        "server_cpu_ms_per_request": round(cpu * 1000 / max(1, requests), 3),
        "server_cores_used": round(cpu / elapsed, 2),
        "machine_cpu_busy": round(busy, 2),
        "p50_ms": quantile(latencies, 50),
        "p99_ms": quantile(latencies, 99),
        "connections": load.connections,
        "client_processes": load.clients,
        "reconnects": sum(o["reconnects"] for o in outputs),
    }
    if load.mode == "burst":
        result |= {"service_p50_ms": quantile(service, 50), "service_p99_ms": quantile(service, 99)}
    if load.mode == "open":
        result["offered_per_s"] = load.rate
    return result


def quantile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return round(values[0], 2) if values else 0.0
    return round(statistics.quantiles(values, n=100)[q - 1], 2)


@contextmanager
def database_url(kind: str, data: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{data / 'gerbang.db'}"
        return
    name = f"gerbang_load_{secrets.token_hex(4)}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{POSTGRES_ADMIN.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def centers(url: str, data: Path, count: int) -> tuple[list[list[str]], list[int]]:
    ports = [free_port() for _ in range(count)]
    run = [sys.executable, "-m", "gerbang.cli", "central", "serve", "--data", str(data)]
    if not url.startswith("sqlite"):
        run += ["--database-url", url]
    return [[*run, "--port", str(p)] for p in ports], ports


def run_database(kind: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    out: dict[str, Any] = {"database": kind}
    data = workdir / kind
    data.mkdir()
    c, n = args.connections, args.clients
    with database_url(kind, data) as url:
        # Migrate once, with one center, before anything else touches the database.
        commands, ports = centers(url, data, 1)
        with processes(commands, [f"http://127.0.0.1:{ports[0]}/healthz"], "the center"):
            pass
        anchor_port = free_port()
        anchor = [[sys.executable, str(BENCH / "anchor_app.py"), url, str(anchor_port)]]
        now = datetime.now(UTC)
        day = booking_day(now)
        with processes(anchor, [f"http://127.0.0.1:{anchor_port}/bare"], "the anchor app") as pids:
            console.print(f"[{kind}] anchors, closed loop")
            for warm in (BARE, WRITE):  # first requests compile statements and fill pools: not measured
                drive(Load("closed", warm, c, n, 1.0), [anchor_port], pids, workdir)
            bare = drive(Load("closed", BARE, c, n, args.duration), [anchor_port], pids, workdir)
            write = drive(Load("closed", WRITE, c, n, args.duration), [anchor_port], pids, workdir)
            write_rates = [
                drive(Load("open", WRITE, c, n, args.rate_duration, rate), [anchor_port], pids, workdir)
                for rate in args.rates
            ]
        out["anchor_bare"], out["anchor_select_insert"] = bare, write
        out["anchor_select_insert_at_rate"] = write_rates
        bursts = []
        for count in args.processes:
            office = f"B{count}{secrets.token_hex(2).upper()}"
            console.print(f"[{kind}] seeding {args.attempts} applicants for {count} center process(es)")
            pairs = seed(url, now, office, args.slots, args.attempts)
            requests = booking_requests(pairs, office, day)
            commands, ports = centers(url, data, count)
            urls = [f"http://127.0.0.1:{p}/healthz" for p in ports]
            warm = seed(url, now, f"W{office[1:]}", 5, c)
            with processes(commands, urls, "the center") as pids:
                # A small burst first, at another office: the first requests of a process compile
                # statements, fill its connection pool and import what is imported lazily.
                drive(
                    Load("burst", booking_requests(warm, f"W{office[1:]}", day), c, n), ports, pids, workdir
                )
                console.print(f"[{kind}] booking burst: {args.attempts} at once, {count} process(es)")
                burst = drive(Load("burst", requests, c, n), ports, pids, workdir)
                burst |= {
                    "center_processes": count,
                    "slots": args.slots,
                    "bookings": burst["statuses"].get("200", 0),
                }
                bursts.append(burst)
                if count == args.processes[0]:
                    # The full day again: what nearly every request of a quota day meets.
                    losers = requests  # the 300 winners asking again are refused too
                    console.print(f"[{kind}] bookings for the full day, closed loop and at fixed rates")
                    out["booking_full_day"] = drive(
                        Load("closed", losers, c, n, args.duration), ports, pids, workdir
                    )
                    out["booking_full_day_at_rate"] = [
                        drive(Load("open", losers, c, n, args.rate_duration, rate), ports, pids, workdir)
                        for rate in args.rates
                    ]
        out["booking_burst"] = bursts
    first = bursts[0]
    out["ratios"] = {
        "booking_burst_cpu_per_request_vs_select_insert": ratio(first, write, "server_cpu_ms_per_request"),
        "booking_full_day_cpu_per_request_vs_select_insert": ratio(
            out["booking_full_day"], write, "server_cpu_ms_per_request"
        ),
        "booking_burst_throughput_vs_select_insert": ratio(first, write, "requests_per_s"),
        "select_insert_cpu_per_request_vs_bare": ratio(write, bare, "server_cpu_ms_per_request"),
        "exactly_as_many_bookings_as_slots": all(b["bookings"] == args.slots for b in bursts),
    }
    if len(bursts) > 1:
        out["ratios"]["burst_throughput_vs_first_process_count"] = [
            ratio(b, first, "requests_per_s") for b in bursts
        ]
    return out


def ratio(a: dict[str, Any], b: dict[str, Any], key: str) -> float:
    return round(a[key] / b[key], 2) if b[key] else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument(
        "--attempts", type=int, default=5_000, help="applicants in the burst, one attempt each"
    )
    parser.add_argument("--slots", type=int, default=300)
    parser.add_argument("--connections", type=int, default=64, help="keep-alive connections, all clients")
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--duration", type=float, default=10, help="seconds of each closed-loop phase")
    parser.add_argument("--rate-duration", type=float, default=8, help="seconds of each open-loop phase")
    parser.add_argument("--rates", default="100,200,400", help="offered requests per second, comma-separated")
    parser.add_argument(
        "--processes", default="1", help="center processes for the burst, e.g. 1,2 to compare (PostgreSQL)"
    )
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    args.rates = [float(r) for r in args.rates.split(",") if r]
    args.processes = [int(p) for p in args.processes.split(",") if p]
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    runs = []
    for _ in range(args.repeat):
        for kind in kinds:
            with tempfile.TemporaryDirectory() as tmp:
                runs.append(run_database(kind, args, Path(tmp)))
    print(json.dumps({"benchmark": "server_load", "cores": os.cpu_count(), "runs": runs}))
    return 0 if all(r["ratios"]["exactly_as_many_bookings_as_slots"] for r in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
