"""Bookings safe to retry: a client's Idempotency-Key is kept with the booking and replays its answer."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from gerbang.infra.accounts import Principal
from gerbang.infra.database import Database
from gerbang.kernel.errors import Conflict, InvalidInput
from gerbang.passports.center.booking import quotas
from gerbang.passports.center.orm import BookingRequestRow
from gerbang.passports.center.views import ApplicationView

HEADER = "Idempotency-Key"
# Printable ASCII, as the IETF draft's examples (UUIDs, random tokens); long enough for any of them.
_KEY = re.compile(r"^[\x21-\x7e]{8,120}$")


def check_key(key: str) -> str:
    """The key as given, or InvalidInput naming what a key must look like."""
    if not _KEY.match(key):
        raise InvalidInput("request.idempotency_key_form", field="Idempotency-Key")
    return key


def request_digest(application_id: uuid.UUID, office_code: str, day: date, hour: int) -> str:
    asked = {
        "application": str(application_id),
        "office": office_code.upper(),
        "day": day.isoformat(),
        "hour": hour,
    }
    return hashlib.sha256(json.dumps(asked, sort_keys=True).encode()).hexdigest()


def _replay(row: BookingRequestRow, digest: str) -> dict[str, Any]:
    if row.request_sha256 != digest:
        raise Conflict("request.idempotency_key_used", field="Idempotency-Key")
    answer: dict[str, Any] = json.loads(row.response or "null")
    return answer


def earlier_answer(
    session: Session, *, account_id: uuid.UUID, key: str, digest: str
) -> dict[str, Any] | None:
    """The answer a request with this key already got, or None if none was made with it."""
    row = session.get(BookingRequestRow, (account_id, key))
    return None if row is None or row.response is None else _replay(row, digest)


def claim(
    session: Session, *, account_id: uuid.UUID, key: str, digest: str, application_id: uuid.UUID, at: datetime
) -> dict[str, Any] | None:
    """Take the key for this transaction; if a racing request with it committed first, its answer.

    On PostgreSQL the insert waits for a concurrent transaction holding the same key: if that one
    commits, the insert does nothing and its answer is read; if it rolls back, this one goes ahead.
    """
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = BookingRequestRow.__table__
    statement = (
        dialect.insert(table)
        .values(
            account_id=account_id,
            key=key,
            application_id=application_id,
            request_sha256=digest,
            response=None,
            created_at=at,
        )
        .on_conflict_do_nothing(index_elements=["account_id", "key"])
        .returning(table.c.key)
    )
    if session.execute(statement).first() is not None:
        return None
    row = session.execute(
        select(BookingRequestRow).where(
            BookingRequestRow.account_id == account_id, BookingRequestRow.key == key
        )
    ).scalar_one()
    return _replay(row, digest)


def book_once(
    database: Database,
    *,
    applicant: Principal,
    key: str,
    application_id: uuid.UUID,
    office_code: str,
    day: date,
    hour: int,
    at: datetime,
    render: Callable[[ApplicationView], dict[str, Any]],
) -> dict[str, Any]:
    """Book as quotas.book does, once per key: a repeat of the request returns the first answer.

    Only an answer is remembered: a refused or failed attempt leaves no trace, so its retry is tried
    afresh. The key, the booking and the answer commit together, so a crash between them leaves none.
    """
    key = check_key(key)
    digest = request_digest(application_id, office_code, day, hour)
    # Looked up first, and without the full-day read of unkeyed bookings: the retry of a booking that
    # took the last place must get its answer, not be told the day is full.
    with database.reading() as session:
        earlier = earlier_answer(session, account_id=applicant.id, key=key, digest=digest)
    if earlier is not None:
        return earlier
    with database.transaction() as session:
        earlier = claim(
            session, account_id=applicant.id, key=key, digest=digest, application_id=application_id, at=at
        )
        if earlier is not None:
            return earlier
        view = quotas.book(
            session,
            applicant=applicant,
            application_id=application_id,
            office_code=office_code,
            day=day,
            hour=hour,
            at=at,
        )
        answer = render(view)
        session.execute(
            update(BookingRequestRow)
            .where(BookingRequestRow.account_id == applicant.id, BookingRequestRow.key == key)
            .values(response=json.dumps(answer, default=str))
        )
        return answer
