"""Subscribing by email or webhook, and leaving with one click; addresses never reach a log."""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from gerbang.infra.clock import new_id
from gerbang.kernel.errors import InvalidInput, NotFound
from gerbang.status import repository
from gerbang.status.domain.tokens import read_unsubscribe_token, unsubscribe_token
from gerbang.status.orm import StatusSubscriberRow

_EMAIL = re.compile(r"^[^@\s<>\"]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z0-9-]{2,63}$")


@dataclass(frozen=True)
class Subscription:
    """What a new subscriber gets back: its id, the unsubscribe token, and a webhook's signing secret."""

    id: uuid.UUID
    kind: str
    unsubscribe_token: str
    secret: str | None


def _check_email(address: str) -> str:
    address = address.strip()
    if not _EMAIL.match(address):
        raise InvalidInput("this does not look like an email address, e.g. nama@contoh.id", field="email")
    return address


def _check_webhook(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
        raise InvalidInput(
            "a webhook needs an http:// or https:// URL of at most 500 characters", field="url"
        )
    return url


def subscribe(session: Session, *, kind: str, address: str, key: bytes, at: datetime) -> Subscription:
    """Add a subscriber (email or webhook); subscribing twice returns the same subscription."""
    if kind == "email":
        address = _check_email(address)
    elif kind == "webhook":
        address = _check_webhook(address)
    else:
        raise InvalidInput("kind must be 'email' or 'webhook'", field="kind")
    existing = repository.active_subscriber_with(session, kind=kind, address=address)
    if existing is not None:
        return Subscription(existing.id, kind, unsubscribe_token(key, str(existing.id)), existing.secret)
    secret = secrets.token_urlsafe(32) if kind == "webhook" else None
    row = StatusSubscriberRow(
        id=new_id(at), kind=kind, address=address, secret=secret, created_at=at, unsubscribed_at=None
    )
    session.add(row)
    session.flush()
    return Subscription(row.id, kind, unsubscribe_token(key, str(row.id)), secret)


def unsubscribe(session: Session, *, token: str, key: bytes, at: datetime) -> StatusSubscriberRow:
    """Stop sending to whoever the token names; its waiting deliveries are dropped with it."""
    named = read_unsubscribe_token(key, token)
    try:
        subscriber_id = uuid.UUID(named) if named else None
    except ValueError:
        subscriber_id = None
    row = repository.subscriber(session, subscriber_id) if subscriber_id else None
    if row is None:
        raise NotFound("this unsubscribe link is not valid (it may have been copied incompletely)")
    if row.unsubscribed_at is None:
        row.unsubscribed_at = at
    return row
