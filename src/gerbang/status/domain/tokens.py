"""Signatures the status node hands out: webhook bodies and one-click unsubscribe links."""

from __future__ import annotations

import base64
import hashlib
import hmac

SIGNATURE_HEADER = "X-Gerbang-Signature"


def sign_body(secret: str, body: bytes) -> str:
    """The header value a receiver recomputes: HMAC-SHA256 over the raw body, hex, prefixed."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_body(secret: str, body: bytes, header: str) -> bool:
    """Whether `header` is the signature of `body` under `secret` (constant time)."""
    return hmac.compare_digest(sign_body(secret, body), header)


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
