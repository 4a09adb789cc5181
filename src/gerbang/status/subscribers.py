"""Subscribing by email or webhook, confirmed before anything is sent, and leaving with one click.

Addresses never reach a log. A webhook must point at a public address (status/outbound.py). Nothing is
delivered until the subscriber confirms: an email by its link, a webhook by answering the confirmation
ping with its token (or posting it back), so nobody can point the node at someone else's inbox or
service. A webhook's secret and its unsubscribe token are shown once, to whoever subscribed first:
subscribing an address already subscribed answers the same as a new one, without them.
"""

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
from gerbang.status.outbound import Resolver, check_public_url, system_resolver

_EMAIL = re.compile(r"^[^@\s<>\"]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z0-9-]{2,63}$")


@dataclass(frozen=True)
class Subscription:
    """What a new webhook subscriber gets back, once: the unsubscribe token and its signing secret.

    Email subscribers and repeated subscriptions get neither (None): an email's links come by email.
    """

    kind: str
    unsubscribe_token: str | None
    secret: str | None


CONFIRM_PREFIX = "confirm:"


def confirm_token(key: bytes, subscriber_id: uuid.UUID) -> str:
    """The token that confirms one subscriber; unlike an unsubscribe token it names no bare id."""
    return unsubscribe_token(key, f"{CONFIRM_PREFIX}{subscriber_id}")


def _check_email(address: str) -> str:
    address = address.strip()
    if not _EMAIL.match(address):
        raise InvalidInput("subscriber.bad_email", field="email")
    return address


def _check_webhook(url: str, *, resolver: Resolver, allow_private: bool) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
        raise InvalidInput("subscriber.bad_webhook", field="url")
    if parts.username or parts.password:
        raise InvalidInput("webhook.credentials_in_url", field="address")
    check_public_url(url, resolver=resolver, allow_private=allow_private)
    return url


def subscribe(
    session: Session,
    *,
    kind: str,
    address: str,
    key: bytes,
    at: datetime,
    resolver: Resolver = system_resolver,
    allow_private: bool = False,
) -> Subscription:
    """Add a subscriber (email or webhook), waiting for confirmation; subscribing twice adds nothing."""
    if kind == "email":
        address = _check_email(address)
    elif kind == "webhook":
        address = _check_webhook(address, resolver=resolver, allow_private=allow_private)
    else:
        raise InvalidInput("subscriber.bad_kind", field="kind")
    existing = repository.active_subscriber_with(session, kind=kind, address=address)
    if existing is not None:
        # Never the first subscriber's secret or token: the answer says only that it was taken in.
        return Subscription(kind, None, None)
    secret = secrets.token_urlsafe(32) if kind == "webhook" else None
    row = StatusSubscriberRow(
        id=new_id(at),
        kind=kind,
        address=address,
        secret=secret,
        created_at=at,
        unsubscribed_at=None,
        confirmed_at=None,
        confirm_sent_at=None,
    )
    session.add(row)
    session.flush()
    if kind == "email":
        return Subscription(kind, None, None)
    return Subscription(kind, unsubscribe_token(key, str(row.id)), secret)


def confirm(session: Session, *, token: str, key: bytes, at: datetime) -> StatusSubscriberRow:
    """Confirm the subscriber a confirmation token names; deliveries to it start with the next update."""
    named = read_unsubscribe_token(key, token) or ""
    subscriber_id = None
    if named.startswith(CONFIRM_PREFIX):
        try:
            subscriber_id = uuid.UUID(named.removeprefix(CONFIRM_PREFIX))
        except ValueError:
            subscriber_id = None
    row = repository.subscriber(session, subscriber_id) if subscriber_id else None
    if row is None or row.unsubscribed_at is not None:
        raise NotFound("subscriber.bad_link")
    if row.confirmed_at is None:
        row.confirmed_at = at
    return row


def unsubscribe(session: Session, *, token: str, key: bytes, at: datetime) -> StatusSubscriberRow:
    """Stop sending to whoever the token names; its waiting deliveries are dropped with it."""
    named = read_unsubscribe_token(key, token)
    try:
        subscriber_id = uuid.UUID(named) if named else None
    except ValueError:
        subscriber_id = None
    row = repository.subscriber(session, subscriber_id) if subscriber_id else None
    if row is None:
        raise NotFound("subscriber.bad_link")
    if row.unsubscribed_at is None:
        row.unsubscribed_at = at
    return row
