"""Admission: a bounded number of requests inside the app at once, the rest waiting their turn.

Sync endpoints and dependencies run on AnyIO's worker threads, and FastAPI also takes a worker thread
to validate a sync endpoint's response. A request whose unit of work holds a database lock (SQLite's
write lock, a PostgreSQL row lock) or a pooled connection therefore waits for a thread after its
handler returns. If every thread were held by requests waiting for that lock, neither side could move:
the node stalls until database timeouts break the cycle, then stalls again. Each admitted request uses
at most one worker thread at a time, so with more threads than admitted requests a free thread is
always there, and waiting happens here, on the event loop, holding nothing.
"""

from __future__ import annotations

import json

import anyio
import anyio.to_thread
from anyio.lowlevel import RunVar
from starlette.types import ASGIApp, Receive, Scope, Send


class Admission:
    """ASGI middleware: at most `limit` HTTP requests inside the app at once, first come first in.

    Paths in `exempt` skip the queue; they must be async and touch neither a thread nor the database.
    Paths in `fail_fast` (readiness) never wait: with every slot taken they get 503 at once, so a monitor
    sees a node that cannot take more work as not ready instead of timing out.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        limit: int,
        exempt: frozenset[str] = frozenset(),
        fail_fast: frozenset[str] = frozenset(),
    ) -> None:
        if limit < 1:
            raise ValueError("admission needs a limit of at least one request")
        self.app = app
        self.limit = limit
        self.exempt = exempt
        self.fail_fast = fail_fast
        # One gate per event loop: a test client starts a fresh loop for each app it drives.
        self._gate: RunVar[anyio.Semaphore] = RunVar(f"gerbang_admission_{id(self)}")

    def gate(self) -> anyio.Semaphore:
        try:
            return self._gate.get()
        except LookupError:
            threads = anyio.to_thread.current_default_thread_limiter()
            # One thread per admitted request and one to spare.
            threads.total_tokens = max(threads.total_tokens, self.limit + 1)
            gate = anyio.Semaphore(self.limit)
            self._gate.set(gate)
            return gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        gate = self.gate()
        if scope["path"] in self.fail_fast and gate.value == 0:
            await _busy(send)
            return
        metrics = getattr(getattr(scope.get("app"), "state", None), "metrics", None)
        waiting = getattr(metrics, "waiting", None)
        if waiting is not None:
            waiting.inc()
        try:
            await gate.acquire()
        finally:
            if waiting is not None:
                waiting.dec()
        try:
            await self.app(scope, receive, send)
        finally:
            gate.release()


async def _busy(send: Send) -> None:
    body = json.dumps({"status": "not ready", "admission": "full"}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 503, "headers": [*headers, (b"retry-after", b"1")]})
    await send({"type": "http.response.body", "body": body})
