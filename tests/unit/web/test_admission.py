"""Admission lets a bounded number of requests in at once, in arrival order, and keeps a thread for each."""

from __future__ import annotations

import anyio
import anyio.to_thread
from anyio.from_thread import start_blocking_portal
from starlette.types import Message, Receive, Scope, Send

from gerbang.web.admission import Admission


def http(path: str) -> Scope:
    return {"type": "http", "method": "GET", "path": path, "headers": []}


async def receive() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


async def send(_message: Message) -> None:
    return None


def test_requests_beyond_the_limit_wait_their_turn_in_arrival_order() -> None:
    inside: list[int] = []
    entered: list[int] = []
    release = anyio.Event()

    async def slow(scope: Scope, _receive: Receive, _send: Send) -> None:
        inside.append(scope["n"])
        entered.append(scope["n"])
        await release.wait()
        inside.remove(scope["n"])

    admission = Admission(slow, limit=2)

    async def main() -> tuple[list[int], list[int], int]:
        async with anyio.create_task_group() as tasks:
            for n in range(5):
                tasks.start_soon(admission, http("/api") | {"n": n}, receive, send)
            await anyio.wait_all_tasks_blocked()
            waiting = sorted(inside), list(entered)
            threads = int(anyio.to_thread.current_default_thread_limiter().total_tokens)
            release.set()
        return *waiting, threads

    with start_blocking_portal() as portal:  # its own loop: this thread may already run one
        now_inside, entered_first, threads = portal.call(main)
    assert now_inside == [0, 1]
    assert entered_first == [0, 1]
    assert entered == [0, 1, 2, 3, 4]  # all served in the end, first come first in
    assert threads >= 3  # a worker thread for every admitted request and one to spare


def test_an_exempt_path_and_a_lifespan_skip_the_queue() -> None:
    seen: list[str] = []
    hold = anyio.Event()

    async def app(scope: Scope, _receive: Receive, _send: Send) -> None:
        seen.append(scope.get("path", scope["type"]))
        if scope.get("path") == "/api":
            await hold.wait()

    admission = Admission(app, limit=1, exempt=frozenset({"/healthz"}))

    async def main() -> None:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(admission, http("/api"), receive, send)
            await anyio.wait_all_tasks_blocked()
            with anyio.fail_after(5):
                await admission(http("/healthz"), receive, send)
                await admission({"type": "lifespan"}, receive, send)
            hold.set()

    with start_blocking_portal() as portal:
        portal.call(main)
    assert seen == ["/api", "/healthz", "lifespan"]
