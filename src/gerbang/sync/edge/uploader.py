"""Edge side of upload: send the outbox to the center in order, with backoff, surviving any restart."""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass
from datetime import datetime

from gerbang.infra.database import Database
from gerbang.kernel.clock import Clock
from gerbang.kernel.errors import Unavailable
from gerbang.sync.domain import backoff_delay
from gerbang.sync.edge import outbox
from gerbang.sync.edge.client import CenterClient

log = logging.getLogger("gerbang.sync")


@dataclass
class Contact:
    """What the edge knows of the center: when it last answered and whether the last call failed."""

    last_success: datetime | None = None
    last_failure: datetime | None = None
    failing: bool = False


class Uploader:
    """Drains the outbox; all progress lives in the database, so a restart just carries on."""

    def __init__(
        self,
        database: Database,
        client: CenterClient,
        clock: Clock,
        *,
        batch_size: int = 500,
        contact: Contact,
        retry_cap_s: float = 30.0,
    ) -> None:
        self._database = database
        self._client = client
        self._clock = clock
        self._batch_size = batch_size
        self.contact = contact
        self._retry_cap_s = retry_cap_s

    def upload_once(self) -> int:
        """Send one batch (or check the center still holds what it acknowledged); return records sent."""
        if self.contact.failing:
            # Back after an outage, the center may be one restored from a backup: ask first what it
            # holds, so the records it lost go again before newer ones raise its high-water mark past them.
            self._resend_if_center_lost_records(self._client.held_through())
        with self._database.transaction() as session:
            batch = outbox.next_batch(session, limit=self._batch_size)
        if not batch:
            self._resend_if_center_lost_records(self._client.held_through())
            return 0
        receipt = self._client.upload(batch)
        with self._database.transaction() as session:
            outbox.mark_sent(session, record_ids=receipt.acknowledged, at=self._clock.now())
        self._resend_if_center_lost_records(receipt.held_through_seq)
        return len(receipt.acknowledged)

    def _resend_if_center_lost_records(self, center_holds_through: int) -> None:
        # A center restored from an older backup holds less than it once acknowledged: send the rest again.
        with self._database.transaction() as session:
            if outbox.highest_sent_seq(session) > center_holds_through:
                count = outbox.resend_after(session, seq=center_holds_through)
                log.warning(
                    "center holds records only through %d; queued %d again", center_holds_through, count
                )

    def run(self, stop: threading.Event, *, idle_wait: float = 1.0) -> None:
        """Loop until `stop` is set: drain while there is work, back off while the center is away."""
        attempt = 0
        while not stop.is_set():
            try:
                sent = self.upload_once()
            except Unavailable as exc:
                attempt += 1
                self._mark(failing=True)
                delay = backoff_delay(attempt, cap=self._retry_cap_s, jitter=random.random())
                log.info("upload failed (%s); retrying in %.1f s", exc.message, delay)
                stop.wait(delay)
                continue
            except Exception:  # never let the uploader die: log (no personal data) and retry
                attempt += 1
                log.exception("upload error; retrying")
                stop.wait(backoff_delay(attempt, cap=self._retry_cap_s, jitter=random.random()))
                continue
            attempt = 0
            self._mark(failing=False)
            if sent == 0:
                stop.wait(idle_wait)

    def _mark(self, *, failing: bool) -> None:
        now = self._clock.now()
        self.contact.failing = failing
        if failing:
            self.contact.last_failure = now
        else:
            self.contact.last_success = now
