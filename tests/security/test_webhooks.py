"""Status webhooks reach only public addresses, are confirmed first, and never give away a secret."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from local_gerbang import LocalGerbang
from sqlalchemy import select

from gerbang.apps.status import create_app
from gerbang.infra.database import Database
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import FixedClock
from gerbang.kernel.errors import InvalidInput
from gerbang.status import subscribers
from gerbang.status.notify import Channels, Notifier
from gerbang.status.orm import StatusSubscriberRow
from gerbang.status.settings import StatusSettings

INSIDE = [
    "http://127.0.0.1:9/hook",
    "http://[::1]:9/hook",
    "http://localhost:9/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.7/hook",
    "http://192.168.1.1/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://0.0.0.0:9/hook",
    "http://100.100.100.200/hook",
]


@pytest.mark.slow
@pytest.mark.parametrize("address", INSIDE)
def test_the_status_node_refuses_webhooks_to_inside_addresses(gerbang: LocalGerbang, address: str) -> None:
    response = httpx.post(
        f"{gerbang.nodes()['status']['url']}/api/v1/status/subscribers",
        json={"kind": "webhook", "address": address},
        timeout=30,
    )
    assert response.status_code == 422, response.text


def test_a_name_is_resolved_and_a_public_one_is_taken(database: Database, clock: FixedClock) -> None:
    with database.transaction() as session:
        made = subscribers.subscribe(
            session,
            kind="webhook",
            address="https://hooks.example.id/x",
            key=b"k" * 32,
            at=clock.now(),
            resolver=lambda _host, _port: ["93.184.216.34"],
        )
        assert made.secret is not None
        with pytest.raises(InvalidInput):
            subscribers.subscribe(
                session,
                kind="webhook",
                address="https://inside.example.id/x",
                key=b"k" * 32,
                at=clock.now(),
                resolver=lambda _host, _port: ["93.184.216.34", "10.1.2.3"],
            )


class Receiver:
    """A loopback receiver; `answer` says what it replies to each body."""

    def __init__(self, answer: Callable[[dict[str, Any]], tuple[int, dict[str, str], bytes]]) -> None:
        self.bodies: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
                outer.bodies.append(body)
                status, headers, reply = answer(body)
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(reply))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def lab(tmp_path: Path, database: Database) -> tuple[Any, Notifier]:
    # A status node of a lab on one machine: its webhooks may go to loopback, where these receivers are.
    settings = Settings(data_dir=tmp_path, role="status", node_name="status", port=8302)
    status = StatusSettings(public_url="https://status.example.id", allow_private_webhooks=True)
    clock = FixedClock(datetime.now(UTC))
    app = create_app(settings, status=status, clock=clock, database=database, background=False)
    channels = Channels("https://status.example.id", None, 25, "s@x.id", 5.0, 3, allow_private_webhooks=True)
    return app, Notifier(database, clock, channels, key=app.state.status_key)


def _subscribe(url: str, address: str) -> dict[str, Any]:
    response = httpx.post(f"{url}/api/v1/status/subscribers", json={"kind": "webhook", "address": address})
    assert response.status_code == 201, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _confirmed(database: Database) -> list[bool]:
    with database.transaction() as session:
        rows = session.execute(select(StatusSubscriberRow)).scalars().all()
        return [row.confirmed_at is not None for row in rows]


def test_subscribing_an_address_again_gives_away_no_secret_or_token(
    lab: tuple[Any, Notifier], serve_app: Callable[[Any], AbstractContextManager[str]]
) -> None:
    app, _notifier = lab
    with serve_app(app) as url:
        first = _subscribe(url, "http://127.0.0.1:9/hook")
        again = _subscribe(url, "http://127.0.0.1:9/hook")
    assert first["secret"]
    assert first["unsubscribe_url"]
    assert again["secret"] is None
    assert again["unsubscribe_url"] is None
    assert set(first) == set(again)


def test_nothing_is_sent_until_the_webhook_answers_its_confirmation(
    lab: tuple[Any, Notifier], database: Database, serve_app: Callable[[Any], AbstractContextManager[str]]
) -> None:
    app, notifier = lab
    silent = Receiver(lambda _body: (204, {}, b""))
    echoing = Receiver(lambda body: (200, {}, str(body.get("confirm_token", "")).encode()))
    try:
        with serve_app(app) as url:
            _subscribe(url, silent.url)
            _subscribe(url, echoing.url)
            notifier.confirm_once()
            assert _confirmed(database) == [False, True]
            assert [b["event"] for b in silent.bodies] == ["subscription.confirm"]
            notifier.confirm_once()  # one ping only, never again
            assert len(silent.bodies) == 1
    finally:
        silent.close()
        echoing.close()


def test_a_redirect_is_never_followed(
    lab: tuple[Any, Notifier], serve_app: Callable[[Any], AbstractContextManager[str]]
) -> None:
    app, notifier = lab
    inside = Receiver(lambda _body: (200, {}, b"ok"))
    bouncing = Receiver(lambda _body: (307, {"Location": inside.url}, b""))
    try:
        with serve_app(app) as url:
            _subscribe(url, bouncing.url)
            notifier.confirm_once()
        assert len(bouncing.bodies) == 1
        assert inside.bodies == []
    finally:
        inside.close()
        bouncing.close()


def test_an_address_that_now_resolves_inside_is_not_called(database: Database, tmp_path: Path) -> None:
    clock = FixedClock(datetime.now(UTC))
    with database.transaction() as session:
        subscribers.subscribe(
            session,
            kind="webhook",
            address="https://hooks.example.id/x",
            key=b"k" * 32,
            at=clock.now(),
            resolver=lambda _host, _port: ["93.184.216.34"],
        )
    channels = Channels("https://status.example.id", None, 25, "s@x.id", 5.0, 3)
    asked: list[str] = []

    def rebound(host: str, _port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]  # the name now points inside (DNS rebinding)

    notifier = Notifier(database, clock, channels, key=b"k" * 32, resolver=rebound)
    notifier.confirm_once()
    assert asked == ["hooks.example.id"]
    assert _confirmed(database) == [False]
