"""Verifying a credential offline: each rule a checkpoint applies, with real Ed25519 signatures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from gerbang.infra.signing import Signer
from gerbang.kernel.signed import KeySet, PublicKey
from gerbang.visas.center.issuer import issue, issue_credential
from gerbang.visas.domain.credential import UNLIMITED, CredentialType, Holder, Outcome
from gerbang.visas.domain.revocation import Revocation, RevocationList
from gerbang.visas.domain.verify import verify_credential

ISSUED = datetime(2024, 6, 20, 4, 15, tzinfo=UTC)
AT_BORDER = ISSUED + timedelta(days=10)


def evoa(signer: Signer, holder: Holder) -> str:
    return issue_credential(signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED)


def test_issued_credential_verifies_and_names_its_holder(
    signer: Signer, keys: KeySet, holder: Holder
) -> None:
    result = verify_credential(
        evoa(signer, holder), keys=keys, revocations=None, at=AT_BORDER, passport_number="PA1234567"
    )
    assert result.outcome is Outcome.VALID
    assert result.valid
    assert result.credential is not None
    assert result.credential.holder == holder
    assert result.credential.type is CredentialType.EVOA
    assert result.credential.stay_days == 30


def test_passport_number_is_compared_without_case_spaces_or_filler(
    signer: Signer, keys: KeySet, holder: Holder
) -> None:
    result = verify_credential(
        evoa(signer, holder), keys=keys, revocations=None, at=AT_BORDER, passport_number=" pa12 34567<<"
    )
    assert result.valid


def test_credential_presented_with_another_passport_is_wrong_holder(
    signer: Signer, keys: KeySet, holder: Holder
) -> None:
    result = verify_credential(
        evoa(signer, holder), keys=keys, revocations=None, at=AT_BORDER, passport_number="PB7654321"
    )
    assert result.outcome is Outcome.WRONG_HOLDER


def test_credential_after_its_last_valid_second_is_expired(
    signer: Signer, keys: KeySet, holder: Holder
) -> None:
    issued = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED)
    last_second = issued.credential.valid_until
    at_end = verify_credential(issued.text, keys=keys, revocations=None, at=last_second, passport_number=None)
    after = verify_credential(
        issued.text, keys=keys, revocations=None, at=last_second + timedelta(seconds=1), passport_number=None
    )
    assert at_end.valid
    assert after.outcome is Outcome.EXPIRED


def test_credential_before_valid_from_is_not_yet_valid(signer: Signer, keys: KeySet, holder: Holder) -> None:
    text = issue_credential(
        signer,
        type=CredentialType.VISIT_SINGLE,
        holder=holder,
        issued_at=ISSUED,
        valid_from=ISSUED + timedelta(days=30),
    )
    result = verify_credential(text, keys=keys, revocations=None, at=AT_BORDER, passport_number=None)
    assert result.outcome is Outcome.NOT_YET_VALID


def test_revoked_credential_is_refused_from_its_revocation_time(
    signer: Signer, keys: KeySet, holder: Holder
) -> None:
    issued = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED)
    revoked_at = ISSUED + timedelta(days=5)
    revocations = RevocationList(
        version=1,
        issued_at=revoked_at,
        revocations=(Revocation(issued.credential.credential_id, revoked_at, "fraudulent application"),),
    )
    before = verify_credential(
        issued.text,
        keys=keys,
        revocations=revocations,
        at=revoked_at - timedelta(seconds=1),
        passport_number=None,
    )
    after = verify_credential(
        issued.text, keys=keys, revocations=revocations, at=AT_BORDER, passport_number=None
    )
    assert before.valid
    assert after.outcome is Outcome.REVOKED


def test_credential_signed_by_a_key_outside_the_set_is_unknown_key(keys: KeySet, holder: Holder) -> None:
    stranger = Signer.generate()
    result = verify_credential(
        evoa(stranger, holder), keys=keys, revocations=None, at=AT_BORDER, passport_number=None
    )
    assert result.outcome is Outcome.UNKNOWN_KEY
    assert result.credential is None


def test_credential_whose_signature_does_not_match_the_trusted_key_fails_signature(
    signer: Signer, holder: Holder
) -> None:
    forger = Signer.generate()
    text = evoa(forger, holder)
    # The checkpoint trusts the forger's key id, but with the center's public key behind it.
    keys = KeySet((PublicKey(key_id=forger.key_id, public_bytes=signer.public_bytes, not_before=ISSUED),))
    result = verify_credential(text, keys=keys, revocations=None, at=AT_BORDER, passport_number=None)
    assert result.outcome is Outcome.SIGNATURE
    assert result.credential is None


def test_single_entry_credential_is_used_up_after_one_entry(
    signer: Signer, keys: KeySet, holder: Holder
) -> None:
    text = evoa(signer, holder)
    first = verify_credential(text, keys=keys, revocations=None, at=AT_BORDER, passport_number=None)
    second = verify_credential(
        text, keys=keys, revocations=None, at=AT_BORDER, passport_number=None, entries_used=1
    )
    assert first.valid
    assert second.outcome is Outcome.ENTRIES_USED_UP


def test_multiple_entry_visa_allows_any_number_of_entries(
    signer: Signer, keys: KeySet, holder: Holder
) -> None:
    issued = issue(signer, type=CredentialType.VISIT_MULTIPLE, holder=holder, issued_at=ISSUED)
    result = verify_credential(
        issued.text, keys=keys, revocations=None, at=AT_BORDER, passport_number=None, entries_used=40
    )
    assert issued.credential.entries is UNLIMITED
    assert result.valid


def test_every_failed_rule_is_listed_with_the_most_serious_first(
    signer: Signer, keys: KeySet, holder: Holder
) -> None:
    issued = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED)
    revocations = RevocationList(
        version=1,
        issued_at=ISSUED,
        revocations=(Revocation(issued.credential.credential_id, ISSUED, "lost"),),
    )
    result = verify_credential(
        issued.text,
        keys=keys,
        revocations=revocations,
        at=ISSUED + timedelta(days=400),
        passport_number="PB7654321",
        entries_used=1,
    )
    assert result.outcome is Outcome.REVOKED
    assert result.failed == (
        Outcome.REVOKED,
        Outcome.EXPIRED,
        Outcome.WRONG_HOLDER,
        Outcome.ENTRIES_USED_UP,
    )


def test_garbage_text_is_unreadable_not_an_exception(keys: KeySet) -> None:
    for text in ["", "GV1:", "hello", "GV1:!!!!", "GV1:" + "A" * 300, "GV1:ÄÖ", "\x00" * 10]:
        result = verify_credential(text, keys=keys, revocations=None, at=AT_BORDER, passport_number=None)
        assert result.outcome is Outcome.UNREADABLE, text


def test_credential_ids_are_time_ordered(signer: Signer, holder: Holder) -> None:
    first = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED).credential.credential_id
    later = issue(
        signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED + timedelta(seconds=1)
    ).credential.credential_id
    assert first.version == 7
    assert first < later


def test_given_credential_id_is_kept(signer: Signer, holder: Holder) -> None:
    chosen = UUID("0190340c-1a80-7000-8000-000000000001")
    issued = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED, credential_id=chosen)
    assert issued.credential.credential_id == chosen
