"""Notices: one's own inbox, mail through a real SMTP server, mail that waits out a down server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes, policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from gerbang.apps.launcher import free_port
from gerbang.passports.center.clock.orm import EmailOutboxRow
from gerbang.passports.center.notices import notifications
from gerbang.passports.center.notices.mailer import Mailer, Smtp
from gerbang.passports.center.orm import ApplicationRow

PARAMS = {
    "office": "Kantor Imigrasi Jakarta Selatan",
    "ready_day": "2026-06-01",
    "days": 14,
    "deadline": "2026-07-01",
}


class Inbox:
    """An SMTP handler that keeps what it receives."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.received.append((list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def smtp(smtp_port: int) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield inbox
    controller.stop()


def _notice(
    center: Any, user: str = "ayu", key: str = "pickup:14", contact: tuple[str | None, str] | None = None
) -> str:
    application = center.apply(user, center.person(40 if user == "ayu" else 41))
    if contact is not None:  # after applying, so only this notice is mailed, not the filing's own
        _contact(center, user, *contact)
    with center.database.transaction() as session:
        row = session.get(ApplicationRow, uuid.UUID(application["id"]))
        assert row is not None
        notice = notifications.notify(
            session, application=row, kind="pickup_reminder", key=key, params=PARAMS, at=center.clock.now()
        )
        assert notice is not None
        again = notifications.notify(
            session, application=row, kind="pickup_reminder", key=key, params=PARAMS, at=center.clock.now()
        )
        assert again is None  # one notice per event
        return str(notice.id)


def _inbox(center: Any, user: str) -> list[dict[str, Any]]:
    answer: list[dict[str, Any]] = center.client.get(
        "/api/v1/passports/inbox", headers=center.as_(user)
    ).json()
    return answer


def _contact(center: Any, user: str, email: str | None, language: str) -> None:
    response = center.client.put(
        "/api/v1/passports/contact", headers=center.as_(user), json={"email": email, "language": language}
    )
    assert response.status_code == 200, response.text


def test_the_inbox_shows_only_ones_own_notices_in_ones_language(center: Any) -> None:
    _contact(center, "ben", None, "en")
    mine, theirs = _notice(center), _notice(center, "ben")
    ayu = [n for n in _inbox(center, "ayu") if n["kind"] == "pickup_reminder"]
    assert [n["id"] for n in ayu] == [mine]
    assert ayu[0]["language"] == "id"
    assert ayu[0]["subject"].startswith("Paspor Anda menunggu")
    assert ayu[0]["subject_en"].startswith("Your passport is waiting")
    ben = [n for n in _inbox(center, "ben") if n["kind"] == "pickup_reminder"]
    assert ben[0]["subject"].startswith("Your passport is waiting")
    assert ben[0]["id"] == theirs
    assert (
        center.client.post(f"/api/v1/passports/inbox/{theirs}/read", headers=center.as_("ayu")).status_code
        == 404
    )
    read = center.client.post(f"/api/v1/passports/inbox/{mine}/read", headers=center.as_("ayu"))
    assert read.status_code == 200
    assert read.json()["read_at"] is not None
    unread = center.client.get("/api/v1/passports/inbox?unread=true", headers=center.as_("ayu")).json()
    assert [n["kind"] for n in unread] == ["submitted"]  # the filing's own notice is still unread
    bad = center.client.put(
        "/api/v1/passports/contact",
        headers=center.as_("ayu"),
        json={"email": "not an address", "language": "id"},
    )
    assert bad.status_code == 422
    assert center.client.get("/api/v1/passports/inbox", headers=center.as_("rina")).status_code == 403


def test_a_notice_is_mailed_through_smtp_in_both_languages(center: Any, smtp: Inbox, smtp_port: int) -> None:
    notice = _notice(center, contact=("ayu@example.id", "en"))
    mailer = Mailer(center.database, center.clock, Smtp("127.0.0.1", smtp_port, "paspor@gerbang.test"))
    assert mailer.deliver_once() == 1
    assert mailer.deliver_once() == 0  # sent once only
    recipients, raw = smtp.received[0]
    message = message_from_bytes(raw, policy=policy.default)
    assert recipients == ["ayu@example.id"]
    assert message["Subject"].startswith("[Gerbang] Your passport is waiting")
    assert message["X-Gerbang-Notice"] == notice
    text = message.get_body().get_content()  # type: ignore[union-attr]
    assert text.index("Collect it by 2026-07-01") < text.index("Ambil paspor paling lambat 2026-07-01")


def test_a_down_smtp_server_delays_mail_but_never_loses_it(center: Any, smtp_port: int) -> None:
    _notice(center, contact=("ayu@example.id", "id"))
    mailer = Mailer(center.database, center.clock, Smtp("127.0.0.1", smtp_port, "paspor@gerbang.test", 2.0))
    assert mailer.deliver_once() == 0  # nothing listens on the port yet
    assert mailer.deliver_once() == 0  # and the retry waits its backoff
    with center.database.transaction() as session:
        row = session.execute(select(EmailOutboxRow)).scalar_one()
        assert (row.attempts, row.sent_at, row.last_error) == (1, None, "ConnectionRefusedError")
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        center.clock.advance(timedelta(minutes=2))
        assert mailer.deliver_once() == 1
    finally:
        controller.stop()
    message = message_from_bytes(inbox.received[0][1], policy=policy.default)
    assert message["Subject"].startswith("[Gerbang] Paspor Anda menunggu")
    with center.database.transaction() as session:
        row = session.execute(select(EmailOutboxRow)).scalar_one()
        assert row.sent_at is not None
        assert row.attempts == 2
