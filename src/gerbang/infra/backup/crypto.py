"""AES-256-GCM in authenticated chunks, so a file of any size is encrypted and checked as it streams."""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"GBK1"
CHUNK = 1 << 20
KEY_BYTES = 32
_HEADER = struct.Struct(">4s8s")  # magic, random nonce prefix
_LENGTH = struct.Struct(">I")


class DecryptError(Exception):
    """A file that the key cannot open: wrong key, changed bytes, or cut short."""


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def _aad(header: bytes, index: int, final: bool) -> bytes:
    # The final flag is authenticated, so cutting chunks off the end is detected, not read as shorter.
    return header + struct.pack(">I?", index, final)


def encrypt_stream(key: bytes, source: BinaryIO, target: BinaryIO) -> None:
    """Encrypt `source` into `target`: a header, then length-prefixed sealed chunks, the last one flagged."""
    aead = AESGCM(key)
    header = _HEADER.pack(MAGIC, os.urandom(8))
    target.write(header)
    index = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        final = not following
        sealed = aead.encrypt(_nonce(header[4:], index), chunk, _aad(header, index, final))
        target.write(_LENGTH.pack(len(sealed)) + sealed)
        if final:
            return
        chunk, index = following, index + 1


def decrypt_chunks(key: bytes, source: BinaryIO) -> Iterator[bytes]:
    """The plain chunks of an encrypted stream; raise DecryptError on any mismatch."""
    aead = AESGCM(key)
    header = source.read(_HEADER.size)
    if len(header) != _HEADER.size or header[:4] != MAGIC:
        raise DecryptError("not a Gerbang backup file")
    index = 0
    while True:
        raw_length = source.read(_LENGTH.size)
        if len(raw_length) != _LENGTH.size:
            raise DecryptError("the file is cut short")
        (length,) = _LENGTH.unpack(raw_length)
        if length > CHUNK + 16:
            raise DecryptError("a chunk is longer than any this format writes")
        sealed = source.read(length)
        if len(sealed) != length:
            raise DecryptError("the file is cut short")
        more = source.read(1)
        final = not more
        try:
            plain = aead.decrypt(_nonce(header[4:], index), sealed, _aad(header, index, final))
        except InvalidTag:
            raise DecryptError(f"chunk {index} does not authenticate (wrong key or changed bytes)") from None
        yield plain
        if final:
            return
        source.seek(-1, os.SEEK_CUR)
        index += 1


def decrypt_file(key: bytes, source: Path, target: BinaryIO) -> str:
    """Decrypt `source` into `target`; return the SHA-256 of the plain bytes."""
    digest = hashlib.sha256()
    with source.open("rb") as encrypted:
        for plain in decrypt_chunks(key, encrypted):
            digest.update(plain)
            target.write(plain)
    return digest.hexdigest()


def manifest_tag(key: bytes, body: bytes) -> str:
    """An HMAC over the manifest with a key derived apart from the encryption key."""
    mac_key = hmac.new(key, b"gerbang-backup-manifest", hashlib.sha256).digest()
    return hmac.new(mac_key, body, hashlib.sha256).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()
