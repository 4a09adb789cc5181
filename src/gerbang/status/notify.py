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
from gerbang.kernel.errors import InvalidInput
from gerbang.status import repository
from gerbang.status.domain.tokens import SIGNATURE_HEADER, sign_body, unsubscribe_token
from gerbang.status.outbound import Resolver, check_public_url, system_resolver
from gerbang.status.subscribers import confirm_token
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
    # A lab on one machine may send webhooks to loopback; a real node never does.
    allow_private_webhooks: bool = False


class Notifier:
    """Works through due deliveries; every outcome is written to the delivery log (never the address)."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        channels: Channels,
        *,
        key: bytes,
        resolver: Resolver = system_resolver,
    ) -> None:
        self._database = database
        self._clock = clock
        self._channels = channels
        self._key = key
        self._resolver = resolver
        # Redirects are never followed: a public URL answering 307 to an inside address reaches nothing.
        self._http = httpx.Client(timeout=channels.webhook_timeout_s, follow_redirects=False)

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

    def confirm_once(self, *, limit: int = 20) -> int:
        """Send each new subscriber its confirmation once; return how many were sent."""
        with self._database.transaction() as session:
            waiting = [
                (row.id, row.kind, row.address, row.secret)
                for row in repository.unconfirmed_subscribers(session, limit=limit)
            ]
        sent = 0
        for subscriber_id, kind, address, secret in waiting:
            token = confirm_token(self._key, subscriber_id)
            confirmed = False
            try:
                if kind == "webhook":
                    confirmed = self._confirm_webhook(address, secret or "", token)
                else:
                    self._confirm_email(address, token)
            except (httpx.HTTPError, smtplib.SMTPException, OSError, Undelivered, InvalidInput) as exc:
                log.info("confirmation to subscriber %s not sent (%s)", subscriber_id, type(exc).__name__)
            sent += 1
            now = self._clock.now()
            with self._database.transaction() as session:
                row = repository.subscriber(session, subscriber_id)
                if row is not None:
                    # One try only: a confirmation is never a way to make the node call someone repeatedly.
                    row.confirm_sent_at = now
                    if confirmed and row.confirmed_at is None:
                        row.confirmed_at = now
        return sent

    def _confirm_webhook(self, address: str, secret: str, token: str) -> bool:
        """Ping the webhook with its confirmation token; it is confirmed if it answers with the token."""
        body = {
            "event": "subscription.confirm",
            "confirm_token": token,
            "confirm_url": f"{self._channels.public_url}/api/v1/status/subscribers/confirm",
        }
        response = self._post(address, secret, body, event="subscription.confirm", delivery=token[:36])
        return token in response.text[:4096]

    def _confirm_email(self, address: str, token: str) -> None:
        channels = self._channels
        if not channels.smtp_host:
            raise Undelivered("no SMTP host configured")
        link = f"{channels.public_url}/confirm?token={token}"
        message = EmailMessage()
        message["From"] = channels.smtp_from
        message["To"] = address
        message["Subject"] = "[Gerbang] Konfirmasi langganan / Confirm your subscription"
        message.set_content(
            "Buka tautan ini untuk menerima kabar status Gerbang; abaikan jika Anda tidak memintanya.\n"
            "Open this link to receive Gerbang status news; ignore it if you did not ask for it.\n\n"
            f"{link}\n"
        )
        with smtplib.SMTP(channels.smtp_host, channels.smtp_port, timeout=10) as smtp:
            smtp.send_message(message)

    def _post(
        self, address: str, secret: str, body: dict[str, Any], *, event: str, delivery: str
    ) -> httpx.Response:
        # Checked again at every send: a name that resolved to a public address may not any more.
        check_public_url(
            address, resolver=self._resolver, allow_private=self._channels.allow_private_webhooks
        )
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        stamp = int(self._clock.now().timestamp())
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign_body(secret, raw, timestamp=stamp),
            "X-Gerbang-Event": event,
            "X-Gerbang-Delivery": delivery,
        }
        response = self._http.post(address, content=raw, headers=headers)
        if not response.is_success:
            raise Undelivered(f"webhook answered {response.status_code}")
        return response

    def deliver_once(self, *, limit: int = 20) -> int:
        """Send pending confirmations, then try every due delivery once; return how many arrived."""
        self.confirm_once(limit=limit)
        arrived = 0
        for item in self._due(limit):
            try:
                self._send(item)
            except (httpx.HTTPError, smtplib.SMTPException, OSError, Undelivered, InvalidInput) as exc:
                known = isinstance(exc, Undelivered | InvalidInput)
                self._failed(item, reason=str(exc) if known else type(exc).__name__)
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
        self._post(
            item.address,
            item.secret or "",
            item.body,
            event=str(item.body["event"]),
            delivery=str(item.delivery_id),
        )

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
