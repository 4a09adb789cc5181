"""Benchmark: the failover drills on a fresh two-site lab, printed as JSON.

Starts `gerbang lab` (etcd ×4, PostgreSQL ×3 under Patroni, two centers, CGK, JKS, status) in a
temporary directory, then: SIGKILLs site A's primary during a booking burst and a crossing upload;
rejoins it and SIGKILLs it again as the synchronous replica; kills all of site A and promotes site B
with the fenced command. Prints the write outage, acknowledged writes lost, 500s seen, promotion to
first acknowledged write and crossings lost in the end. Needs Debian's patroni and etcd-server.
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
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--applicants", type=int, default=160, help="bookings in the burst at the primary kill"
    )
    parser.add_argument("--keep", action="store_true", help="keep the lab's directory (logs) afterwards")
    args = parser.parse_args()
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
        primary = drills.primary_loss(lab, applicants=args.applicants)
        killed = next(m.name for m in lab.topology.site("A").postgres if not health.answers(m, "primary"))
        drills.rejoin(lab, killed)
        replica = drills.replica_loss(lab)
        site = drills.site_loss(lab)
    finally:
        lab.down()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(
        json.dumps(
            {
                "benchmark": "failover",
                "lab_up_s": round(up_s, 1),
                "primary_loss": {
                    "write_outage_s": primary.write_outage_s,
                    "acknowledged_writes": primary.acknowledged,
                    "acknowledged_writes_lost": primary.acknowledged_lost,
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
                "total_s": round(time.monotonic() - started, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
