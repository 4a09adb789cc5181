"""Mail queued notices through SMTP; a server that is down delays mail with backoff and never loses it."""

from __future__ import annotations

import logging
import random
import smtplib
import threading
import uuid
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from sqlalchemy import select

from gerbang.infra.database import Database
from gerbang.kernel.clock import Clock
from gerbang.passports.center.clock.orm import EmailOutboxRow, NoticeRow
from gerbang.sync.domain import backoff_delay

log = logging.getLogger("gerbang.passports")


@dataclass(frozen=True)
class Smtp:
    host: str | None
    port: int
    sender: str
    timeout_s: float = 10.0


@dataclass(frozen=True)
class Outgoing:
    """One queued email, read out of the store so that sending happens outside any transaction."""

    id: uuid.UUID
    notice_id: uuid.UUID
    message: EmailMessage


class Mailer:
    """Works through due outbox rows; logs ids only, never an address or a name."""

    def __init__(self, database: Database, clock: Clock, smtp: Smtp) -> None:
        self._database = database
        self._clock = clock
        self._smtp = smtp

    def _due(self, limit: int) -> list[Outgoing]:
        now = self._clock.now()
        with self._database.transaction() as session:
            rows = session.execute(
                select(EmailOutboxRow, NoticeRow)
                .join(NoticeRow, NoticeRow.id == EmailOutboxRow.notice_id)
                .where(EmailOutboxRow.sent_at.is_(None), EmailOutboxRow.next_attempt_at <= now)
                .order_by(EmailOutboxRow.next_attempt_at, EmailOutboxRow.id)
                .limit(limit)
            ).all()
            return [Outgoing(out.id, notice.id, self._message(out, notice)) for out, notice in rows]

    def _message(self, out: EmailOutboxRow, notice: NoticeRow) -> EmailMessage:
        # The preferred language first, the other one after it, so nobody gets a mail they cannot read.
        texts = [(notice.subject_id, notice.body_id), (notice.subject_en, notice.body_en)]
        if out.language == "en":
            texts.reverse()
        message = EmailMessage()
        message["From"] = self._smtp.sender
        message["To"] = out.address
        message["Subject"] = f"[Gerbang] {texts[0][0]}"
        message["X-Gerbang-Notice"] = str(notice.id)
        message.set_content(f"{texts[0][1]}\n\n---\n\n{texts[1][0]}\n\n{texts[1][1]}\n")
        return message

    def deliver_once(self, *, limit: int = 20) -> int:
        """Try every due email once; return how many the server accepted."""
        if not self._smtp.host:
            return 0  # nothing to send through yet; the mail waits in the outbox
        sent = 0
        for item in self._due(limit):
            try:
                with smtplib.SMTP(self._smtp.host, self._smtp.port, timeout=self._smtp.timeout_s) as smtp:
                    smtp.send_message(item.message)
            except (smtplib.SMTPException, OSError) as exc:
                self._failed(item, type(exc).__name__)
                continue
            with self._database.transaction() as session:
                row = session.get(EmailOutboxRow, item.id)
                if row is not None:
                    row.attempts, row.sent_at = row.attempts + 1, self._clock.now()
            sent += 1
            log.info("mailed notice %s", item.notice_id)
        return sent

    def _failed(self, item: Outgoing, reason: str) -> None:
        now = self._clock.now()
        with self._database.transaction() as session:
            row = session.get(EmailOutboxRow, item.id)
            if row is None:
                return
            row.attempts += 1
            row.last_error = reason[:300]
            # No last attempt: a notice matters until it arrives, so retries slow down but never stop.
            delay = backoff_delay(row.attempts, base=30.0, cap=3600.0, jitter=random.random())
            row.next_attempt_at = now + timedelta(seconds=delay)
        log.info("mail of notice %s not delivered (%s); will retry", item.notice_id, reason)

    def run(self, stop: threading.Event, *, every: float = 10.0) -> None:
        """Loop until `stop`; a failed round is logged and the next one tries again."""
        while not stop.wait(every):
            try:
                self.deliver_once()
            except Exception:  # the mailer must outlive any surprise; the outbox keeps the mail
                log.exception("mail round failed")
