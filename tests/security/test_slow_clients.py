"""Idle sockets cannot freeze a node: a body must arrive in time, and it is read before admission."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import httpx
import pytest
from local_gerbang import LocalGerbang

SLOW_SOCKETS = 40  # more than the 32 admission slots of every node


@contextmanager
def slow_bodies(url: str, path: str, count: int, *, spread: bool = True) -> Iterator[list[socket.socket]]:
    """`count` connections that each announce a 100,000-byte body and send one byte of it.

    With `spread`, each comes from its own loopback address (127.0.1.N), as many clients would.
    """
    parts = urlsplit(url)
    sockets = []
    try:
        for n in range(count):
            source = (f"127.0.1.{n % 250 + 1}", 0) if spread else None
            sock = socket.create_connection((parts.hostname, parts.port), timeout=5, source_address=source)
            sock.sendall(
                f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/json\r\n"
                "Content-Length: 100000\r\n\r\n{".encode()
            )
            sockets.append(sock)
        time.sleep(0.5)  # let the server take every one of them in
        yield sockets
    finally:
        for sock in sockets:
            sock.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("node", "path"),
    [
        ("central", "/api/v1/sync/batches"),
        ("cgk", "/api/v1/crossings"),
        ("status", "/api/v1/status/subscribers"),
    ],
)
def test_idle_sockets_leave_every_node_ready(gerbang: LocalGerbang, node: str, path: str) -> None:
    url = gerbang.nodes()[node]["url"]
    with slow_bodies(url, path, SLOW_SOCKETS):
        # Before, readiness waited for an admission slot that none of these sockets would give back.
        response = httpx.get(f"{url}/readyz", timeout=10)
        assert response.status_code == 200, response.text


@pytest.mark.slow
def test_a_lane_keeps_deciding_while_slow_clients_hold_sockets(gerbang: LocalGerbang) -> None:
    url = gerbang.nodes()["cgk"]["url"]
    with slow_bodies(url, "/api/v1/crossings", SLOW_SOCKETS):
        answers = gerbang.cross(3)
    assert [a["decision"] for a in answers] == ["admit"] * 3


@pytest.mark.slow
def test_one_address_sends_only_so_many_bodies_at_once(gerbang: LocalGerbang) -> None:
    url = gerbang.nodes()["status"]["url"]
    with slow_bodies(url, "/api/v1/status/subscribers", 16, spread=False):
        parts = urlsplit(url)
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
            sock.sendall(
                f"POST /api/v1/status/subscribers HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                "Content-Length: 10\r\n\r\n{".encode()
            )
            assert sock.recv(4096).startswith(b"HTTP/1.1 429")
        assert httpx.get(f"{url}/readyz", timeout=5).status_code == 200


@pytest.mark.slow
def test_a_body_that_does_not_arrive_in_time_is_answered_408_and_closed(gerbang: LocalGerbang) -> None:
    url = gerbang.nodes()["central"]["url"]
    with slow_bodies(url, "/api/v1/sync/batches", 1) as (sock,):
        sock.settimeout(30)
        started = time.monotonic()
        answer = b""
        # The head and the body may come in separate reads; the server closing ends the loop.
        while chunk := sock.recv(4096):
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 408"), answer
        assert b'"error": "timeout"' in answer
        assert time.monotonic() - started < 25


@pytest.mark.slow
def test_a_body_larger_than_the_route_takes_is_refused_before_it_is_read(gerbang: LocalGerbang) -> None:
    url = gerbang.nodes()["central"]["url"]
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(
            f"POST /api/v1/auth/token HTTP/1.1\r\nHost: {parts.netloc}\r\n"
            "Content-Length: 52428800\r\n\r\n".encode()
        )
        assert sock.recv(4096).startswith(b"HTTP/1.1 413")
    callback = httpx.post(
        f"{url}/api/v1/passports/payments/callback",
        content=b"x" * (64 * 1024),
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert callback.status_code == 413
