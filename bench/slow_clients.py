"""A checkpoint lane keeps deciding while hundreds of slow clients hold sockets open: prints JSON.

Starts a whole local Gerbang (`gerbang up`) in a temporary directory, times lane decisions at the
checkpoint, then opens `--slow` connections, each from a loopback address of its own, that announce
a 100,000-byte body and send one byte of it (and connect again whenever the node drops them), and
times the lane again while they are connected. Loopback only; bounded in count and time.

    python bench/slow_clients.py --slow 500 --decisions 40
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from gerbang.documents import make_zone

GERBANG = [sys.executable, "-m", "gerbang.cli"]


def free_block(size: int = 4) -> int:
    for _ in range(100):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port: int = first.getsockname()[1]
        try:
            for offset in range(1, size):
                with socket.socket() as other:
                    other.bind(("127.0.0.1", port + offset))
            return port
        except OSError:
            continue
    raise RuntimeError("no free block of ports")


def wait_until(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, httpx.HTTPError, ValueError, KeyError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"timed out waiting for {what}")


class SlowClients:
    """`count` sockets that each hold a request body open, reconnecting when the node closes one."""

    def __init__(self, host: str, port: int, path: str, count: int) -> None:
        self.host, self.port, self.path, self.count = host, port, path, count
        self.stop = threading.Event()
        self.connected = 0
        self.reconnects = 0
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._hold, args=(n,), daemon=True) for n in range(count)]

    def _hold(self, n: int) -> None:
        source = (f"127.0.{1 + n // 250}.{1 + n % 250}", 0)
        head = (
            f"POST {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
        ).encode()
        while not self.stop.is_set():
            try:
                with socket.create_connection(
                    (self.host, self.port), timeout=5, source_address=source
                ) as sock:
                    sock.sendall(head)
                    with self.lock:
                        self.connected += 1
                    sock.settimeout(1)
                    while not self.stop.is_set():
                        try:
                            if sock.recv(4096) == b"":
                                break  # dropped by the node: connect again
                        except TimeoutError:
                            continue
                    with self.lock:
                        self.connected -= 1
                        self.reconnects += 1
            except OSError:
                time.sleep(0.2)

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=5)


def decide(client: httpx.Client, url: str, headers: dict[str, str], serial: int) -> tuple[float, int]:
    zone = make_zone(
        format="TD3",
        document_type="P",
        issuing_state="IDN",
        surname="SANTOSO",
        given_names="BUDI",
        document_number=f"B{serial:07d}",
        nationality="IDN",
        birth_date="850505",
        sex="M",
        expiry_date="340101",
    )
    body = {
        "mrz": zone,
        "direction": "entry",
        "lane": "A1",
        "flight": "GA1",
        "credential": None,
        "biometric_match": True,
    }
    started = time.perf_counter()
    try:
        status = client.post(f"{url}/api/v1/crossings", json=body, headers=headers).status_code
    except httpx.HTTPError:
        status = 0
    return (time.perf_counter() - started) * 1000, status


def lane_run(url: str, headers: dict[str, str], count: int, first: int) -> dict[str, Any]:
    latencies, statuses = [], []
    with httpx.Client(timeout=30) as client:
        for n in range(count):
            ms, status = decide(client, url, headers, first + n)
            latencies.append(ms)
            statuses.append(status)
    ordered = sorted(latencies)
    return {
        "decisions": count,
        "decided": statuses.count(201),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=500, help="slow clients held open at once")
    parser.add_argument("--decisions", type=int, default=40, help="lane decisions timed in each phase")
    parser.add_argument("--hold-s", type=float, default=8.0, help="seconds the slow clients are held first")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="gerbang-slow-"))
    base = free_block()
    env = {**os.environ, "GERBANG_REFERENCE_POLL_S": "2"}
    with (root / "up.log").open("ab") as log:
        up = subprocess.Popen(
            [*GERBANG, "up", "--data", str(root / "g"), "--base-port", str(base), "--watchlist-size", "0"],
            env=env,
            stdout=log,
            stderr=log,
        )
    try:
        nodes_file = root / "g" / "nodes.json"
        wait_until(
            lambda: any(n["name"] == "cgk" for n in json.loads(nodes_file.read_text())["nodes"]),
            300,
            "the nodes to be set up",
        )
        cgk = next(n for n in json.loads(nodes_file.read_text())["nodes"] if n["name"] == "cgk")
        url, headers = cgk["url"], {"Authorization": f"Bearer {cgk['token']}"}
        wait_until(lambda: httpx.get(f"{url}/readyz", timeout=2).status_code == 200, 300, "the checkpoint")
        baseline = lane_run(url, headers, args.decisions, 1)
        slow = SlowClients("127.0.0.1", base + 1, "/api/v1/crossings", args.slow)
        slow.start()
        time.sleep(args.hold_s)
        connected = slow.connected
        ready = httpx.get(f"{url}/readyz", timeout=10).status_code
        attacked = lane_run(url, headers, args.decisions, 10_000)
        still = slow.connected
        slow.close()
        print(
            json.dumps(
                {
                    "slow_clients": args.slow,
                    "connected_when_timing_began": connected,
                    "connected_when_timing_ended": still,
                    "slow_reconnects": slow.reconnects,
                    "readyz_under_attack": ready,
                    "baseline": baseline,
                    "under_attack": attacked,
                },
                indent=2,
            )
        )
    finally:
        up.send_signal(signal.SIGTERM)
        try:
            up.wait(timeout=60)
        except subprocess.TimeoutExpired:
            up.kill()


if __name__ == "__main__":
    main()
