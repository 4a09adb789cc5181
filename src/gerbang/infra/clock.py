"""The system clock and fresh ids: the only place outside tests where Gerbang reads the time."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime

from gerbang.kernel.ids import uuid7


class SystemClock:
    """The real time, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


def new_id(at: datetime | None = None) -> uuid.UUID:
    """A fresh time-ordered id for a record created now (or at `at`)."""
    return uuid7(at or datetime.now(UTC), secrets.token_bytes(10))
