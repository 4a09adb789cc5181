"""Visa credentials as plain data, and the rules a checkpoint applies to one it has decoded."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol
from uuid import UUID

from gerbang.kernel.errors import InvalidInput


class CredentialType(enum.StrEnum):
    """The kinds of credential the center issues; the value is the short code people type."""

    EVOA = "evoa"
    VISIT_SINGLE = "visit-single"
    VISIT_MULTIPLE = "visit-multiple"
    KITAS = "kitas"
    KITAP = "kitap"

    @property
    def code(self) -> int:
        """The one-byte code used in the compact credential text; never renumber."""
        return _CODES[self]

    @classmethod
    def from_code(cls, code: int) -> CredentialType:
        for kind, value in _CODES.items():
            if value == code:
                return kind
        raise InvalidInput("credential.unknown_type", code=code)

    @property
    def label(self) -> str:
        return _LABELS[self]


_CODES = {
    CredentialType.EVOA: 1,
    CredentialType.VISIT_SINGLE: 2,
    CredentialType.VISIT_MULTIPLE: 3,
    CredentialType.KITAS: 4,
    CredentialType.KITAP: 5,
}
_LABELS = {
    CredentialType.EVOA: "Electronic visa on arrival (e-VoA)",
    CredentialType.VISIT_SINGLE: "Visit visa, single entry",
    CredentialType.VISIT_MULTIPLE: "Visit visa, multiple entry",
    CredentialType.KITAS: "Limited stay permit (ITAS / KITAS)",
    CredentialType.KITAP: "Permanent stay permit (ITAP / KITAP)",
}


class Unlimited(enum.Enum):
    """Marks a credential that allows any number of entries."""

    UNLIMITED = "unlimited"


UNLIMITED = Unlimited.UNLIMITED
Entries = int | Unlimited

_PASSPORT = re.compile(r"[A-Z0-9]{1,20}")
_NATIONALITY = re.compile(r"[A-Z<]{3}")


def normalise_passport_number(number: str) -> str:
    """Uppercase without spaces or MRZ filler, so `x1234567 ` and `X1234567<<` compare equal."""
    return "".join(number.split()).upper().rstrip("<")


@dataclass(frozen=True)
class Holder:
    """Who a credential belongs to, as printed in the passport."""

    name: str
    passport_number: str
    nationality: str
    birth_date: date

    def __post_init__(self) -> None:
        name = unicodedata.normalize("NFC", " ".join(self.name.split()))
        if not name or len(name.encode()) > 255:
            raise InvalidInput("credential.name_length", field="name")
        object.__setattr__(self, "name", name)
        number = normalise_passport_number(self.passport_number)
        if not _PASSPORT.fullmatch(number):
            raise InvalidInput("credential.passport_number", field="passport")
        object.__setattr__(self, "passport_number", number)
        if not _NATIONALITY.fullmatch(self.nationality):
            raise InvalidInput("credential.nationality", field="nationality")


@dataclass(frozen=True)
class Credential:
    """A visa or stay permit as signed by the center; times are UTC to the second.

    `stay_days` of None means the stay lasts until `valid_until` (stay permits).
    """

    key_id: str
    credential_id: UUID
    type: CredentialType
    holder: Holder
    valid_from: datetime
    valid_until: datetime
    stay_days: int | None
    entries: Entries
    issued_at: datetime

    def __post_init__(self) -> None:
        for name in ("valid_from", "valid_until", "issued_at"):
            moment: datetime = getattr(self, name)
            if moment.tzinfo is None or moment.microsecond:
                raise InvalidInput("credential.naive_time", field=name, name=name)
            object.__setattr__(self, name, moment.astimezone(UTC))
        if self.valid_until <= self.valid_from:
            raise InvalidInput("credential.valid_order", field="valid_until")
        if self.stay_days is not None and not 1 <= self.stay_days <= 0xFFFF:
            raise InvalidInput("credential.stay_range", field="stay_days")
        if not isinstance(self.entries, Unlimited) and not 1 <= self.entries <= 0xFFFF:
            raise InvalidInput("credential.entries_range", field="entries")
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,32}", self.key_id):
            raise InvalidInput("credential.key_id", field="key_id")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready fields, for output and storage alongside the text."""
        return {
            "credential_id": str(self.credential_id),
            "key_id": self.key_id,
            "type": self.type.value,
            "holder": {
                "name": self.holder.name,
                "passport_number": self.holder.passport_number,
                "nationality": self.holder.nationality,
                "birth_date": self.holder.birth_date.isoformat(),
            },
            "valid_from": _iso(self.valid_from),
            "valid_until": _iso(self.valid_until),
            "stay_days": self.stay_days,
            "entries": self.entries.value if isinstance(self.entries, Unlimited) else self.entries,
            "issued_at": _iso(self.issued_at),
        }


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Outcome(enum.StrEnum):
    """The result of verifying a credential: valid, or the rule it failed."""

    VALID = "valid"
    UNREADABLE = "unreadable"
    UNKNOWN_KEY = "unknown_key"
    SIGNATURE = "signature"
    KEY_NOT_VALID = "key_not_valid"
    REVOKED = "revoked"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    WRONG_HOLDER = "wrong_holder"
    ENTRIES_USED_UP = "entries_used_up"


@dataclass(frozen=True)
class Verification:
    """What a checkpoint learns from a credential text; `credential` is set once the signature holds."""

    outcome: Outcome
    credential: Credential | None = None
    failed: tuple[Outcome, ...] = ()
    message: str = ""

    @property
    def valid(self) -> bool:
        return self.outcome is Outcome.VALID


class RevocationLookup(Protocol):
    """Anything that can say when a credential was revoked (a signed list, a database table)."""

    def revoked_at(self, credential_id: UUID) -> datetime | None: ...


def failed_rules(
    credential: Credential,
    *,
    revocations: RevocationLookup | None,
    at: datetime,
    passport_number: str | None,
    entries_used: int = 0,
) -> tuple[Outcome, ...]:
    """Every rule a signature-checked credential breaks at `at`, most serious first; empty if none."""
    failed: list[Outcome] = []
    revoked = None if revocations is None else revocations.revoked_at(credential.credential_id)
    if revoked is not None and revoked <= at:
        failed.append(Outcome.REVOKED)
    if at < credential.valid_from:
        failed.append(Outcome.NOT_YET_VALID)
    if at > credential.valid_until:
        failed.append(Outcome.EXPIRED)
    if passport_number is not None and (
        normalise_passport_number(passport_number) != credential.holder.passport_number
    ):
        failed.append(Outcome.WRONG_HOLDER)
    if not isinstance(credential.entries, Unlimited) and entries_used >= credential.entries:
        failed.append(Outcome.ENTRIES_USED_UP)
    return tuple(failed)
