"""A foreigner's right to enter and stay (exemption, visa on arrival, signed credentials) and overstay."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from gerbang.border.domain import BorderPolicy, LaneKind, Outcome, ReasonCode, Stay, Traveller, stay_end
from gerbang.border.domain.stay import Admission, admission, departure
from gerbang.infra.signing import Signer
from gerbang.kernel.errors import InvalidInput
from gerbang.kernel.signed import KeySet
from gerbang.visas.center.issuer import issue
from gerbang.visas.domain.credential import CredentialType, Holder, Verification
from gerbang.visas.domain.revocation import Revocation, RevocationList
from gerbang.visas.domain.verify import verify_credential

MakePassport = Callable[..., Traveller]
WIB = timezone(timedelta(hours=7))
NOW = datetime(2025, 3, 10, 9, 30, tzinfo=WIB)
ISSUED = datetime(2025, 2, 20, 3, 0, tzinfo=UTC)


def holder(number: str = "PA1234567") -> Holder:
    return Holder(name="Jane Citizen", passport_number=number, nationality="AUS", birth_date=date(1990, 5, 1))


def verified(
    signer: Signer,
    keys: KeySet,
    kind: CredentialType,
    *,
    passport_number: str = "PA1234567",
    revoked: bool = False,
    at: datetime = NOW,
) -> Verification:
    issued = issue(signer, type=kind, holder=holder(), issued_at=ISSUED)
    revocations = None
    if revoked:
        revocations = RevocationList(
            version=1,
            issued_at=ISSUED + timedelta(days=1),
            revocations=(Revocation(issued.credential.credential_id, ISSUED + timedelta(days=1), "fraud"),),
        )
    return verify_credential(
        issued.text, keys=keys, revocations=revocations, at=at, passport_number=passport_number
    )


def admit(
    traveller: Traveller,
    policy: BorderPolicy,
    *,
    credential: Verification | None = None,
    voa_paid: bool = False,
    lane: LaneKind = LaneKind.COUNTER,
) -> Admission:
    return admission(
        traveller, at=NOW, policy=policy, credential=credential, voa_paid_at_counter=voa_paid, lane=lane
    )


def test_stay_of_30_days_counts_the_day_of_entry_as_the_first() -> None:
    assert stay_end(date(2025, 3, 10), 30) == date(2025, 4, 8)
    assert stay_end(date(2025, 3, 10), 1) == date(2025, 3, 10)


def test_stay_cannot_end_before_it_starts() -> None:
    with pytest.raises(InvalidInput):
        Stay(entered_at=date(2025, 3, 10), permitted_until=date(2025, 3, 9))


def test_valid_evoa_admits_for_its_30_days(
    passport: MakePassport, policy: BorderPolicy, signer: Signer, keys: KeySet
) -> None:
    found = admit(
        passport(nationality="AUS", number="PA1234567"),
        policy,
        credential=verified(signer, keys, CredentialType.EVOA),
    )
    assert [(r.code, r.outcome) for r in found.reasons] == [(ReasonCode.CREDENTIAL_VALID, Outcome.ADMIT)]
    assert found.stay_days == 30
    assert found.permitted_until == date(2025, 4, 8)


def test_stay_permit_lets_its_holder_stay_until_it_expires(
    passport: MakePassport, policy: BorderPolicy, signer: Signer, keys: KeySet
) -> None:
    verification = verified(signer, keys, CredentialType.KITAS)
    assert verification.credential is not None
    found = admit(passport(nationality="AUS", number="PA1234567"), policy, credential=verification)
    assert found.permitted_until == verification.credential.valid_until.astimezone(WIB).date()


def test_revoked_credential_is_refused(
    passport: MakePassport, policy: BorderPolicy, signer: Signer, keys: KeySet
) -> None:
    found = admit(
        passport(nationality="AUS", number="PA1234567"),
        policy,
        credential=verified(signer, keys, CredentialType.EVOA, revoked=True),
    )
    assert (found.reasons[0].code, found.reasons[0].outcome) == (
        ReasonCode.CREDENTIAL_REVOKED,
        Outcome.REFUSE,
    )


def test_expired_credential_is_referred_naming_the_failed_rule(
    passport: MakePassport, policy: BorderPolicy, signer: Signer, keys: KeySet
) -> None:
    late = NOW + timedelta(days=200)
    verification = verified(signer, keys, CredentialType.EVOA, at=late)
    found = admission(
        passport(nationality="AUS", number="PA1234567"),
        at=late,
        policy=policy,
        credential=verification,
        voa_paid_at_counter=False,
        lane=LaneKind.COUNTER,
    )
    first = found.reasons[0]
    assert (first.code, first.outcome) == (ReasonCode.CREDENTIAL_EXPIRED, Outcome.REFER)
    assert "expired" in first.message
    valid_until = verification.credential.valid_until.date() if verification.credential else None
    assert valid_until is not None
    said = first.text()
    assert said.en == f"The visa credential expired on {valid_until.isoformat()}."
    assert said.id.startswith("Visa elektronik sudah tidak berlaku sejak ")
    assert str(valid_until.year) in said.id
    assert valid_until.isoformat() not in said.id  # the day the Indonesian way, not ISO
    # Without a valid credential the nationality decides what else could let the traveller in.
    assert found.reasons[1].code is ReasonCode.VISA_ON_ARRIVAL_NOT_PAID


def test_credential_checked_without_a_passport_number_is_still_matched_to_the_passport(
    passport: MakePassport, policy: BorderPolicy, signer: Signer, keys: KeySet
) -> None:
    issued = issue(signer, type=CredentialType.EVOA, holder=holder(), issued_at=ISSUED)
    unchecked = verify_credential(issued.text, keys=keys, revocations=None, at=NOW, passport_number=None)
    assert unchecked.valid
    found = admit(passport(nationality="AUS", number="PB7654321"), policy, credential=unchecked)
    assert found.reasons[0].code is ReasonCode.CREDENTIAL_WRONG_HOLDER
    assert found.permitted_until is None


def test_credential_with_an_unknown_key_is_referred(
    passport: MakePassport, policy: BorderPolicy, signer: Signer
) -> None:
    stale_keys = KeySet((Signer.generate().public_key(not_before=ISSUED - timedelta(days=30)),))
    issued = issue(signer, type=CredentialType.EVOA, holder=holder(), issued_at=ISSUED)
    verification = verify_credential(
        issued.text, keys=stale_keys, revocations=None, at=NOW, passport_number="PA1234567"
    )
    found = admit(passport(nationality="AUS", number="PA1234567"), policy, credential=verification)
    assert (found.reasons[0].code, found.reasons[0].outcome) == (
        ReasonCode.CREDENTIAL_UNKNOWN_KEY,
        Outcome.REFER,
    )
    assert "tidak dikenal pos ini" in found.reasons[0].text().id


def test_voa_paid_at_counter_admits_an_eligible_nationality_for_30_days(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    found = admit(passport(nationality="USA"), policy, voa_paid=True)
    assert [(r.code, r.outcome) for r in found.reasons] == [(ReasonCode.VISA_ON_ARRIVAL_PAID, Outcome.ADMIT)]
    assert "Rp 500.000" in found.reasons[0].message
    assert found.permitted_until == date(2025, 4, 8)


def test_voa_paid_by_an_ineligible_nationality_is_referred(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    found = admit(passport(nationality="NGA"), policy, voa_paid=True)
    assert [r.code for r in found.reasons] == [ReasonCode.VISA_ON_ARRIVAL_NOT_ELIGIBLE]
    assert found.permitted_until is None


def test_voa_cannot_be_bought_at_an_autogate(passport: MakePassport, policy: BorderPolicy) -> None:
    found = admit(passport(nationality="USA"), policy, voa_paid=True, lane=LaneKind.AUTOGATE)
    assert [r.code for r in found.reasons] == [ReasonCode.VISA_ON_ARRIVAL_NOT_PAID]
    assert "only at a counter" in found.reasons[0].message


def test_overstay_of_10_days_is_fined_ten_million_rupiah(policy: BorderPolicy) -> None:
    stay = Stay(entered_at=date(2025, 1, 1), permitted_until=date(2025, 1, 30))
    reasons, overstay = departure(
        stay, day=date(2025, 2, 9), rule=policy.overstay(NOW.date()), fine_paid=False
    )
    assert overstay is not None
    assert (overstay.days, overstay.fine_idr, overstay.deportation) == (10, 10_000_000, False)
    assert [(r.code, r.outcome) for r in reasons] == [(ReasonCode.OVERSTAY, Outcome.REFER)]
    assert "Rp 10.000.000" in reasons[0].message


def test_overstay_fine_paid_lets_the_foreigner_leave(policy: BorderPolicy) -> None:
    stay = Stay(entered_at=date(2025, 1, 1), permitted_until=date(2025, 1, 30))
    reasons, overstay = departure(
        stay, day=date(2025, 2, 1), rule=policy.overstay(NOW.date()), fine_paid=True
    )
    assert overstay is not None
    assert overstay.fine_idr == 2_000_000
    assert [(r.code, r.outcome) for r in reasons] == [(ReasonCode.OVERSTAY_FINE_PAID, Outcome.ADMIT)]


def test_overstay_of_59_days_is_still_a_fine(policy: BorderPolicy) -> None:
    stay = Stay(entered_at=date(2025, 1, 1), permitted_until=date(2025, 1, 30))
    _, overstay = departure(
        stay, day=date(2025, 1, 30) + timedelta(59), rule=policy.overstay(NOW.date()), fine_paid=False
    )
    assert overstay is not None
    assert (overstay.fine_idr, overstay.deportation) == (59_000_000, False)


def test_overstay_of_60_days_is_referred_for_deportation(policy: BorderPolicy) -> None:
    stay = Stay(entered_at=date(2025, 1, 1), permitted_until=date(2025, 1, 30))
    reasons, overstay = departure(
        stay, day=date(2025, 1, 30) + timedelta(60), rule=policy.overstay(NOW.date()), fine_paid=True
    )
    assert overstay is not None
    assert (overstay.days, overstay.fine_idr, overstay.deportation) == (60, 0, True)
    assert [(r.code, r.outcome) for r in reasons] == [(ReasonCode.OVERSTAY_DEPORTATION, Outcome.REFER)]


def test_leaving_on_the_last_permitted_day_is_no_overstay(policy: BorderPolicy) -> None:
    stay = Stay(entered_at=date(2025, 1, 1), permitted_until=date(2025, 1, 30))
    assert departure(stay, day=date(2025, 1, 30), rule=policy.overstay(NOW.date()), fine_paid=False) == (
        [],
        None,
    )


def test_unknown_stay_is_admitted_with_a_note(policy: BorderPolicy) -> None:
    reasons, overstay = departure(None, day=NOW.date(), rule=policy.overstay(NOW.date()), fine_paid=False)
    assert overstay is None
    assert [(r.code, r.outcome) for r in reasons] == [(ReasonCode.NO_STAY_RECORD, Outcome.ADMIT)]
