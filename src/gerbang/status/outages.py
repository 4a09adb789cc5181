"""Declared outages of the center, kept in the local outbox and delivered once the center answers again."""

from __future__ import annotations

import logging
import random
import threading
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy.orm import Session

from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.kernel.clock import Clock, as_utc
from gerbang.status.orm import StatusIncidentRow
from gerbang.sync.domain import backoff_delay
from gerbang.sync.edge import outbox

log = logging.getLogger("gerbang.status")

OUTAGES_PATH = "/api/v1/passports/outages"
DECLARE, END = "outage.declare", "outage.end"


def _payload(incident: StatusIncidentRow, *, ended_at: datetime | None) -> dict[str, Any]:
    # The passport service's OutageCreate: starts_at, ends_at (null while it lasts) and a reason.
    return {
        "starts_at": as_utc(incident.started_at).isoformat(),
        "ends_at": as_utc(ended_at).isoformat() if ended_at else None,
        "reason": f"{incident.title_en} (status incident {incident.id})"[:500],
        "incident_id": str(incident.id),
    }


def declare(session: Session, *, incident: StatusIncidentRow, at: datetime) -> None:
    """Queue the start of a center outage; the center is down right now, so it waits in the outbox."""
    outbox.enqueue(
        session, record_type=DECLARE, record_id=new_id(at), payload=_payload(incident, ended_at=None), at=at
    )


def end(session: Session, *, incident: StatusIncidentRow, at: datetime) -> None:
    """Queue the end of a center outage, behind its start (the outbox keeps order)."""
    outbox.enqueue(
        session, record_type=END, record_id=new_id(at), payload=_payload(incident, ended_at=at), at=at
    )


class OutageSender:
    """Sends queued outage records to the passport service one at a time, in order, with backoff."""

    def __init__(
        self, database: Database, clock: Clock, *, center_url: str, node_key: str, timeout: float
    ) -> None:
        self._database = database
        self._clock = clock
        # center_url may list several centers (comma-separated): on a failure the next one is tried,
        # which is safe because each record carries its incident id as the idempotency key.
        headers = {"Authorization": f"Bearer {node_key}"}
        self._clients = [
            httpx.Client(base_url=url.strip().rstrip("/"), timeout=timeout, headers=headers)
            for url in center_url.split(",")
            if url.strip()
        ]
        self._http = self._clients[0]
        self.attempt = 0

    def send_once(self) -> int:
        """Deliver the oldest waiting record; return how many records it settled; raise on failure."""
        with self._database.transaction() as session:
            batch = outbox.next_batch(session, limit=2)
        if not batch:
            return 0
        record, done = batch[0], [batch[0].id]
        payload = record.payload
        following = batch[1] if len(batch) > 1 else None
        if (
            record.record_type == DECLARE
            and following is not None
            and following.record_type == END
            and following.payload.get("incident_id") == payload.get("incident_id")
        ):
            # The outage ended before the center could hear of it (the usual case: it was down):
            # one closed window says it all and leaves no open window behind.
            payload, done = following.payload, [record.id, following.id]
        body = {k: payload[k] for k in ("starts_at", "ends_at", "reason")}
        # The incident id is the idempotency key: a retried start changes nothing at the center, and the
        # end of an outage whose start got through closes that window instead of declaring a second one.
        key = {"Idempotency-Key": str(payload["incident_id"])} if payload.get("incident_id") else {}
        response = self._http.post(OUTAGES_PATH, json=body, headers=key)
        if response.status_code in (400, 422):
            # Retrying a body the center calls invalid cannot succeed and would block every later record.
            log.error("center refused an outage record as invalid (%d); dropped it", response.status_code)
        elif response.status_code >= 400 and response.status_code != 409:
            raise OutageRefused(f"center answered {response.status_code} to {record.record_type}")
        with self._database.transaction() as session:
            outbox.mark_sent(session, record_ids=done, at=self._clock.now())
        log.info("declared %s of incident %s to the center", record.record_type, payload.get("incident_id"))
        return len(done)

    def run(self, stop: threading.Event, *, idle_wait: float = 2.0) -> None:
        """Loop until `stop`: deliver while records wait, back off while the center is away or refuses."""
        while not stop.is_set():
            try:
                sent = self.send_once()
            except (httpx.HTTPError, OutageRefused) as exc:
                self.attempt += 1
                self._http = self._clients[self.attempt % len(self._clients)]
                delay = backoff_delay(self.attempt, base=1.0, cap=60.0, jitter=random.random())
                log.info(
                    "outage declaration not delivered (%s); retrying in %.1f s", type(exc).__name__, delay
                )
                stop.wait(delay)
                continue
            except Exception:  # the sender must outlive any surprise; it retries from the outbox
                self.attempt += 1
                log.exception("outage sender error; retrying")
                stop.wait(backoff_delay(self.attempt, base=1.0, cap=60.0))
                continue
            self.attempt = 0
            if sent == 0:
                stop.wait(idle_wait)

    def close(self) -> None:
        for client in self._clients:
            client.close()


class OutageRefused(Exception):
    """The center answered but did not take the record (e.g. an older center without the endpoint)."""
