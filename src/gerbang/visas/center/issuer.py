"""Center-only: issuing signed credentials and signing revocation lists (never imported by an edge)."""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from gerbang.infra.signing import Signer
from gerbang.kernel.errors import InvalidInput
from gerbang.kernel.ids import uuid7
from gerbang.visas.domain import codec
from gerbang.visas.domain.credential import Credential, CredentialType, Entries, Holder
from gerbang.visas.domain.policy import Period, PolicyTable
from gerbang.visas.domain.revocation import KIND, RevocationList
from gerbang.visas.packaged_policy import load_policy


class FromPolicy(enum.Enum):
    """Marks an argument left to the policy in force on the issue date."""

    FROM_POLICY = "from_policy"


FROM_POLICY = FromPolicy.FROM_POLICY


@dataclass(frozen=True)
class Issued:
    """A freshly issued credential and its text (what goes into the QR code and the database)."""

    credential: Credential
    text: str


def issue(
    signer: Signer,
    *,
    type: CredentialType,
    holder: Holder,
    issued_at: datetime,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    stay_days: int | FromPolicy | None = FROM_POLICY,
    entries: Entries | FromPolicy = FROM_POLICY,
    credential_id: UUID | None = None,
    policy: PolicyTable | None = None,
) -> Issued:
    """Sign a credential; anything not given comes from the policy in force on the issue date.

    By default the credential is valid from `issued_at` for the policy's validity, capped by the
    window in which the holder must enter (90 days for an e-VoA).
    """
    issued_at = _second(issued_at)
    start = _second(valid_from) if valid_from is not None else issued_at
    rules = (policy or load_policy()).lookup(type, issued_at.date())
    if valid_until is None:
        end = rules.validity.after(start)
        if rules.must_enter_within_days is not None:
            end = min(end, Period(days=rules.must_enter_within_days).after(issued_at))
    else:
        end = _second(valid_until)
    if end <= start:
        raise InvalidInput("credential.valid_order", field="valid_until")
    credential = Credential(
        key_id=signer.key_id,
        credential_id=credential_id or uuid7(issued_at, secrets.token_bytes(10)),
        type=type,
        holder=holder,
        valid_from=start,
        valid_until=end,
        stay_days=rules.stay_days if isinstance(stay_days, FromPolicy) else stay_days,
        entries=rules.entries if isinstance(entries, FromPolicy) else entries,
        issued_at=issued_at,
    )
    return Issued(credential, codec.encode(credential, signer.sign(codec.signing_input(credential))))


def issue_credential(
    signer: Signer,
    *,
    type: CredentialType,
    holder: Holder,
    issued_at: datetime,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    stay_days: int | FromPolicy | None = FROM_POLICY,
    entries: Entries | FromPolicy = FROM_POLICY,
    credential_id: UUID | None = None,
    policy: PolicyTable | None = None,
) -> str:
    """Like `issue`, returning only the credential text."""
    return issue(
        signer,
        type=type,
        holder=holder,
        issued_at=issued_at,
        valid_from=valid_from,
        valid_until=valid_until,
        stay_days=stay_days,
        entries=entries,
        credential_id=credential_id,
        policy=policy,
    ).text


def sign_revocation_list(signer: Signer, revocations: RevocationList) -> str:
    """The signed envelope text that checkpoints read with `read_revocation_list`."""
    return signer.sign_document(kind=KIND, payload=revocations.to_payload(), signed_at=revocations.issued_at)


def _second(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise InvalidInput("credential.time_without_zone")
    # The credential text carries whole seconds, so the issued record must too.
    return moment.astimezone(UTC).replace(microsecond=0)
