"""Signed envelopes and public key sets: what a checkpoint checks before trusting center data."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from gerbang.infra.signing import Signer
from gerbang.kernel.errors import MalformedInput
from gerbang.kernel.signed import (
    KeySet,
    SignatureFailure,
    SignatureRejected,
    b64url_decode,
    b64url_encode,
    canonical_json,
    retire,
    verify_signed,
)

START = datetime(2024, 1, 1, tzinfo=UTC)
SIGNED = datetime(2024, 6, 20, 4, 15, tzinfo=UTC)
PAYLOAD = {"names": ["SITI NURHALIZA", "Ünal Öztürk"], "version": 7}


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer.generate()


@pytest.fixture(scope="module")
def keys(signer: Signer) -> KeySet:
    return KeySet((signer.public_key(not_before=START),))


def test_canonical_json_sorts_keys_without_whitespace_in_utf8() -> None:
    assert (
        canonical_json({"b": 1, "a": ["é", {"d": None, "c": True}]})
        == '{"a":["é",{"c":true,"d":null}],"b":1}'.encode()
    )


def test_canonical_json_refuses_nan() -> None:
    with pytest.raises(ValueError, match="JSON"):
        canonical_json({"x": float("nan")})


def test_signed_envelope_verifies_and_returns_its_payload(signer: Signer, keys: KeySet) -> None:
    text = signer.sign_document(kind="watchlist", payload=PAYLOAD, signed_at=SIGNED)
    signed = verify_signed(text, keys=keys, kind="watchlist", at=SIGNED + timedelta(days=1))
    assert signed.payload == PAYLOAD
    assert signed.key_id == signer.key_id
    assert signed.signed_at == SIGNED


def test_envelope_survives_reformatting_but_not_an_edit(signer: Signer, keys: KeySet) -> None:
    data = json.loads(signer.sign_document(kind="watchlist", payload=PAYLOAD, signed_at=SIGNED))
    pretty = json.dumps(data, indent=4)
    assert verify_signed(pretty, keys=keys, kind="watchlist", at=SIGNED).payload == PAYLOAD
    data["payload"]["version"] = 6
    with pytest.raises(SignatureRejected) as caught:
        verify_signed(json.dumps(data), keys=keys, kind="watchlist", at=SIGNED)
    assert caught.value.failure is SignatureFailure.BAD_SIGNATURE


def test_backdating_an_envelope_breaks_its_signature(signer: Signer, keys: KeySet) -> None:
    data = json.loads(signer.sign_document(kind="watchlist", payload=PAYLOAD, signed_at=SIGNED))
    data["signed_at"] = "2024-06-01T00:00:00Z"
    with pytest.raises(SignatureRejected) as caught:
        verify_signed(json.dumps(data), keys=keys, kind="watchlist", at=SIGNED)
    assert caught.value.failure is SignatureFailure.BAD_SIGNATURE


def test_envelope_from_a_key_not_in_the_set_is_unknown_key(keys: KeySet) -> None:
    text = Signer.generate().sign_document(kind="watchlist", payload=PAYLOAD, signed_at=SIGNED)
    with pytest.raises(SignatureRejected) as caught:
        verify_signed(text, keys=keys, kind="watchlist", at=SIGNED)
    assert caught.value.failure is SignatureFailure.UNKNOWN_KEY


def test_key_is_not_valid_before_it_starts_after_it_retires_or_after_it_stops_verifying(
    signer: Signer,
) -> None:
    retired_at, verify_until = SIGNED, SIGNED + timedelta(days=365)
    keys = KeySet((retire(signer.public_key(not_before=START), at=retired_at, verify_until=verify_until),))
    too_early = signer.sign_document(kind="k", payload={}, signed_at=START - timedelta(seconds=1))
    after_retiring = signer.sign_document(kind="k", payload={}, signed_at=retired_at + timedelta(seconds=1))
    in_time = signer.sign_document(kind="k", payload={}, signed_at=retired_at)
    assert verify_signed(in_time, keys=keys, kind="k", at=verify_until).payload == {}
    for text, at in [
        (too_early, SIGNED),
        (after_retiring, SIGNED),
        (in_time, verify_until + timedelta(seconds=1)),
    ]:
        with pytest.raises(SignatureRejected) as caught:
            verify_signed(text, keys=keys, kind="k", at=at)
        assert caught.value.failure is SignatureFailure.KEY_NOT_VALID


def test_envelope_of_another_kind_is_refused(signer: Signer, keys: KeySet) -> None:
    text = signer.sign_document(kind="entry-policy", payload=PAYLOAD, signed_at=SIGNED)
    with pytest.raises(MalformedInput):
        verify_signed(text, keys=keys, kind="watchlist", at=SIGNED)


@pytest.mark.parametrize("text", ["", "null", "[]", "{}", "{bad", '{"payload": NaN}', b"\xff\xfe"])
def test_unreadable_envelope_is_malformed_input(text: str | bytes, keys: KeySet) -> None:
    with pytest.raises(MalformedInput):
        verify_signed(text, keys=keys, kind="watchlist", at=SIGNED)


def test_key_set_round_trips_through_its_json_file_form(signer: Signer) -> None:
    other = Signer.generate()
    keys = KeySet(
        (
            retire(signer.public_key(not_before=START), at=SIGNED, verify_until=SIGNED + timedelta(days=10)),
            other.public_key(not_before=SIGNED),
        )
    )
    assert KeySet.loads(keys.dumps()) == keys
    assert KeySet.loads(keys.dumps()).get(other.key_id) == other.public_key(not_before=SIGNED)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        '{"format": "something-else", "keys": []}',
        '{"format": "gerbang-public-keys/1", "keys": [{"key_id": "a", "algorithm": "RSA"}]}',
        '{"format": "gerbang-public-keys/1", "keys": [{"key_id": "a", "algorithm": "Ed25519",'
        ' "public_key": "AAAA", "not_before": "2024-01-01T00:00:00Z"}]}',
    ],
)
def test_unreadable_key_set_is_malformed_input(text: str) -> None:
    with pytest.raises(MalformedInput):
        KeySet.loads(text)


def test_base64url_decoding_is_strict() -> None:
    encoded = b64url_encode(b"\x01\x02")
    assert encoded == "AQI"
    assert b64url_decode(encoded) == b"\x01\x02"
    # "AQJ" differs only in bits the decoder would throw away.
    for lenient in ["AQJ", "AQI=", "AQ I", "AQ+"]:
        with pytest.raises(MalformedInput):
            b64url_decode(lenient)
