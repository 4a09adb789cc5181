"""Checkpoint benchmark: decisions on a large watchlist, and draining a large backlog into a real center.

Prints one JSON object. Decisions run in-process through the checkpoint's own use case (MRZ reading,
screening, visa rules, the SQLite write of crossing + outbox + audit), on one core: first one lane
deciding one crossing after another, then several lanes at once (`--lanes`, a thread each, as the
checkpoint's worker threads serve its lanes), each answer timed up to its durable commit.
The backlog is uploaded over HTTP on loopback to a center running as its own process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from rich.progress import Progress

from gerbang.border.domain import LaneKind
from gerbang.border.packaged_policy import load_border_policy
from gerbang.border.reference_view import ReferenceHolder, ReferenceView
from gerbang.border.schemas import CrossingCreate
from gerbang.border.service import Checkpoint, record_crossing
from gerbang.documents import make_zone
from gerbang.infra import accounts, migrate
from gerbang.infra.accounts import Principal
from gerbang.infra.clock import SystemClock, new_id
from gerbang.infra.database import Database
from gerbang.infra.group_commit import GroupCommit
from gerbang.infra.roles import Role
from gerbang.screening import WatchlistIndex
from gerbang.screening.evaluation.generator import generate
from gerbang.sync.edge import outbox
from gerbang.sync.edge.client import CenterClient
from gerbang.sync.edge.uploader import Contact, Uploader

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_checkpoint(workdir: Path, entries: int, progress: Progress) -> tuple[Checkpoint, float, float]:
    """A checkpoint whose reference view holds a generated watchlist of `entries` entries."""
    task = progress.add_task("generating watchlist", total=None)
    dataset = generate(entries, 1, seed=11, on=datetime.now(UTC).date())
    progress.update(task, description="building index")
    started = time.perf_counter()
    index = WatchlistIndex.build(dataset.entries)
    build_s = time.perf_counter() - started
    progress.remove_task(task)
    url = f"sqlite:///{workdir / 'edge.db'}"
    migrate.upgrade(url)
    database = Database(url)
    view = ReferenceView(1, datetime.now(UTC), index, None, None, load_border_policy())
    checkpoint = Checkpoint(
        node="bench",
        site="CGK",
        lanes={f"C{k}": LaneKind.COUNTER for k in range(1, 17)},
        timezone=ZoneInfo("Asia/Jakarta"),
        database=database,
        clock=SystemClock(),
        reference=ReferenceHolder(view),
        contact=Contact(last_success=datetime.now(UTC)),
    )
    return checkpoint, build_s, rss_mb()


def bench_officer(checkpoint: Checkpoint) -> Principal:
    with checkpoint.database.transaction() as session:
        return accounts.account_principal(
            accounts.create_account(
                session,
                username=f"bench{secrets.token_hex(4)}",
                password="bench-password",  # noqa: S106 - a throwaway account in a temporary database
                roles=frozenset({Role.CHECKPOINT_OFFICER}),
                display_name=None,
                actor="bench",
                at=datetime.now(UTC),
            )
        )


NATIONALITIES = ["IDN", "SGP", "AUS", "PAK", "MYS", "JPN"]


def crossing_request(n: int, lane: str) -> CrossingCreate:
    lines = make_zone(
        format="TD3",
        document_type="P",
        issuing_state=NATIONALITIES[n % 6],
        surname="SETIAWAN",
        given_names=f"AGUS {'BCDFGHJKLMNPRSTW'[n % 16]}",
        document_number=f"X{n:07d}",
        nationality=NATIONALITIES[n % 6],
        birth_date="850505",
        sex="M",
        expiry_date="340101",
    )
    return CrossingCreate(mrz=lines, direction="entry" if n % 2 else "exit", lane=lane, biometric_match=True)


def measure_decisions(
    checkpoint: Checkpoint, count: int, lanes: int, group_commit: bool, progress: Progress
) -> dict[str, Any]:
    """`count` decisions from `lanes` lanes deciding at once (one thread each), every one durably written.

    With `group_commit`, crossings decided at the same moment share a commit (the checkpoint's
    default); without, each lane's crossing commits (and waits for its fsync) on its own.
    """
    officer = bench_officer(checkpoint)
    checkpoint.writes = GroupCommit(checkpoint.database) if group_commit else None
    latencies: list[float] = []
    task = progress.add_task(f"deciding crossings, {lanes} lane(s)", total=count)
    start = threading.Barrier(lanes + 1)

    def lane(k: int) -> None:
        start.wait()
        for n in range(k, count, lanes):
            request = crossing_request(n, f"C{k + 1}")
            t0 = time.perf_counter()
            record_crossing(checkpoint, request=request, officer=officer)
            latencies.append((time.perf_counter() - t0) * 1000)
            progress.advance(task)

    threads = [threading.Thread(target=lane, args=(k,)) for k in range(lanes)]
    for thread in threads:
        thread.start()
    cpu0 = time.process_time()
    start.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu0
    progress.remove_task(task)
    latencies.sort()
    return {
        "lanes": lanes,
        "group_commit": group_commit,
        "decisions": count,
        "decisions_per_s": round(count / elapsed, 1),
        "cpu_ms_per_decision": round(cpu * 1000 / count, 3),
        "decision_p50_ms": round(statistics.median(latencies), 2),
        "decision_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 2),
        "decision_max_ms": round(latencies[-1], 2),
    }


def ratio(a: dict[str, Any], b: dict[str, Any], key: str) -> float:
    return round(a[key] / b[key], 2) if b[key] else 0.0


def start_center(workdir: Path, port: int) -> tuple[subprocess.Popen[bytes], str]:
    data = workdir / "central"
    env = {**os.environ, "GERBANG_NEW_PASSWORD": "bench-password"}
    run = [sys.executable, "-m", "gerbang.cli"]
    subprocess.run([*run, "db", "upgrade", "--data", str(data)], check=True, capture_output=True, env=env)
    key = subprocess.run(
        [*run, "admin", "create-node", "bench", "--role", "checkpoint", "--site", "CGK", "--data", str(data)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip()
    center = subprocess.Popen(
        [*run, "central", "serve", "--data", str(data), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return center, key
        except httpx.TransportError:
            time.sleep(0.2)
    center.kill()
    raise RuntimeError("the center did not start")


def fill_backlog(database: Database, count: int) -> None:
    """`count` crossings in the outbox, written in bulk exactly as the checkpoint writes them."""
    now = datetime.now(UTC)
    with database.transaction() as session:
        for n in range(count):
            crossing_id = new_id(now)
            payload = {
                "id": str(crossing_id),
                "node": "bench",
                "site": "CGK",
                "lane": "C1",
                "direction": "entry",
                "document_number": f"Y{n:07d}",
                "nationality": "IDN",
                "surname": "SANTOSO",
                "given_names": "BUDI",
                "birth_date": "1985-05-05",
                "flight": "GA880",
                "credential_id": None,
                "decision": "admit",
                "reasons": [{"code": "citizen_entry", "message": "citizen"}],
                "permitted_until": None,
                "offline": False,
                "reference_version": 0,
                "officer": "account:bench",
                "recorded_at": now.isoformat(),
            }
            outbox.enqueue(session, record_type="crossing", record_id=crossing_id, payload=payload, at=now)


def measure_backlog(
    workdir: Path, count: int, batch_size: int, port: int, progress: Progress
) -> dict[str, float]:
    center, key = start_center(workdir, port)
    try:
        url = f"sqlite:///{workdir / 'backlog.db'}"
        migrate.upgrade(url)
        database = Database(url)
        fill_backlog(database, count)
        uploader = Uploader(
            database,
            CenterClient(f"http://127.0.0.1:{port}", key, timeout=60),
            SystemClock(),
            batch_size=batch_size,
            contact=Contact(),
        )
        task = progress.add_task("uploading backlog", total=count)
        started = time.perf_counter()
        while sent := uploader.upload_once():
            progress.advance(task, sent)
        elapsed = time.perf_counter() - started
        with database.transaction() as session:
            left = outbox.backlog(session)
        return {
            "backlog": count,
            "backlog_upload_s": round(elapsed, 2),
            "backlog_left": left,
            "batch_size": batch_size,
        }
    finally:
        center.terminate()
        center.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--decisions", type=int, default=2000)
    parser.add_argument(
        "--lanes", default="1,4", help="lanes deciding at once in the one checkpoint process, comma-separated"
    )
    parser.add_argument("--backlog", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--port", type=int, default=18730)
    args = parser.parse_args()
    args.lanes = [int(k) for k in args.lanes.split(",") if k]
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    result: dict[str, object] = {"benchmark": "checkpoint", "watchlist_entries": args.entries}
    with tempfile.TemporaryDirectory() as tmp, Progress(transient=True) as progress:
        workdir = Path(tmp)
        checkpoint, build_s, rss = build_checkpoint(workdir, args.entries, progress)
        result |= {"index_build_s": round(build_s, 1), "rss_mb_after_index": round(rss)}
        runs = [
            measure_decisions(checkpoint, args.decisions, lanes, group, progress)
            for lanes in args.lanes
            for group in (True, False)
        ]
        result |= runs[0]  # one lane, as the checkpoint runs
        result["lane_runs"] = runs
        result["group_commit_vs_own_commits"] = [
            {
                "lanes": on["lanes"],
                "decisions_per_s": ratio(on, off, "decisions_per_s"),
                "decision_p99_ms": ratio(on, off, "decision_p99_ms"),
            }
            for on, off in zip(runs[::2], runs[1::2], strict=True)
        ]
        if args.backlog:
            result |= measure_backlog(workdir, args.backlog, args.batch_size, args.port, progress)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
