"""The compact, canonical credential text: `GV1:` + base32 of a fixed binary layout and its Ed25519 signature.

Layout (big-endian): type code (1), key id (1 + n, ASCII), credential id (16), issued_at, valid_from,
valid_until (4 each, Unix seconds), stay days (2, 0 = until valid_until), entries (2, 0 = unlimited),
birth date (3, proleptic Gregorian ordinal), nationality (3), passport number (1 + n), name (1 + n, UTF-8),
then the 64-byte signature over `SIGNING_CONTEXT + body`.

Base32 (upper case, no padding) keeps the text inside the QR alphanumeric set and free of spaces,
so it survives shells, URLs and copy-and-paste. Exactly one text decodes to each credential:
the decoder refuses padding, lower case and set spare bits, and re-encodes the body it read to
compare, so changing any character fails.
"""

from __future__ import annotations

import base64
import re
import struct
from dataclasses import dataclass
from datetime import UTC, date, datetime
from uuid import UUID

from gerbang.kernel.errors import InvalidInput, MalformedInput
from gerbang.visas.domain.credential import UNLIMITED, Credential, CredentialType, Holder, Unlimited

PREFIX = "GV1:"
SIGNING_CONTEXT = b"gerbang-visa-credential/1\x00"
SIGNATURE_BYTES = 64

_FIXED = struct.Struct(">16sIIIHH")
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_BASE32_TEXT = re.compile(r"[A-Z2-7]*")
_TO_INT_DIGITS = str.maketrans(_ALPHABET, "0123456789abcdefghijklmnopqrstuv")


@dataclass(frozen=True)
class Decoded:
    """A credential read from text, with the bytes its signature must cover."""

    credential: Credential
    signed_bytes: bytes
    signature: bytes


def encode_body(credential: Credential) -> bytes:
    """The binary body of `credential`, without the signature."""
    entries = 0 if isinstance(credential.entries, Unlimited) else credential.entries
    holder = credential.holder
    return b"".join(
        [
            bytes([credential.type.code]),
            _short(credential.key_id.encode("ascii")),
            _FIXED.pack(
                credential.credential_id.bytes,
                _seconds(credential.issued_at),
                _seconds(credential.valid_from),
                _seconds(credential.valid_until),
                credential.stay_days or 0,
                entries,
            ),
            holder.birth_date.toordinal().to_bytes(3, "big"),
            holder.nationality.encode("ascii"),
            _short(holder.passport_number.encode("ascii")),
            _short(holder.name.encode("utf-8")),
        ]
    )


def signing_input(credential: Credential) -> bytes:
    """The exact bytes the center signs for `credential`."""
    return SIGNING_CONTEXT + encode_body(credential)


def encode(credential: Credential, signature: bytes) -> str:
    """The credential text for `credential` signed with `signature`."""
    if len(signature) != SIGNATURE_BYTES:
        raise ValueError("an Ed25519 signature is 64 bytes")
    raw = encode_body(credential) + signature
    return PREFIX + base64.b32encode(raw).decode("ascii").rstrip("=")


def decode(text: str) -> Decoded:
    """Read a credential text strictly; raise MalformedInput for anything that is not exactly canonical."""
    if not text.startswith(PREFIX):
        raise MalformedInput("code.prefix", prefix=PREFIX)
    encoded = text[len(PREFIX) :]
    raw = _b32decode_strict(encoded)
    if len(raw) <= SIGNATURE_BYTES:
        raise MalformedInput("code.too_short")
    body, signature = raw[:-SIGNATURE_BYTES], raw[-SIGNATURE_BYTES:]
    try:
        credential = _parse_body(body)
    except (InvalidInput, ValueError, UnicodeDecodeError, struct.error, IndexError, OverflowError) as exc:
        raise MalformedInput("code.body_unreadable", exc=exc) from exc
    # Whatever normalisation the domain applied, only the one canonical body is accepted.
    if encode_body(credential) != body:
        raise MalformedInput("code.not_canonical")
    return Decoded(credential=credential, signed_bytes=SIGNING_CONTEXT + body, signature=signature)


def _parse_body(body: bytes) -> Credential:
    reader = _Reader(body)
    kind = CredentialType.from_code(reader.take(1)[0])
    key_id = reader.short().decode("ascii")
    ident, issued, start, end, stay, entries = _FIXED.unpack(reader.take(_FIXED.size))
    birth = date.fromordinal(int.from_bytes(reader.take(3), "big"))
    nationality = reader.take(3).decode("ascii")
    passport = reader.short().decode("ascii")
    name = reader.short().decode("utf-8")
    reader.finish()
    return Credential(
        key_id=key_id,
        credential_id=UUID(bytes=ident),
        type=kind,
        holder=Holder(name=name, passport_number=passport, nationality=nationality, birth_date=birth),
        valid_from=_time(start),
        valid_until=_time(end),
        stay_days=stay or None,
        entries=entries or UNLIMITED,
        issued_at=_time(issued),
    )


class _Reader:
    """Reads a byte string front to back and insists every byte is used."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._at = 0

    def take(self, count: int) -> bytes:
        if self._at + count > len(self._data):
            raise ValueError("the body ends early")
        chunk = self._data[self._at : self._at + count]
        self._at += count
        return chunk

    def short(self) -> bytes:
        return self.take(self.take(1)[0])

    def finish(self) -> None:
        if self._at != len(self._data):
            raise ValueError("extra bytes after the body")


def _b32decode_strict(encoded: str) -> bytes:
    # Only the 32 upper-case letters and digits; no padding, case folding or whitespace.
    if not _BASE32_TEXT.fullmatch(encoded):
        raise MalformedInput("code.not_base32")
    spare = len(encoded) * 5 % 8
    if spare >= 5:
        raise MalformedInput("code.base32_length")
    # int() reads base-32 digits 0-9a-v, so map the RFC 4648 alphabet onto those and decode in C.
    value = int(encoded.translate(_TO_INT_DIGITS), 32) if encoded else 0
    # A lenient decoder ignores the unused low bits of the last character; any set bit means forgery.
    if value & ((1 << spare) - 1):
        raise MalformedInput("code.base32_not_canonical")
    return (value >> spare).to_bytes(len(encoded) * 5 // 8, "big")


def _short(data: bytes) -> bytes:
    if len(data) > 255:
        raise InvalidInput("code.text_too_long")
    return bytes([len(data)]) + data


def _seconds(moment: datetime) -> int:
    seconds = int(moment.timestamp())
    if not 0 <= seconds <= 0xFFFFFFFF:
        raise InvalidInput("code.time_range")
    return seconds


def _time(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)
