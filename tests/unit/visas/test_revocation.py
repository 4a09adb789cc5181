"""Signed revocation lists: checkpoints accept only the center's, and never an older one."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from gerbang.infra.signing import Signer
from gerbang.kernel.errors import MalformedInput
from gerbang.kernel.signed import KeySet, SignatureFailure, SignatureRejected
from gerbang.visas.center.issuer import issue, sign_revocation_list
from gerbang.visas.domain.credential import CredentialType, Holder, Outcome
from gerbang.visas.domain.revocation import (
    Revocation,
    RevocationList,
    empty_revocation_list,
    newest,
    read_revocation_list,
)
from gerbang.visas.domain.verify import verify_credential

ISSUED = datetime(2024, 6, 20, 4, 15, tzinfo=UTC)
LATER = ISSUED + timedelta(days=3)
CREDENTIAL = UUID("0190340c-1a80-7000-8000-000000000001")


def one_revocation(version: int = 1) -> RevocationList:
    return RevocationList(
        version=version,
        issued_at=LATER,
        revocations=(Revocation(CREDENTIAL, LATER, "passport reported stolen"),),
    )


def test_signed_revocation_list_reads_back_identical(signer: Signer, keys: KeySet) -> None:
    text = sign_revocation_list(signer, one_revocation())
    read = read_revocation_list(text, keys=keys, at=LATER)
    assert read == one_revocation()
    assert read.revoked_at(CREDENTIAL) == LATER
    assert read.get(CREDENTIAL) == Revocation(CREDENTIAL, LATER, "passport reported stolen")


def test_revocation_list_with_an_edited_payload_is_rejected(signer: Signer, keys: KeySet) -> None:
    envelope = json.loads(sign_revocation_list(signer, one_revocation()))
    envelope["payload"]["revocations"] = []  # un-revoke the credential
    with pytest.raises(SignatureRejected) as caught:
        read_revocation_list(json.dumps(envelope), keys=keys, at=LATER)
    assert caught.value.failure is SignatureFailure.BAD_SIGNATURE


def test_revocation_list_signed_by_a_stranger_is_rejected(keys: KeySet) -> None:
    text = sign_revocation_list(Signer.generate(), one_revocation())
    with pytest.raises(SignatureRejected) as caught:
        read_revocation_list(text, keys=keys, at=LATER)
    assert caught.value.failure is SignatureFailure.UNKNOWN_KEY


def test_another_signed_document_cannot_pose_as_a_revocation_list(signer: Signer, keys: KeySet) -> None:
    text = signer.sign_document(kind="watchlist", payload=one_revocation().to_payload(), signed_at=LATER)
    with pytest.raises(MalformedInput):
        read_revocation_list(text, keys=keys, at=LATER)


def test_garbage_revocation_list_is_malformed(keys: KeySet) -> None:
    for text in ["", "[]", "{}", "not json", '{"format": "gerbang-signed/1"}']:
        with pytest.raises(MalformedInput):
            read_revocation_list(text, keys=keys, at=LATER)


def test_a_revoked_credential_fails_with_the_signed_list(
    signer: Signer, keys: KeySet, holder: Holder
) -> None:
    issued = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED)
    listed = empty_revocation_list(issued_at=ISSUED).with_revocations(
        [Revocation(issued.credential.credential_id, LATER, "visa obtained by fraud")], issued_at=LATER
    )
    revocations = read_revocation_list(sign_revocation_list(signer, listed), keys=keys, at=LATER)
    result = verify_credential(
        issued.text, keys=keys, revocations=revocations, at=LATER + timedelta(hours=1), passport_number=None
    )
    assert result.outcome is Outcome.REVOKED


def test_next_version_keeps_the_first_revocation_of_a_credential() -> None:
    first = one_revocation()
    again = first.with_revocations(
        [Revocation(CREDENTIAL, LATER + timedelta(days=1), "again")], issued_at=LATER
    )
    assert again.version == 2
    assert again.revoked_at(CREDENTIAL) == LATER


def test_an_older_list_never_replaces_a_newer_one() -> None:
    current = one_revocation(version=5)
    replayed = empty_revocation_list(issued_at=ISSUED)
    assert newest(current, replayed) is current
    assert newest(current, one_revocation(version=6)).version == 6
    assert newest(None, replayed) is replayed
