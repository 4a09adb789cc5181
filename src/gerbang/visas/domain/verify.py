"""Offline verification of a credential text with the center's public keys alone; outcomes are values."""

from __future__ import annotations

from datetime import datetime

from gerbang.kernel.errors import InvalidInput
from gerbang.kernel.signed import KeySet, SignatureFailure, SignatureRejected, format_time
from gerbang.visas.domain import codec
from gerbang.visas.domain.credential import Credential, Outcome, RevocationLookup, Verification, failed_rules

_SIGNATURE_OUTCOMES = {
    SignatureFailure.UNKNOWN_KEY: Outcome.UNKNOWN_KEY,
    SignatureFailure.BAD_SIGNATURE: Outcome.SIGNATURE,
    SignatureFailure.KEY_NOT_VALID: Outcome.KEY_NOT_VALID,
}


def verify_credential(
    text: str,
    *,
    keys: KeySet,
    revocations: RevocationLookup | None,
    at: datetime,
    passport_number: str | None,
    entries_used: int = 0,
) -> Verification:
    """Decide whether `text` is a valid credential at `at` for the passport presented.

    The signature is checked before any field is trusted; after that every failed rule is listed,
    and `outcome` is the most serious one. Any text at all gives a Verification, never an exception;
    garbage gives `unreadable`.
    """
    if at.tzinfo is None:
        raise ValueError("verification time must be timezone-aware")
    try:
        decoded = codec.decode(text)
    except InvalidInput as exc:
        return Verification(Outcome.UNREADABLE, failed=(Outcome.UNREADABLE,), message=exc.message)
    credential = decoded.credential
    try:
        keys.check(
            credential.key_id, decoded.signed_bytes, decoded.signature, signed_at=credential.issued_at, at=at
        )
    except SignatureRejected as exc:
        outcome = _SIGNATURE_OUTCOMES[exc.failure]
        return Verification(outcome, failed=(outcome,), message=exc.message)
    failed = failed_rules(
        credential, revocations=revocations, at=at, passport_number=passport_number, entries_used=entries_used
    )
    if not failed:
        return Verification(Outcome.VALID, credential, message="valid")
    return Verification(failed[0], credential, failed=failed, message=_explain(failed[0], credential, at))


def _explain(outcome: Outcome, credential: Credential, at: datetime) -> str:
    if outcome is Outcome.REVOKED:
        return "the credential has been revoked"
    if outcome is Outcome.NOT_YET_VALID:
        return f"not valid before {format_time(credential.valid_from)} (checked at {format_time(at)})"
    if outcome is Outcome.EXPIRED:
        return f"expired at {format_time(credential.valid_until)} (checked at {format_time(at)})"
    if outcome is Outcome.WRONG_HOLDER:
        return "the passport presented is not the one the credential was issued for"
    return "every entry this credential allows has been used"
