"""A foreigner's current stay from two witnesses: this checkpoint's own crossings and the center's list."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from gerbang.border.domain.decision import Direction
from gerbang.border.domain.policy import policy_code
from gerbang.border.domain.stay import Stay
from gerbang.kernel.clock import as_utc
from gerbang.visas.domain.credential import normalise_passport_number


def stay_lookup_key(secret: bytes, *, nationality: str, document_number: str) -> str:
    """The keyed hash a stay is listed under, so a checkpoint holds no plain list of passport numbers.

    Nationality and number are normalised first (`D` is `DEU`, MRZ filler and case do not count), so
    the center and every checkpoint derive the same key from the same passport.
    """
    message = f"{policy_code(nationality)}|{normalise_passport_number(document_number)}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class LocalCrossing:
    """The latest crossing this checkpoint recorded itself for a traveller (refusals left out)."""

    id: uuid.UUID
    direction: Direction
    at: datetime
    permitted_until: date | None


@dataclass(frozen=True)
class CenterStay:
    """A stay as the center publishes it, begun by an entry at any checkpoint."""

    crossing_id: uuid.UUID
    site: str
    entered_at: datetime
    permitted_until: date


def current_stay(*, local: LocalCrossing | None, center: CenterStay | None) -> Stay | None:
    """The stay a departing foreigner is in: the latest entry wins, and a later exit ends it.

    The center's list is as of its last publication, so a crossing recorded here after the center's
    entry (an exit, or a new entry not yet uploaded) is newer news and wins. When both name the same
    crossing the center's copy wins: it may carry a stay permit that extends the stay.
    """
    if local is not None and (center is None or _newer(local, center)):
        if local.direction is not Direction.ENTRY or local.permitted_until is None:
            return None
        return _stay(local.at, local.permitted_until)
    if center is not None:
        return _stay(center.entered_at, center.permitted_until)
    return None


def _newer(local: LocalCrossing, center: CenterStay) -> bool:
    return local.id != center.crossing_id and local.at >= center.entered_at


def _stay(entered_at: datetime, permitted_until: date) -> Stay:
    # The entry day counts in UTC, as checkpoints record it. A stay that would end before its entry
    # day is bad data; clamping keeps a departing traveller from being stopped by it.
    entered = as_utc(entered_at).date()
    return Stay(entered_at=min(entered, permitted_until), permitted_until=permitted_until)
