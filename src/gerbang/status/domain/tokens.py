"""Signatures the status node hands out: webhook bodies and one-click unsubscribe links."""

from __future__ import annotations

import base64
import hashlib
import hmac

SIGNATURE_HEADER = "X-Gerbang-Signature"
# How old a signed delivery a receiver should still take: a replay later than this is refused.
TOLERANCE_S = 300


def sign_body(secret: str, body: bytes, *, timestamp: int) -> str:
    """The header value a receiver recomputes: "t=UNIX,sha256=HEX", the HMAC over "UNIX." + raw body.

    The time is signed with the body, so a delivery replayed later than TOLERANCE_S is refused.
    """
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},sha256={mac}"


def verify_body(secret: str, body: bytes, header: str, *, now: int, tolerance_s: int = TOLERANCE_S) -> bool:
    """Whether `header` signs `body` under `secret` within `tolerance_s` of `now` (constant time)."""
    fields = dict(part.partition("=")[::2] for part in header.split(","))
    stamp = fields.get("t", "")
    if not stamp.isdigit() or len(stamp) > 12 or abs(now - int(stamp)) > tolerance_s:
        return False
    return hmac.compare_digest(sign_body(secret, body, timestamp=int(stamp)), header)


def _mac(key: bytes, subscriber_id: str) -> str:
    digest = hmac.new(key, b"unsubscribe:" + subscriber_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def unsubscribe_token(key: bytes, subscriber_id: str) -> str:
    """A token naming one subscriber that only this node could have made; no login needed to use it."""
    return f"{subscriber_id}.{_mac(key, subscriber_id)}"


def read_unsubscribe_token(key: bytes, token: str) -> str | None:
    """The subscriber a token names, or None when it was not made by this node."""
    subscriber_id, dot, mac = token.strip().rpartition(".")
    if not dot or not subscriber_id or len(token) > 200:
        return None
    return subscriber_id if hmac.compare_digest(_mac(key, subscriber_id), mac) else None
