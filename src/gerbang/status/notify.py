"""Deliver each update to each subscriber: signed webhooks and email, retried with backoff, logged."""

from __future__ import annotations

import json
import logging
import random
import smtplib
import threading
import uuid
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import httpx

from gerbang.infra.database import Database
from gerbang.kernel.clock import Clock
from gerbang.status import repository
from gerbang.status.domain.tokens import SIGNATURE_HEADER, sign_body, unsubscribe_token
from gerbang.status.views import incident_dict, update_dict
from gerbang.sync.domain import backoff_delay

log = logging.getLogger("gerbang.status")


@dataclass(frozen=True)
class Outgoing:
    """One delivery, read out of the store so that sending happens outside any transaction."""

    delivery_id: uuid.UUID
    kind: str
    address: str
    secret: str | None
    subscriber_id: str
    body: dict[str, Any]


@dataclass(frozen=True)
class Channels:
    """How to reach subscribers."""

    public_url: str
    smtp_host: str | None
    smtp_port: int
    smtp_from: str
    webhook_timeout_s: float
    max_attempts: int


class Notifier:
    """Works through due deliveries; every outcome is written to the delivery log (never the address)."""

    def __init__(self, database: Database, clock: Clock, channels: Channels, *, key: bytes) -> None:
        self._database = database
        self._clock = clock
        self._channels = channels
        self._key = key
        self._http = httpx.Client(timeout=channels.webhook_timeout_s)

    def _due(self, limit: int) -> list[Outgoing]:
        found = []
        with self._database.transaction() as session:
            for row in repository.due_deliveries(session, now=self._clock.now(), limit=limit):
                subscriber = repository.subscriber(session, row.subscriber_id)
                update = repository.update(session, row.update_id)
                incident = repository.incident(session, update.incident_id) if update else None
                if (
                    subscriber is None
                    or subscriber.unsubscribed_at is not None
                    or update is None
                    or incident is None
                ):
                    row.failed_at, row.last_error = self._clock.now(), "unsubscribed"
                    continue
                token = unsubscribe_token(self._key, str(subscriber.id))
                body = {
                    "event": row.event,
                    "incident": {
                        k: v for k, v in incident_dict(incident, [], lang="en").items() if k != "updates"
                    },
                    "update": update_dict(update),
                    "status_page": self._channels.public_url,
                    "unsubscribe_url": f"{self._channels.public_url}/unsubscribe?token={token}",
                }
                found.append(
                    Outgoing(
                        row.id,
                        subscriber.kind,
                        subscriber.address,
                        subscriber.secret,
                        str(subscriber.id),
                        body,
                    )
                )
        return found

    def deliver_once(self, *, limit: int = 20) -> int:
        """Try every due delivery once; return how many arrived."""
        arrived = 0
        for item in self._due(limit):
            try:
                self._send(item)
            except (httpx.HTTPError, smtplib.SMTPException, OSError, Undelivered) as exc:
                self._failed(item, reason=str(exc) if isinstance(exc, Undelivered) else type(exc).__name__)
                continue
            arrived += 1
            with self._database.transaction() as session:
                row = repository.delivery(session, item.delivery_id)
                if row is not None:
                    row.attempts, row.delivered_at = row.attempts + 1, self._clock.now()
            log.info("delivered %s to subscriber %s", item.body["event"], item.subscriber_id)
        return arrived

    def _failed(self, item: Outgoing, *, reason: str) -> None:
        now = self._clock.now()
        with self._database.transaction() as session:
            row = repository.delivery(session, item.delivery_id)
            if row is None:
                return
            row.attempts += 1
            row.last_error = reason[:300]
            if row.attempts >= self._channels.max_attempts:
                row.failed_at = now
            else:
                delay = backoff_delay(row.attempts, base=2.0, cap=600.0, jitter=random.random())
                row.next_attempt_at = now + timedelta(seconds=delay)
        log.info("delivery to subscriber %s failed (%s)", item.subscriber_id, reason[:80])

    def _send(self, item: Outgoing) -> None:
        if item.kind == "webhook":
            self._webhook(item)
        else:
            self._email(item)

    def _webhook(self, item: Outgoing) -> None:
        raw = json.dumps(item.body, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign_body(item.secret or "", raw),
            "X-Gerbang-Event": str(item.body["event"]),
            "X-Gerbang-Delivery": str(item.delivery_id),
        }
        response = self._http.post(item.address, content=raw, headers=headers)
        if not response.is_success:
            raise Undelivered(f"webhook answered {response.status_code}")

    def _email(self, item: Outgoing) -> None:
        channels = self._channels
        if not channels.smtp_host:
            raise Undelivered("no SMTP host configured")
        incident, update = item.body["incident"], item.body["update"]
        message = EmailMessage()
        message["From"] = channels.smtp_from
        message["To"] = item.address
        message["Subject"] = f"[Gerbang] {incident['title_id']} / {incident['title_en']}"
        message["List-Unsubscribe"] = f"<{item.body['unsubscribe_url']}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message.set_content(
            f"{update['text_id']}\n\n{update['text_en']}\n\n"
            f"Status: {channels.public_url}\n"
            f"Berhenti berlangganan / Unsubscribe: {item.body['unsubscribe_url']}\n"
        )
        with smtplib.SMTP(channels.smtp_host, channels.smtp_port, timeout=10) as smtp:
            smtp.send_message(message)

    def run(self, stop: threading.Event, *, interval: float) -> None:
        """Loop until `stop`; a failed round is logged and the next one tries again."""
        while not stop.is_set():
            try:
                self.deliver_once()
            except Exception:
                log.exception("delivery round failed")
            stop.wait(interval)

    def close(self) -> None:
        self._http.close()


class Undelivered(Exception):
    """The receiver answered but did not accept the delivery."""
