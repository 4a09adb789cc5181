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

import anyio
import anyio.to_thread
from anyio.lowlevel import RunVar
from starlette.types import ASGIApp, Receive, Scope, Send


class Admission:
    """ASGI middleware: at most `limit` HTTP requests inside the app at once, first come first in.

    Paths in `exempt` skip the queue; they must be async and touch neither a thread nor the database.
    """

    def __init__(self, app: ASGIApp, *, limit: int, exempt: frozenset[str] = frozenset()) -> None:
        if limit < 1:
            raise ValueError("admission needs a limit of at least one request")
        self.app = app
        self.limit = limit
        self.exempt = exempt
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
        async with self.gate():
            await self.app(scope, receive, send)
