"""The credential text is compact and canonical: exactly one text per credential, any change fails."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest
import segno
from hypothesis import given
from hypothesis import strategies as st

from gerbang.infra.signing import Signer
from gerbang.kernel.errors import MalformedInput
from gerbang.kernel.signed import KeySet
from gerbang.visas.center.issuer import issue
from gerbang.visas.domain import codec
from gerbang.visas.domain.credential import CredentialType, Holder, Outcome
from gerbang.visas.domain.verify import verify_credential

ISSUED = datetime(2024, 6, 20, 4, 15, tzinfo=UTC)
AT_BORDER = ISSUED + timedelta(days=10)
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
REJECTED = {Outcome.SIGNATURE, Outcome.UNREADABLE}


def outcome(text: str, keys: KeySet) -> Outcome:
    return verify_credential(text, keys=keys, revocations=None, at=AT_BORDER, passport_number=None).outcome


def key_id_chars(text: str, key_id: str) -> set[int]:
    """Positions of the characters that carry bits of the key id (bytes 2 .. 2 + its length)."""
    first, last = 2, 2 + len(key_id) - 1
    positions = set()
    for index in range(len(text) - len(codec.PREFIX)):
        low_byte, high_byte = (5 * index) // 8, (5 * index + 4) // 8
        if high_byte >= first and low_byte <= last:
            positions.add(len(codec.PREFIX) + index)
    return positions


def test_decoding_the_text_gives_back_the_issued_credential(signer: Signer, holder: Holder) -> None:
    issued = issue(signer, type=CredentialType.KITAS, holder=holder, issued_at=ISSUED)
    decoded = codec.decode(issued.text)
    assert decoded.credential == issued.credential
    assert codec.encode(decoded.credential, decoded.signature) == issued.text


def test_changing_any_character_to_another_base32_character_fails(
    signer: Signer, keys: KeySet, holder: Holder
) -> None:
    text = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED).text
    assert outcome(text, keys) is Outcome.VALID
    in_key_id = key_id_chars(text, signer.key_id)
    for position, char in enumerate(text):
        replacement = ALPHABET[(ALPHABET.index(char) + 1) % 32] if char in ALPHABET else "X"
        changed = text[:position] + replacement + text[position + 1 :]
        result = outcome(changed, keys)
        allowed = REJECTED | {Outcome.UNKNOWN_KEY} if position in in_key_id else REJECTED
        assert result in allowed, (position, result)


def test_changing_any_character_to_a_foreign_character_is_unreadable(
    signer: Signer, keys: KeySet, holder: Holder
) -> None:
    text = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED).text
    for position in range(len(text)):
        for foreign in ("a", "=", " ", "1", "é"):
            if text[position] == foreign:
                continue
            changed = text[:position] + foreign + text[position + 1 :]
            assert outcome(changed, keys) is Outcome.UNREADABLE, (position, foreign)


def test_flipping_any_bit_of_the_binary_form_fails(signer: Signer, keys: KeySet, holder: Holder) -> None:
    text = issue(signer, type=CredentialType.VISIT_MULTIPLE, holder=holder, issued_at=ISSUED).text
    raw = base64.b32decode(text[len(codec.PREFIX) :] + "=" * (-(len(text) - 4) % 8))
    key_id_bytes = range(2, 2 + len(signer.key_id))
    for index in range(len(raw)):
        for bit in range(8):
            flipped = bytearray(raw)
            flipped[index] ^= 1 << bit
            changed = codec.PREFIX + base64.b32encode(bytes(flipped)).decode().rstrip("=")
            result = outcome(changed, keys)
            allowed = REJECTED | {Outcome.UNKNOWN_KEY} if index in key_id_bytes else REJECTED
            assert result in allowed, (index, bit, result)


def test_unused_low_bits_in_the_last_character_are_refused(signer: Signer, holder: Holder) -> None:
    text = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED).text
    payload_chars = len(text) - len(codec.PREFIX)
    assert (payload_chars * 5) % 8 != 0, "this layout leaves spare bits in the last character"
    last = ALPHABET.index(text[-1])
    spare_bits = (payload_chars * 5) % 8
    twin = text[:-1] + ALPHABET[last ^ 1] if spare_bits else text
    assert base64.b32decode(twin[4:] + "=" * (-payload_chars % 8))  # a lenient decoder accepts it
    with pytest.raises(MalformedInput):
        codec.decode(twin)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda text: text.lower(),
        lambda text: text + "A",
        lambda text: text[:-1],
        lambda text: text + "=",
        lambda text: "GV2:" + text[4:],
        lambda text: text[4:],
    ],
)
def test_case_length_padding_and_prefix_changes_are_unreadable(
    mangle: object, signer: Signer, keys: KeySet, holder: Holder
) -> None:
    text = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED).text
    assert callable(mangle)
    assert outcome(mangle(text), keys) in REJECTED


def test_credential_text_fits_a_small_alphanumeric_qr_code(signer: Signer, holder: Holder) -> None:
    long_name = Holder(
        name="Maria Fernanda de los Angeles Gutierrez",
        passport_number="PA1234567",
        nationality="MEX",
        birth_date=holder.birth_date,
    )
    text = issue(signer, type=CredentialType.EVOA, holder=long_name, issued_at=ISSUED).text
    code = segno.make(text, error="m", boost_error=False)
    assert set(text) <= set(ALPHABET + ":GV1")
    assert len(text) == 264
    assert code.mode == "alphanumeric"
    assert code.version <= 10


@given(st.binary(max_size=300))
def test_strict_base32_reads_exactly_what_the_standard_encoder_writes(raw: bytes) -> None:
    encoded = base64.b32encode(raw).decode().rstrip("=")
    assert codec._b32decode_strict(encoded) == raw
