"""An edge's call to the center carries a request id, the one it serves or a fresh one, over real HTTP."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from gerbang.infra.logs import request_id
from gerbang.sync.edge.client import CenterClient


class Center(BaseHTTPRequestHandler):
    """A center's sync state route on loopback that remembers the request id of every call."""

    seen: ClassVar[list[str | None]] = []

    def do_GET(self) -> None:
        Center.seen.append(self.headers.get("X-Request-ID"))
        body = json.dumps({"held_through_seq": 7}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads what was seen, not the server's log."""


@pytest.fixture
def center_url() -> Iterator[str]:
    Center.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Center)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_call_made_while_serving_a_request_carries_that_requests_id(center_url: str) -> None:
    client = CenterClient(center_url, "node-key")
    token = request_id.set("lane-c1-decision-0042")
    try:
        assert client.held_through() == 7
    finally:
        request_id.reset(token)
        client.close()
    assert Center.seen == ["lane-c1-decision-0042"]


def test_background_calls_each_carry_a_fresh_id_the_center_keeps(center_url: str) -> None:
    client = CenterClient(center_url, "node-key")
    try:
        client.held_through()
        client.held_through()
    finally:
        client.close()
    first, second = Center.seen
    assert first is not None
    assert second is not None
    assert first != second
    # The center keeps an id of 8 to 64 letters, digits, dots, dashes and underscores as it came.
    assert all(re.fullmatch(r"[0-9a-f]{32}", seen) for seen in (first, second))
