"""The chunked AES-GCM format: round trips; refuses a wrong key, a changed byte, a cut or reordered file."""

from __future__ import annotations

import io
import os
import struct

import pytest

from gerbang.infra.backup import crypto
from gerbang.infra.backup.crypto import CHUNK, DecryptError, decrypt_chunks, encrypt_stream

KEY = bytes(range(32))


def sealed(plain: bytes, key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    encrypt_stream(key, io.BytesIO(plain), out)
    return out.getvalue()


def opened(data: bytes, key: bytes = KEY) -> bytes:
    return b"".join(decrypt_chunks(key, io.BytesIO(data)))


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17])
def test_any_size_round_trips(size: int) -> None:
    plain = os.urandom(size)
    assert opened(sealed(plain)) == plain


def test_the_same_plain_text_never_seals_the_same_way_twice() -> None:
    assert sealed(b"crossing") != sealed(b"crossing")


def test_a_wrong_key_is_refused() -> None:
    with pytest.raises(DecryptError, match="wrong key"):
        opened(sealed(b"x" * 100), key=bytes(32))


def test_one_flipped_byte_is_refused() -> None:
    data = bytearray(sealed(os.urandom(5000)))
    data[200] ^= 0x80
    with pytest.raises(DecryptError):
        opened(bytes(data))


def test_a_file_cut_after_a_whole_chunk_is_refused() -> None:
    data = sealed(os.urandom(2 * CHUNK + 10))
    first_chunk_end = 12 + 4 + CHUNK + 16
    # Cut exactly at a chunk boundary: each remaining chunk authenticates, but none is marked last.
    with pytest.raises(DecryptError):
        opened(data[:first_chunk_end])


def test_chunks_swapped_in_place_are_refused() -> None:
    data = sealed(os.urandom(2 * CHUNK))
    header, rest = data[:12], data[12:]
    (first_length,) = struct.unpack(">I", rest[:4])
    first, second = rest[: 4 + first_length], rest[4 + first_length :]
    with pytest.raises(DecryptError):
        opened(header + second + first)


def test_manifest_tag_depends_on_the_key_and_every_byte() -> None:
    tag = crypto.manifest_tag(KEY, b"manifest")
    assert crypto.manifest_tag(KEY, b"manifest") == tag
    assert crypto.manifest_tag(bytes(32), b"manifest") != tag
    assert crypto.manifest_tag(KEY, b"manifesT") != tag
