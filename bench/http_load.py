"""A load client process: raw HTTP/1.1 over a bounded set of keep-alive connections, closed or open loop.

Run by bench/server_load.py, several at once, each on its own core time: `python bench/http_load.py JOB`
reads a JSON job and writes one JSON result beside it (JOB.out). It parses only the status line and
Content-Length, so a request costs it a few tens of microseconds, far less than the server it measures.

Modes: "closed" keeps every connection busy, the next request leaving as the last answer arrives,
for `duration` seconds or until the requests run out; "open" offers `rate` requests per second on a
fixed schedule whatever the answers do, and times each from the moment it was due (so a server that
falls behind shows it, instead of slowing the client); "burst" sends each request once, every one
due at the start.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Results:
    statuses: dict[int, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)  # from when the request was due
    service_ms: list[float] = field(default_factory=list)  # from when it left to its answer
    reconnects: int = 0
    first_sent: float = 0.0
    last_done: float = 0.0


class Connection:
    def __init__(self, host: str, port: int, source: str | None = None) -> None:
        self.host, self.port, self.source = host, port, source
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        local = (self.source, 0) if self.source else None
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port, local_addr=local)

    async def send(self, request: bytes, results: Results) -> int:
        """One request and its answer; reconnects once if the server closed the idle connection."""
        for attempt in (1, 2):
            if self.writer is None:
                await self.open()
            assert self.reader is not None
            assert self.writer is not None
            try:
                self.writer.write(request)
                head = await self.reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                        break
                if length:
                    await self.reader.readexactly(length)
                if b"connection: close" in head.lower():
                    self.close()
                return status
            except (ConnectionError, asyncio.IncompleteReadError):
                # uvicorn closes a connection idle past its keep-alive timeout; the request was not read.
                self.close()
                if attempt == 2:
                    raise
                results.reconnects += 1
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def run(job: dict[str, Any]) -> Results:
    requests = [r.encode("latin-1") for r in job["requests"]]
    targets = [tuple(t) for t in job["targets"]]
    # Connections come from several loopback addresses, as a quota day's applicants come from many:
    # a node limits what one client address may have in flight (web/limits.py).
    sources = int(job.get("sources", 0))
    connections = [
        Connection(
            *targets[n % len(targets)], f"127.0.0.{2 + (job['offset'] + n) % sources}" if sources else None
        )
        for n in range(job["connections"])
    ]
    await asyncio.gather(*(c.open() for c in connections))
    results = Results()
    mode, duration = job["mode"], float(job.get("duration", 0))
    delay = job["start_at"] - time.time()
    if delay > 0:
        await asyncio.sleep(delay)
    start = time.perf_counter()
    results.first_sent = time.time()
    queue: asyncio.Queue[tuple[bytes, float] | None] = asyncio.Queue()

    async def worker(connection: Connection) -> None:
        while True:
            item = await queue.get()
            if item is None:
                return
            request, due = item
            sent = time.perf_counter()
            status = await connection.send(request, results)
            done = time.perf_counter()
            results.statuses[status] = results.statuses.get(status, 0) + 1
            results.latencies_ms.append((done - due) * 1000)
            results.service_ms.append((done - sent) * 1000)
            if mode == "closed" and done - start < duration:
                queue.put_nowait((requests[next_index()], time.perf_counter()))

    counter = iter(range(1 << 62))

    def next_index() -> int:
        return next(counter) % len(requests)

    tasks = [asyncio.create_task(worker(c)) for c in connections]
    if mode == "burst":
        for request in requests:
            queue.put_nowait((request, start))
        for _ in tasks:
            queue.put_nowait(None)
    elif mode == "closed":
        for _ in connections:
            queue.put_nowait((requests[next_index()], start))
        await asyncio.sleep(duration)
        for _ in tasks:
            queue.put_nowait(None)
    else:  # open loop: request n is due at start + n / rate
        rate, total = float(job["rate"]), int(float(job["rate"]) * duration)
        for n in range(total):
            due = start + n / rate
            wait = due - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            queue.put_nowait((requests[n % len(requests)], due))
        for _ in tasks:
            queue.put_nowait(None)
    await asyncio.gather(*tasks)
    results.last_done = time.time()
    for connection in connections:
        connection.close()
    return results


def main() -> None:
    job = json.loads(Path(sys.argv[1]).read_text())
    try:
        import uvloop

        results = uvloop.run(run(job))
    except ImportError:
        results = asyncio.run(run(job))
    # To a file, not stdout: the event loop may leave stdout non-blocking, and a pipe then takes
    # only the first 64 KiB of a long result.
    Path(sys.argv[1] + ".out").write_text(
        json.dumps(
            {
                "statuses": results.statuses,
                "latencies_ms": [round(x, 3) for x in results.latencies_ms],
                "service_ms": [round(x, 3) for x in results.service_ms],
                "reconnects": results.reconnects,
                "first_sent": results.first_sent,
                "last_done": results.last_done,
            }
        )
    )


if __name__ == "__main__":
    main()
