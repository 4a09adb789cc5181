"""Limits at the edge of every node: a request body is read whole, under a deadline and a size limit,
BEFORE the request takes an admission slot (web/admission.py), and each client address gets a fair share.

Without this, a client that announces a body and then sends one byte a minute holds an admission slot
for as long as it likes: 32 such sockets froze a node. Here such a client waits outside the gate,
holding nothing but its socket, and is answered 408 and disconnected when its deadline passes.
"""

from __future__ import annotations

import json
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

KIB, MIB = 1024, 1024 * 1024

TOO_MANY_REQUESTS = "too many requests from this address; slow down"
TOO_MANY_BODIES = "too many bodies being sent from this address at once"


@dataclass(frozen=True)
class Limits:
    """How much and how fast: bodies per route prefix (longest prefix wins), deadlines, per-client shares."""

    default_body: int = 1 * MIB
    # Route prefix -> largest body. An edge's upload batch is the largest thing a node receives; the
    # bank's callback is tiny and is read before its signature is checked, so it gets little room.
    bodies: dict[str, int] = field(
        default_factory=lambda: {
            "/api/v1/sync/batches": 16 * MIB,
            "/api/v1/passports/payments/callback": 16 * KIB,
            # A statement of 5,000 payments, each with its payer's address, is under 1.5 MiB.
            "/api/v1/passports/payments/statement": 2 * MIB,
        }
    )
    # A body must arrive within `body_seconds` plus the time its size takes at `slowest_rate`.
    body_seconds: float = 5.0
    slowest_rate: float = 256 * KIB
    longest_body_seconds: float = 60.0
    # Bodies one client address may be sending at once; more get 429 at once.
    bodies_per_client: int = 16
    # Requests per second one client address may make, with a burst allowance (a token bucket). The
    # burst is large: a real office or a test harness fires thousands of requests from one address.
    client_rate: float = 200.0
    client_burst: float = 10_000.0

    def body_limit(self, path: str) -> int:
        best, limit = -1, self.default_body
        for prefix, size in self.bodies.items():
            if path.startswith(prefix) and len(prefix) > best:
                best, limit = len(prefix), size
        return limit

    def deadline(self, length: int | None) -> float:
        extra = (length or self.default_body) / self.slowest_rate
        return min(self.body_seconds + extra, self.longest_body_seconds)


async def _answer(
    send: Send, status: int, code: str, message: str, *, retry_after: int | None = None
) -> None:
    body = json.dumps({"error": code, "message": message, "field": None}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    # The rest of the body is never read: the connection must close, or it would be taken as a request.
    headers.append((b"connection", b"close"))
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class _Bucket:
    __slots__ = ("stamp", "tokens")

    def __init__(self, tokens: float, stamp: float) -> None:
        self.tokens, self.stamp = tokens, stamp


class BodyLimits:
    """ASGI middleware: per-route body limits (413), a body deadline (408) and per-client shares (429)."""

    def __init__(self, app: ASGIApp, *, limits: Limits | None = None) -> None:
        self.app = app
        self.limits = limits or Limits()
        self.reading: dict[str, int] = defaultdict(int)
        self.buckets: dict[str, _Bucket] = {}

    def _allowed(self, client: str) -> bool:
        now = time.monotonic()
        limits = self.limits
        bucket = self.buckets.get(client)
        if bucket is None:
            if len(self.buckets) > 100_000:  # forget idle clients rather than grow without bound
                self.buckets.clear()
            bucket = self.buckets[client] = _Bucket(limits.client_burst, now)
        bucket.tokens = min(limits.client_burst, bucket.tokens + (now - bucket.stamp) * limits.client_rate)
        bucket.stamp = now
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope["client"][0] if scope.get("client") else "-"
        if not self._allowed(client):
            await _answer(send, 429, "too_many_requests", TOO_MANY_REQUESTS, retry_after=1)
            return
        headers = dict(scope["headers"])
        raw_length = headers.get(b"content-length")
        chunked = b"chunked" in headers.get(b"transfer-encoding", b"").lower()
        if raw_length is None and not chunked:
            await self.app(scope, receive, send)
            return
        length: int | None = None
        if raw_length is not None:
            if not raw_length.isdigit() or len(raw_length) > 18:
                await _answer(send, 400, "invalid", "Content-Length is not a number of bytes")
                return
            length = int(raw_length)
        limit = self.limits.body_limit(scope["path"])
        if length is not None and length > limit:
            await _answer(
                send, 413, "too_large", f"the body is larger than {limit} bytes, the most this route takes"
            )
            return
        if length == 0:
            await self.app(scope, receive, send)
            return
        if self.reading[client] >= self.limits.bodies_per_client:
            await _answer(send, 429, "too_many_requests", TOO_MANY_BODIES, retry_after=1)
            return
        self.reading[client] += 1
        try:
            outcome = await self._read(receive, limit, self.limits.deadline(length))
        finally:
            self.reading[client] -= 1
            if self.reading[client] <= 0:
                del self.reading[client]
        if outcome is None:
            return  # the client went away
        if outcome == "slow":
            await _answer(send, 408, "timeout", "the body did not arrive in time")
            return
        if isinstance(outcome, str):
            await _answer(
                send, 413, "too_large", f"the body is larger than {limit} bytes, the most this route takes"
            )
            return
        await self.app(scope, _replay(outcome, receive), send)

    async def _read(self, receive: Receive, limit: int, seconds: float) -> bytes | str | None:
        chunks: list[bytes] = []
        size = 0
        with anyio.move_on_after(seconds if math.isfinite(seconds) else None):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return None
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    return "large"
                chunks.append(chunk)
                if not message.get("more_body", False):
                    return b"".join(chunks)
        return "slow"


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the body already read, then whatever the client sends next (its disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
