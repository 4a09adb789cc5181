"""Time-ordered identifiers (UUID version 7, RFC 9562) built from a given time and random bytes."""

from __future__ import annotations

import uuid
from datetime import datetime


def uuid7(at: datetime, random_bytes: bytes) -> uuid.UUID:
    """Return a UUIDv7 whose first 48 bits are `at` in Unix milliseconds, so ids sort by creation time."""
    if len(random_bytes) < 10:
        raise ValueError("uuid7 needs at least 10 random bytes")
    millis = int(at.timestamp() * 1000) & ((1 << 48) - 1)
    rand = int.from_bytes(random_bytes[:10], "big")
    rand_a = (rand >> 62) & 0x0FFF  # 12 bits after the version nibble
    rand_b = rand & ((1 << 62) - 1)  # 62 bits after the variant bits
    value = (millis << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b
    return uuid.UUID(int=value)


def uuid7_time(identifier: uuid.UUID) -> int:
    """Return the Unix milliseconds embedded in a UUIDv7."""
    return identifier.int >> 80
