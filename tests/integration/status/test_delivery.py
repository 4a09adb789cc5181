"""Getting the word out: signed webhooks retried with backoff, email through SMTP, outages to the center."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from gerbang.apps.launcher import free_port
from gerbang.status import subscribers
from gerbang.status.domain import State
from gerbang.status.domain.tokens import verify_body
from gerbang.status.notify import Channels, Notifier
from gerbang.status.orm import StatusDeliveryRow, StatusSubscriberRow
from gerbang.status.outages import OutageSender
from gerbang.status.rounds import apply_round
from gerbang.sync.orm import OutboxRow

if TYPE_CHECKING:
    # The fixture's type only: at run time the fixture comes from this folder's conftest.
    from conftest import StatusNode

KEY = b"k" * 32
CENTER = ("passports", "portal", "visas", "evoa")


class Fake:
    """A loopback HTTP receiver that answers the statuses it is given, in order, then 201."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        self.received: list[tuple[str, dict[str, str], bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                outer.received.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(outer.statuses.pop(0) if outer.statuses else 201)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake() -> Iterator[Fake]:
    receiver = Fake([500, 503])
    yield receiver
    receiver.close()


def _center_outage(node: StatusNode, *, down_rounds: int = 3, up_rounds: int = 0) -> None:
    checkpoint = {"checkpoint-cgk": State.OPERATIONAL}
    for state, count in ((State.MAJOR_OUTAGE, down_rounds), (State.OPERATIONAL, up_rounds)):
        for _ in range(count):
            node.clock.advance(timedelta(seconds=10))
            with node.database.transaction() as session:
                apply_round(
                    session,
                    ctx=node.ctx,
                    states={**dict.fromkeys(CENTER, state), **checkpoint},
                    blind=False,
                    at=node.clock.now(),
                )


def _notifier(node: StatusNode, *, smtp_port: int = 25) -> Notifier:
    # The receivers here listen on loopback, which only a lab on one machine may allow.
    channels = Channels(
        "https://status.example.id",
        "127.0.0.1",
        smtp_port,
        "status@contoh.id",
        5.0,
        4,
        allow_private_webhooks=True,
    )
    return Notifier(node.database, node.clock, channels, key=node.app.state.status_key)


def _confirm_all(node: StatusNode, key: bytes = KEY) -> None:
    with node.database.transaction() as session:
        for row in session.execute(select(StatusSubscriberRow)).scalars().all():
            subscribers.confirm(
                session, token=subscribers.confirm_token(key, row.id), key=key, at=node.clock.now()
            )


def test_webhook_is_signed_and_retried_with_backoff_until_it_arrives(node: StatusNode, fake: Fake) -> None:
    with node.database.transaction() as session:
        made = subscribers.subscribe(
            session,
            kind="webhook",
            address=f"{fake.url}/hook",
            key=KEY,
            at=node.clock.now(),
            allow_private=True,
        )
    _confirm_all(node)
    _center_outage(node)
    notifier = _notifier(node)
    assert notifier.deliver_once() == 0  # the receiver answers 500
    assert notifier.deliver_once() == 0  # not due yet: backing off, nothing is sent
    assert len(fake.received) == 1
    node.clock.advance(timedelta(seconds=5))
    assert notifier.deliver_once() == 0  # 503
    node.clock.advance(timedelta(seconds=10))
    assert notifier.deliver_once() == 1
    _path, headers, body = fake.received[-1]
    assert made.secret is not None
    now = int(node.clock.now().timestamp())
    assert verify_body(made.secret, body, headers["x-gerbang-signature"], now=now)
    assert not verify_body(made.secret, body, headers["x-gerbang-signature"], now=now + 3600)  # a late replay
    event = json.loads(body)
    assert event["event"] == "incident.opened"
    assert "clearing travellers in offline mode" in event["update"]["text_en"]
    assert event["unsubscribe_url"].startswith("https://status.example.id/unsubscribe?token=")
    log = node.client.get("/api/v1/status/deliveries", headers=node.operator).json()
    assert [(d["attempts"], d["last_error"]) for d in log] == [(3, "webhook answered 503")]
    assert log[0]["delivered_at"] is not None
    assert "127.0.0.1" not in json.dumps(log)  # the log names subscribers by id, never by address


def test_delivery_gives_up_after_the_last_attempt(node: StatusNode) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with node.database.transaction() as session:
        address = f"http://127.0.0.1:{closed_port}/x"
        subscribers.subscribe(
            session, kind="webhook", address=address, key=KEY, at=node.clock.now(), allow_private=True
        )
    _confirm_all(node)
    _center_outage(node)
    notifier = _notifier(node)
    for _ in range(4):
        notifier.deliver_once()
        node.clock.advance(timedelta(minutes=15))
    with node.database.transaction() as session:
        row = session.execute(select(StatusDeliveryRow)).scalar_one()
        assert (row.attempts, row.delivered_at is None, row.failed_at is not None) == (4, True, True)
        assert row.last_error == "ConnectError"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, _server: object, _session: object, envelope: Any) -> str:
        self.messages.append(envelope.content)
        return "250 OK"


def test_email_goes_through_smtp_with_both_languages_and_a_one_click_unsubscribe(node: StatusNode) -> None:
    port = free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        node.client.post("/api/v1/status/subscribers", json={"kind": "email", "address": "sari@contoh.id"})
        assert _notifier(node, smtp_port=port).deliver_once() == 0  # only the confirmation goes out
        confirmation: Any = message_from_bytes(inbox.messages[0], policy=policy.default)
        assert confirmation["To"] == "sari@contoh.id"
        link = next(
            w for w in confirmation.get_content().split() if w.startswith("https://status.example.id/confirm")
        )
        assert node.client.get(link.removeprefix("https://status.example.id")).status_code == 200
        _center_outage(node, down_rounds=3, up_rounds=3)
        assert _notifier(node, smtp_port=port).deliver_once() == 2
    finally:
        controller.stop()
    first: Any = message_from_bytes(inbox.messages[1], policy=policy.default)
    assert first["To"] == "sari@contoh.id"
    assert first["Subject"].startswith("[Gerbang] Gangguan:")
    assert first["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = first.get_content()
    assert "mode luring" in text
    assert "offline mode" in text
    unsubscribe = first["List-Unsubscribe"].strip("<>").removeprefix("https://status.example.id")
    assert node.client.post(unsubscribe).status_code == 200
    last: Any = message_from_bytes(inbox.messages[2], policy=policy.default)
    assert "back to normal" in last.get_content()


def test_outage_waits_in_the_outbox_and_reaches_the_center_as_one_closed_window(
    node: StatusNode, fake: Fake
) -> None:
    _center_outage(node, down_rounds=3, up_rounds=3)
    sender = OutageSender(node.database, node.clock, center_url=fake.url, node_key="gnk_status", timeout=5)
    for _ in range(2):  # the center is still coming up: 500, then 503
        with pytest.raises(Exception, match="center answered"):
            sender.send_once()
    assert sender.send_once() == 2
    assert sender.send_once() == 0
    path, headers, body = fake.received[-1]
    sent = json.loads(body)
    assert path == "/api/v1/passports/outages"
    assert headers["authorization"] == "Bearer gnk_status"
    assert set(sent) == {"starts_at", "ends_at", "reason"}
    assert sent["ends_at"] is not None
    assert sent["starts_at"] < sent["ends_at"]
    with node.database.transaction() as session:
        assert all(row.sent_at is not None for row in session.execute(select(OutboxRow)).scalars())


def test_outage_still_open_is_declared_open_then_closed_in_order(node: StatusNode) -> None:
    receiver = Fake([])
    try:
        _center_outage(node, down_rounds=3)
        sender = OutageSender(node.database, node.clock, center_url=receiver.url, node_key="gnk_s", timeout=5)
        assert sender.send_once() == 1
        _center_outage(node, down_rounds=0, up_rounds=3)
        assert sender.send_once() == 1
    finally:
        receiver.close()
    opened, closed = (json.loads(body) for _path, _headers, body in receiver.received)
    assert opened["ends_at"] is None
    assert closed["ends_at"] is not None
    assert opened["starts_at"] == closed["starts_at"]


def test_an_outage_is_declared_at_the_next_center_listed_when_the_first_does_not_answer(
    node: StatusNode, fake: Fake
) -> None:
    _center_outage(node, down_rounds=3, up_rounds=3)
    with socket.socket() as probe:  # a port nobody listens on: the first center is gone
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    sender = OutageSender(
        node.database, node.clock, center_url=f"{dead},{fake.url}", node_key="gnk_s", timeout=2
    )
    stop = threading.Event()
    worker = threading.Thread(target=sender.run, args=(stop,), kwargs={"idle_wait": 0.1}, daemon=True)
    worker.start()
    try:
        for _ in range(100):
            if fake.received:
                break
            stop.wait(0.1)
    finally:
        stop.set()
        worker.join(timeout=10)
        sender.close()
    assert [path for path, _headers, _body in fake.received] == ["/api/v1/passports/outages"]
