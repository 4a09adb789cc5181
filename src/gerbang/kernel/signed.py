"""Verification of center-signed data: public key sets, canonical JSON and signed JSON envelopes."""

from __future__ import annotations

import base64
import binascii
import enum
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gerbang.kernel.errors import IntegrityViolation, MalformedInput

ALGORITHM = "Ed25519"
KEY_SET_FORMAT = "gerbang-public-keys/1"
ENVELOPE_FORMAT = "gerbang-signed/1"
_ENVELOPE_FIELDS = {"format", "kind", "key_id", "signed_at", "payload", "signature"}


class SignatureFailure(enum.StrEnum):
    """Why a signature was not accepted."""

    UNKNOWN_KEY = "unknown_key"
    BAD_SIGNATURE = "signature"
    KEY_NOT_VALID = "key_not_valid"


class SignatureRejected(IntegrityViolation):
    """A signed document failed verification; `failure` says which check."""

    code = "signature_rejected"

    def __init__(self, failure: SignatureFailure, reason: str, /, **params: Any) -> None:
        super().__init__(reason, **params)
        self.failure = failure


def canonical_json(value: Any) -> bytes:
    """Encode `value` as the one canonical JSON text: sorted keys, no whitespace, UTF-8, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode()


def b64url_encode(data: bytes) -> str:
    """Base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict base64url without padding: any text that does not re-encode to itself is rejected."""
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise MalformedInput("signed.not_base64") from exc
    # The decoder ignores stray padding and the unused low bits of the last character, so compare.
    if b64url_encode(data) != text:
        raise MalformedInput("signed.not_canonical_base64")
    return data


def format_time(moment: datetime) -> str:
    """ISO 8601 in UTC to the second with a `Z`, the only time form signed payloads use."""
    return utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: object) -> datetime:
    """Read a time written by `format_time`; anything else is malformed."""
    if not isinstance(text, str):
        raise MalformedInput("signed.bad_time", text=text)
    try:
        moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError as exc:
        raise MalformedInput("signed.bad_time", text=text) from exc
    return moment


def utc(moment: datetime) -> datetime:
    """Return an aware datetime in UTC; a naive one must not slip through as local time."""
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class PublicKey:
    """One public key: signs from `not_before`, stops at `retired_at`, verifies until `verify_until`."""

    key_id: str
    public_bytes: bytes
    not_before: datetime
    retired_at: datetime | None = None
    verify_until: datetime | None = None
    _key: Ed25519PublicKey = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Signed times are whole seconds, so key times are too; else a key made at 09.5 s rejects 09 s.
        for name in ("not_before", "retired_at", "verify_until"):
            moment: datetime | None = getattr(self, name)
            if moment is not None:
                object.__setattr__(self, name, utc(moment).replace(microsecond=0))
        if len(self.public_bytes) != 32:
            raise MalformedInput("signed.key_length", key_id=self.key_id)
        # Loading once here keeps per-verification cost to the signature check itself.
        try:
            loaded = Ed25519PublicKey.from_public_bytes(self.public_bytes)
        except ValueError as exc:
            raise MalformedInput("signed.not_ed25519", key_id=self.key_id) from exc
        object.__setattr__(self, "_key", loaded)

    def failure_at(self, *, signed_at: datetime, at: datetime) -> tuple[str, str] | None:
        """Why this key may not vouch for something signed at `signed_at` and checked at `at`: the
        reason key and the time that decides it."""
        if signed_at < self.not_before:
            return "signed.key_not_yet", format_time(self.not_before)
        # Inclusive: times are whole seconds, and a credential signed in the second of rotation is genuine.
        if self.retired_at is not None and signed_at > self.retired_at:
            return "signed.key_retired", format_time(self.retired_at)
        if self.verify_until is not None and at > self.verify_until:
            return "signed.key_expired", format_time(self.verify_until)
        return None

    def verifies(self, message: bytes, signature: bytes) -> bool:
        """True when `signature` is this key's Ed25519 signature of `message`."""
        try:
            self._key.verify(signature, message)
        except InvalidSignature:
            return False
        return True

    def to_json(self) -> dict[str, Any]:
        return {
            "key_id": self.key_id,
            "algorithm": ALGORITHM,
            "public_key": b64url_encode(self.public_bytes),
            "not_before": format_time(self.not_before),
            "retired_at": None if self.retired_at is None else format_time(self.retired_at),
            "verify_until": None if self.verify_until is None else format_time(self.verify_until),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PublicKey:
        if data.get("algorithm") != ALGORITHM:
            raise MalformedInput("signed.algorithm", algorithm=ALGORITHM)
        key_id = data.get("key_id")
        if not isinstance(key_id, str) or not key_id:
            raise MalformedInput("signed.key_id_required")
        return cls(
            key_id=key_id,
            public_bytes=b64url_decode(str(data.get("public_key", ""))),
            not_before=parse_time(data.get("not_before")),
            retired_at=_optional_time(data.get("retired_at")),
            verify_until=_optional_time(data.get("verify_until")),
        )


def _optional_time(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedInput("signed.times_are_strings")
    return parse_time(value)


@dataclass(frozen=True)
class KeySet:
    """The center's public keys by key id: all a checkpoint needs to verify what the center signed."""

    keys: tuple[PublicKey, ...] = ()
    _by_id: dict[str, PublicKey] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = {key.key_id: key for key in self.keys}
        if len(by_id) != len(self.keys):
            raise MalformedInput("signed.key_ids_unique")
        object.__setattr__(self, "_by_id", by_id)

    def get(self, key_id: str) -> PublicKey | None:
        return self._by_id.get(key_id)

    def with_keys(self, keys: Iterable[PublicKey]) -> KeySet:
        """A new set with `keys` added or replacing keys of the same id (order kept)."""
        merged = dict(self._by_id)
        for key in keys:
            merged[key.key_id] = key
        return KeySet(tuple(merged.values()))

    def check(
        self, key_id: str, message: bytes, signature: bytes, *, signed_at: datetime, at: datetime
    ) -> None:
        """Raise SignatureRejected unless `key_id` is known, valid at those times and signed `message`."""
        key = self.get(key_id)
        if key is None:
            raise SignatureRejected(SignatureFailure.UNKNOWN_KEY, "signed.unknown_key", key_id=key_id)
        if not key.verifies(message, signature):
            raise SignatureRejected(SignatureFailure.BAD_SIGNATURE, "signed.bad_signature")
        problem = key.failure_at(signed_at=utc(signed_at), at=utc(at))
        if problem is not None:
            reason, when = problem
            raise SignatureRejected(SignatureFailure.KEY_NOT_VALID, reason, key_id=key.key_id, at=when)

    def to_json(self) -> dict[str, Any]:
        return {"format": KEY_SET_FORMAT, "keys": [key.to_json() for key in self.keys]}

    def dumps(self) -> str:
        """The key set as indented JSON for a file people may read."""
        return json.dumps(self.to_json(), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, data: object) -> KeySet:
        if not isinstance(data, dict) or data.get("format") != KEY_SET_FORMAT:
            raise MalformedInput("signed.not_key_set", key_set_format=KEY_SET_FORMAT)
        keys = data.get("keys")
        if not isinstance(keys, list) or not all(isinstance(item, dict) for item in keys):
            raise MalformedInput("signed.key_set_list")
        return cls(tuple(PublicKey.from_json(item) for item in keys))

    @classmethod
    def loads(cls, text: str | bytes) -> KeySet:
        """Read a key set from JSON text; anything unreadable raises MalformedInput."""
        return cls.from_json(_load_json(text))


@dataclass(frozen=True)
class Signed:
    """A verified envelope: what kind of document, who signed it, when, and its payload."""

    kind: str
    key_id: str
    signed_at: datetime
    payload: Any


def signing_input(*, kind: str, key_id: str, signed_at: datetime, payload: Any) -> bytes:
    """The bytes an envelope's signature covers; the kind is inside so one kind cannot pose as another."""
    return canonical_json(
        {
            "format": ENVELOPE_FORMAT,
            "kind": kind,
            "key_id": key_id,
            "signed_at": format_time(signed_at),
            "payload": payload,
        }
    )


def verify_signed(text: str | bytes, *, keys: KeySet, kind: str, at: datetime) -> Signed:
    """Verify a signed JSON envelope of `kind` at time `at`.

    Raises MalformedInput for unreadable text or the wrong kind, SignatureRejected (with a
    SignatureFailure reason) for an unknown key, a bad signature or a key not valid at that time.
    """
    data = _load_json(text)
    if not isinstance(data, dict) or set(data) != _ENVELOPE_FIELDS:
        raise MalformedInput("signed.not_envelope")
    if data["format"] != ENVELOPE_FORMAT:
        raise MalformedInput("signed.unsupported_format", data=data["format"])
    if data["kind"] != kind:
        raise MalformedInput("signed.wrong_kind", kind=kind, got=data["kind"])
    key_id, signature = data["key_id"], data["signature"]
    if not isinstance(key_id, str) or not isinstance(signature, str):
        raise MalformedInput("signed.key_and_signature")
    signed_at = parse_time(data["signed_at"])
    message = signing_input(kind=kind, key_id=key_id, signed_at=signed_at, payload=data["payload"])
    keys.check(key_id, message, b64url_decode(signature), signed_at=signed_at, at=at)
    return Signed(kind=kind, key_id=key_id, signed_at=signed_at, payload=data["payload"])


def envelope(*, kind: str, key_id: str, signed_at: datetime, payload: Any, signature: bytes) -> str:
    """Assemble the envelope text around a signature made over `signing_input` of the same fields."""
    return canonical_json(
        {
            "format": ENVELOPE_FORMAT,
            "kind": kind,
            "key_id": key_id,
            "signed_at": format_time(signed_at),
            "payload": payload,
            "signature": b64url_encode(signature),
        }
    ).decode()


def retire(key: PublicKey, *, at: datetime, verify_until: datetime) -> PublicKey:
    """The same key, no longer signing from `at` but still verifying until `verify_until`."""
    if verify_until < at:
        raise ValueError("a retired key must keep verifying at least until it is retired")
    return replace(key, retired_at=utc(at), verify_until=utc(verify_until))


def _load_json(text: str | bytes) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, TypeError, RecursionError) as exc:
        raise MalformedInput("signed.not_json") from exc


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")
