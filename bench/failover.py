"""Benchmark: the failover drills on a fresh two-site lab, printed as JSON.

Starts `gerbang lab` (etcd ×4, PostgreSQL ×3 under Patroni, two centers, CGK, JKS, status) in a
temporary directory, then: SIGKILLs site A's primary during a booking burst and a crossing upload;
rejoins it and SIGKILLs it again as the synchronous replica; kills all of site A and promotes site B
with the fenced command. Prints the write outage, acknowledged writes lost, 500s seen, promotion to
first acknowledged write and crossings lost in the end. Needs Debian's patroni and etcd-server.

Then the booking burst against one and against two `gerbang central serve` processes on one
PostgreSQL (a throwaway database on 127.0.0.1:5432), load from separate client processes over
keep-alive connections (bench/server_load.py's driver), and the ratio of their requests per second.
`--no-drills` or `--no-burst` runs one half.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gerbang.recovery.cluster import health
from gerbang.recovery.lab import drills
from gerbang.recovery.lab.run import Lab


def free_base(size: int = 43) -> int:
    """A port P with P .. P+size-1 free on loopback."""
    for start in range(20000, 60000, 97):
        try:
            for offset in range(size):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", start + offset))
            return start
        except OSError:
            continue
    raise SystemExit("no free block of ports")


def booking_burst(*, attempts: int, slots: int, connections: int, clients: int) -> dict[str, Any]:
    """The same burst into `slots` places against one center process, then two, on one PostgreSQL."""
    import server_load as load  # beside this file in bench/

    runs: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with load.database_url("postgresql", work) as url:
            commands, ports = load.centers(url, work, 1)
            with load.processes(commands, [f"http://127.0.0.1:{ports[0]}/healthz"], "the center"):
                pass  # one center migrates the database before two share it
            now = datetime.now(UTC)
            day = load.booking_day(now)
            for count in (1, 2):
                office, warm_office = f"F{count}{os.getpid() % 1000}", f"W{count}{os.getpid() % 1000}"
                pairs = load.seed(url, now, office, slots, attempts)
                warm = load.seed(url, now, warm_office, 5, connections)
                commands, ports = load.centers(url, work, count)
                urls = [f"http://127.0.0.1:{p}/healthz" for p in ports]
                with load.processes(commands, urls, "the center") as pids:
                    # The first requests of a process fill its pool and import what loads lazily.
                    warming = load.booking_requests(warm, warm_office, day)
                    load.drive(load.Load("burst", warming, connections, clients), ports, pids, work)
                    requests = load.booking_requests(pairs, office, day)
                    measured = load.drive(
                        load.Load("burst", requests, connections, clients), ports, pids, work
                    )
                runs[count] = measured | {"bookings": measured["statuses"].get("200", 0), "slots": slots}
    one, two = runs[1], runs[2]
    return {
        "attempts": attempts,
        "one_process": one,
        "two_processes": two,
        "requests_per_s_one": one["requests_per_s"],
        "requests_per_s_two": two["requests_per_s"],
        "two_vs_one": round(two["requests_per_s"] / one["requests_per_s"], 2),
        "exactly_as_many_bookings_as_slots": one["bookings"] == slots and two["bookings"] == slots,
    }


def drills_on_a_lab(applicants: int, keep: bool) -> dict[str, Any]:
    """Start a lab, run the three drills in order on it, stop it; their figures."""
    os.environ.update(
        {
            "GERBANG_STATUS_PROBE_INTERVAL_S": "2",
            "GERBANG_REFERENCE_POLL_S": "1",
            "GERBANG_UPLOAD_BATCH_SIZE": "25",
        }
    )
    root = Path(tempfile.mkdtemp(prefix="gerbang-failover-"))
    root.chmod(0o755)  # PostgreSQL runs as the postgres user when this runs as root
    lab = Lab(root / "lab", base_port=free_base(), watchlist_size=50)
    started = time.monotonic()
    try:
        lab.up(lambda line: print(f"… {line}", file=sys.stderr))
        up_s = time.monotonic() - started
        primary = drills.primary_loss(lab, applicants=applicants)
        killed = next(m.name for m in lab.topology.site("A").postgres if not health.answers(m, "primary"))
        drills.rejoin(lab, killed)
        replica = drills.replica_loss(lab)
        site = drills.site_loss(lab)
    finally:
        lab.down()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    return {
        "lab_up_s": round(up_s, 1),
        "primary_loss": {
            "killed": primary.killed,
            "new_primary": primary.new_primary,
            "write_outage_s": primary.write_outage_s,
            "acknowledged_writes": primary.acknowledged,
            "acknowledged_writes_lost": primary.acknowledged_lost,
            "applicants_without_booking": primary.applicants_without_booking,
            "http_500_seen": primary.server_errors,
            "http_503_retried": primary.retried_503,
            "crossings": primary.crossings,
            "crossings_lost": primary.crossings_lost,
        },
        "replica_loss": asdict(replica),
        "site_loss": {
            "refused_while_site_a_led": site.refused_while_site_a_led,
            "promote_command_s": site.promotion_s,
            "promotion_to_first_acknowledged_write_s": site.promotion_to_first_write_s,
            "acknowledged_bookings_before_loss": site.acknowledged_before_loss,
            "acknowledged_bookings_lost_async_rpo": site.acknowledged_lost,
            "http_500_seen": site.server_errors,
            "crossings": site.crossings,
            "crossings_lost_in_the_end": site.crossings_lost,
        },
        "drills_s": round(time.monotonic() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--applicants", type=int, default=160, help="bookings in the burst at the primary kill"
    )
    parser.add_argument("--keep", action="store_true", help="keep the lab's directory (logs) afterwards")
    parser.add_argument("--no-drills", action="store_true", help="only the booking burst")
    parser.add_argument("--no-burst", action="store_true", help="only the drills")
    parser.add_argument("--burst-attempts", type=int, default=5_000, help="applicants in each burst")
    parser.add_argument("--burst-slots", type=int, default=300)
    parser.add_argument("--connections", type=int, default=64, help="keep-alive connections in the burst")
    parser.add_argument("--clients", type=int, default=2, help="client processes driving the burst")
    args = parser.parse_args()
    started = time.monotonic()
    figures: dict[str, Any] = {"benchmark": "failover", "cores": os.cpu_count()}
    if not args.no_drills:
        figures |= drills_on_a_lab(args.applicants, args.keep)
    if not args.no_burst:
        figures["booking_burst"] = booking_burst(
            attempts=args.burst_attempts,
            slots=args.burst_slots,
            connections=args.connections,
            clients=args.clients,
        )
    figures["total_s"] = round(time.monotonic() - started, 1)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
