"""Revocation lists as data, and reading a center-signed one (signing lives in the center's issuer)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from gerbang.kernel.errors import MalformedInput
from gerbang.kernel.signed import KeySet, format_time, parse_time, utc, verify_signed

KIND = "visa-revocations"


@dataclass(frozen=True)
class Revocation:
    """One revoked credential: from when, and why (shown to the officer)."""

    credential_id: UUID
    revoked_at: datetime
    reason: str

    def __post_init__(self) -> None:
        # Whole UTC seconds, as the signed list carries them, so a list reads back equal.
        object.__setattr__(self, "revoked_at", utc(self.revoked_at).replace(microsecond=0))


@dataclass(frozen=True)
class RevocationList:
    """A numbered, dated list of revoked credentials; a higher version replaces a lower one."""

    version: int
    issued_at: datetime
    revocations: tuple[Revocation, ...] = ()
    _by_id: dict[UUID, Revocation] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.version < 0:
            raise MalformedInput("revocation.bad_version")
        object.__setattr__(self, "issued_at", utc(self.issued_at).replace(microsecond=0))
        object.__setattr__(self, "_by_id", {item.credential_id: item for item in self.revocations})

    def revoked_at(self, credential_id: UUID) -> datetime | None:
        item = self._by_id.get(credential_id)
        return None if item is None else item.revoked_at

    def get(self, credential_id: UUID) -> Revocation | None:
        return self._by_id.get(credential_id)

    def with_revocations(self, added: Iterable[Revocation], *, issued_at: datetime) -> RevocationList:
        """The next version: this list plus `added` (a second revocation of an id keeps the first)."""
        merged = dict(self._by_id)
        for item in added:
            merged.setdefault(item.credential_id, item)
        return RevocationList(
            version=self.version + 1, issued_at=issued_at, revocations=tuple(merged.values())
        )

    def to_payload(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "issued_at": format_time(self.issued_at),
            "revocations": [
                {
                    "credential_id": str(item.credential_id),
                    "revoked_at": format_time(item.revoked_at),
                    "reason": item.reason,
                }
                for item in sorted(self.revocations, key=lambda item: item.credential_id.bytes)
            ],
        }

    @classmethod
    def from_payload(cls, payload: object) -> RevocationList:
        if not isinstance(payload, dict):
            raise MalformedInput("revocation.list_not_object")
        version, items = payload.get("version"), payload.get("revocations")
        if not isinstance(version, int) or isinstance(version, bool) or not isinstance(items, list):
            raise MalformedInput("revocation.list_shape")
        return cls(
            version=version,
            issued_at=parse_time(payload.get("issued_at")),
            revocations=tuple(_revocation(item) for item in items),
        )


def empty_revocation_list(*, issued_at: datetime) -> RevocationList:
    """Version 0: nothing revoked yet."""
    return RevocationList(version=0, issued_at=issued_at)


def read_revocation_list(text: str | bytes, *, keys: KeySet, at: datetime) -> RevocationList:
    """Verify and read a signed revocation list.

    Raises MalformedInput if unreadable, SignatureRejected if forged or signed by a key not valid then.
    """
    signed = verify_signed(text, keys=keys, kind=KIND, at=at)
    revocations = RevocationList.from_payload(signed.payload)
    if revocations.issued_at != signed.signed_at:
        raise MalformedInput("revocation.time_differs")
    return revocations


def newest(current: RevocationList | None, candidate: RevocationList) -> RevocationList:
    """Keep whichever list is newer, so a replayed older list cannot un-revoke a credential."""
    if current is None or candidate.version > current.version:
        return candidate
    return current


def _revocation(item: object) -> Revocation:
    if not isinstance(item, dict):
        raise MalformedInput("revocation.not_object")
    reason = item.get("reason")
    if not isinstance(reason, str):
        raise MalformedInput("revocation.no_reason")
    try:
        credential_id = UUID(str(item.get("credential_id")))
    except ValueError as exc:
        raise MalformedInput("revocation.no_credential") from exc
    return Revocation(
        credential_id=credential_id, revoked_at=parse_time(item.get("revoked_at")), reason=reason
    )
