"""Whole decisions at a checkpoint: every rule together, the worst outcome winning, the two caps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gerbang.border.domain import (
    WATCHLIST_KINDS,
    BorderPolicy,
    Decision,
    Direction,
    LaneKind,
    Outcome,
    ReasonCode,
    Stay,
    Traveller,
    WatchlistHit,
    decide,
)
from gerbang.documents import make_zone, parse_zone
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
TODAY = NOW.date()
ISSUED = datetime(2025, 2, 20, 3, 0, tzinfo=UTC)


def run(
    traveller: Traveller,
    policy: BorderPolicy,
    *,
    direction: Direction = Direction.ENTRY,
    lane: LaneKind = LaneKind.COUNTER,
    credential: Verification | None = None,
    hits: Sequence[WatchlistHit] = (),
    stay: Stay | None = None,
    biometric_match: bool | None = True,
    voa_paid: bool = False,
    fine_paid: bool = False,
    at: datetime = NOW,
) -> Decision:
    return decide(
        traveller=traveller,
        direction=direction,
        lane_kind=lane,
        at=at,
        policy=policy,
        credential=credential,
        hits=hits,
        stay=stay,
        biometric_match=biometric_match,
        voa_paid_at_counter=voa_paid,
        overstay_fine_paid=fine_paid,
    )


def evoa(signer: Signer, keys: KeySet, *, number: str = "PA1234567", revoked: bool = False) -> Verification:
    holder = Holder(
        name="Jane Citizen", passport_number=number, nationality="AUS", birth_date=date(1990, 1, 1)
    )
    issued = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=ISSUED)
    revocations = None
    if revoked:
        when = ISSUED + timedelta(days=1)
        revocations = RevocationList(
            version=1,
            issued_at=when,
            revocations=(Revocation(issued.credential.credential_id, when, "fraud"),),
        )
    return verify_credential(issued.text, keys=keys, revocations=revocations, at=NOW, passport_number=number)


def test_visa_exempt_asean_traveller_is_admitted_for_30_days(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="THA"), policy)
    assert decision.outcome is Outcome.ADMIT
    assert decision.codes == (ReasonCode.VISA_EXEMPT,)
    assert decision.stay_days == 30
    assert decision.permitted_until == date(2025, 4, 8)


def test_foreigner_without_visa_is_refused(passport: MakePassport, policy: BorderPolicy) -> None:
    decision = run(passport(nationality="NGA"), policy)
    assert decision.outcome is Outcome.REFUSE
    assert decision.codes == (ReasonCode.VISA_REQUIRED,)
    assert decision.permitted_until is None


def test_voa_eligible_traveller_who_has_not_paid_is_referred_to_pay(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="AUS"), policy)
    assert decision.outcome is Outcome.REFER
    assert decision.codes == (ReasonCode.VISA_ON_ARRIVAL_NOT_PAID,)


def test_traveller_with_a_valid_evoa_is_admitted_with_the_stay_end(
    passport: MakePassport, policy: BorderPolicy, signer: Signer, keys: KeySet
) -> None:
    decision = run(passport(nationality="AUS", number="PA1234567"), policy, credential=evoa(signer, keys))
    assert decision.outcome is Outcome.ADMIT
    assert decision.codes == (ReasonCode.CREDENTIAL_VALID,)
    assert decision.permitted_until == date(2025, 4, 8)


def test_revoked_evoa_is_refused(
    passport: MakePassport, policy: BorderPolicy, signer: Signer, keys: KeySet
) -> None:
    decision = run(
        passport(nationality="AUS", number="PA1234567"), policy, credential=evoa(signer, keys, revoked=True)
    )
    assert decision.outcome is Outcome.REFUSE
    assert decision.has(ReasonCode.CREDENTIAL_REVOKED)


def test_passport_valid_5_months_is_refused_on_entry(passport: MakePassport, policy: BorderPolicy) -> None:
    decision = run(passport(nationality="MYS", expiry=date(2025, 8, 10)), policy)
    assert decision.outcome is Outcome.REFUSE
    assert decision.codes == (ReasonCode.PASSPORT_VALIDITY_UNDER_6_MONTHS, ReasonCode.VISA_EXEMPT)
    # The stay end is still given, for the officer who admits after review.
    assert decision.permitted_until == date(2025, 4, 8)


def test_expired_passport_is_refused_to_a_foreigner_entering(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="MYS", expiry=date(2025, 1, 1)), policy)
    assert decision.outcome is Outcome.REFUSE
    assert decision.has(ReasonCode.DOCUMENT_EXPIRED)


def test_failed_check_digit_is_never_admitted_silently(passport: MakePassport, policy: BorderPolicy) -> None:
    decision = run(passport(nationality="MYS", broken=True), policy)
    assert decision.outcome is Outcome.REFER
    assert decision.has(ReasonCode.MRZ_CHECK_FAILED)


def test_exit_ban_refuses_a_citizen_leaving(passport: MakePassport, policy: BorderPolicy) -> None:
    decision = run(
        passport(nationality="IDN"),
        policy,
        direction=Direction.EXIT,
        hits=[WatchlistHit("PCG-2025-0007", "exit-ban", 0.97)],
    )
    assert decision.outcome is Outcome.REFUSE
    assert decision.codes == (ReasonCode.EXIT_BAN,)


def test_entry_ban_refuses_a_foreigner_entering(passport: MakePassport, policy: BorderPolicy) -> None:
    decision = run(passport(nationality="THA"), policy, hits=[WatchlistHit("PNK-1", "entry-ban", 0.95)])
    assert decision.outcome is Outcome.REFUSE
    assert decision.codes == (ReasonCode.ENTRY_BAN, ReasonCode.VISA_EXEMPT)


def test_citizen_is_never_refused_entry(passport: MakePassport, policy: BorderPolicy) -> None:
    decision = run(
        passport(nationality="IDN", expiry=date(2024, 12, 31)),
        policy,
        hits=[WatchlistHit("PNK-9", "entry-ban", 0.9), WatchlistHit("DPO-3", "wanted", 0.9)],
        biometric_match=False,
    )
    assert decision.outcome is Outcome.REFER
    # Every finding is still there for the officer.
    assert decision.codes == (
        ReasonCode.DOCUMENT_EXPIRED,
        ReasonCode.ENTRY_BAN,
        ReasonCode.WANTED_PERSON,
        ReasonCode.BIOMETRIC_MISMATCH,
        ReasonCode.CITIZEN_ENTRY,
    )


def test_citizen_returning_with_a_good_passport_is_admitted_without_a_stay_end(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="IDN"), policy)
    assert decision.outcome is Outcome.ADMIT
    assert decision.codes == (ReasonCode.CITIZEN_ENTRY,)
    assert decision.citizen
    assert decision.permitted_until is None


def test_wanted_person_is_referred_even_when_everything_else_is_fine(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="SGP"), policy, hits=[WatchlistHit("DPO-1", "wanted", 0.88)])
    assert decision.outcome is Outcome.REFER
    assert decision.has(ReasonCode.WANTED_PERSON)


def test_autogate_sends_to_counter_instead_of_refusing(passport: MakePassport, policy: BorderPolicy) -> None:
    decision = run(
        passport(nationality="IDN"),
        policy,
        direction=Direction.EXIT,
        lane=LaneKind.AUTOGATE,
        hits=[WatchlistHit("PCG-2025-0007", "exit-ban", 0.97)],
    )
    assert decision.outcome is Outcome.REFER
    assert decision.codes == (
        ReasonCode.EXIT_BAN,
        ReasonCode.WATCHLIST_HIT_AT_AUTOGATE,
        ReasonCode.SENT_TO_COUNTER,
    )
    # The reason that would refuse at a counter is kept with its own outcome.
    assert decision.reasons[0].outcome is Outcome.REFUSE


def test_autogate_admits_a_citizen_leaving_with_a_biometric_match(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="IDN"), policy, direction=Direction.EXIT, lane=LaneKind.AUTOGATE)
    assert decision.outcome is Outcome.ADMIT
    assert decision.reasons == ()


def test_autogate_without_a_biometric_match_sends_to_counter(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="IDN"), policy, lane=LaneKind.AUTOGATE, biometric_match=None)
    assert decision.outcome is Outcome.REFER
    assert decision.has(ReasonCode.BIOMETRIC_NOT_CHECKED)
    assert decision.has(ReasonCode.SENT_TO_COUNTER)


def test_biometric_mismatch_is_referred(passport: MakePassport, policy: BorderPolicy) -> None:
    decision = run(passport(nationality="SGP"), policy, biometric_match=False)
    assert decision.outcome is Outcome.REFER
    assert decision.has(ReasonCode.BIOMETRIC_MISMATCH)


def test_overstay_of_10_days_is_fined_ten_million_rupiah(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    stay = Stay(entered_at=date(2025, 1, 29), permitted_until=TODAY - timedelta(days=10))
    decision = run(passport(nationality="MYS"), policy, direction=Direction.EXIT, stay=stay)
    assert decision.outcome is Outcome.REFER
    assert decision.overstay is not None
    assert decision.overstay.days == 10
    assert decision.overstay.fine_idr == 10_000_000
    assert decision.codes == (ReasonCode.OVERSTAY,)


def test_overstay_fine_paid_at_the_counter_is_admitted(passport: MakePassport, policy: BorderPolicy) -> None:
    stay = Stay(entered_at=date(2025, 1, 29), permitted_until=TODAY - timedelta(days=10))
    decision = run(passport(nationality="MYS"), policy, direction=Direction.EXIT, stay=stay, fine_paid=True)
    assert decision.outcome is Outcome.ADMIT
    assert decision.codes == (ReasonCode.OVERSTAY_FINE_PAID,)


def test_overstay_of_60_days_is_referred(passport: MakePassport, policy: BorderPolicy) -> None:
    stay = Stay(entered_at=date(2024, 12, 1), permitted_until=TODAY - timedelta(days=60))
    decision = run(passport(nationality="AUS"), policy, direction=Direction.EXIT, stay=stay, fine_paid=True)
    assert decision.outcome is Outcome.REFER
    assert decision.overstay is not None
    assert decision.overstay.deportation
    assert decision.codes == (ReasonCode.OVERSTAY_DEPORTATION,)


def test_foreigner_leaving_without_a_stay_record_is_admitted_with_a_note(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="AUS"), policy, direction=Direction.EXIT, stay=None)
    assert decision.outcome is Outcome.ADMIT
    assert decision.codes == (ReasonCode.NO_STAY_RECORD,)


def test_citizen_leaving_has_no_stay_to_check(passport: MakePassport, policy: BorderPolicy) -> None:
    decision = run(passport(nationality="IDN"), policy, direction=Direction.EXIT, stay=None)
    assert decision.outcome is Outcome.ADMIT
    assert decision.overstay is None


def test_decision_time_without_timezone_is_invalid(passport: MakePassport, policy: BorderPolicy) -> None:
    with pytest.raises(InvalidInput):
        run(passport(), policy, at=NOW.replace(tzinfo=None))


def test_the_checkpoint_local_date_counts(passport: MakePassport, policy: BorderPolicy) -> None:
    # 23:30 UTC on 9 March is already 10 March in Jakarta: a passport expiring on 9 March has expired.
    at = datetime(2025, 3, 9, 23, 30, tzinfo=UTC).astimezone(WIB)
    decision = run(
        passport(nationality="IDN", expiry=date(2025, 3, 9)), policy, direction=Direction.EXIT, at=at
    )
    assert decision.outcome is Outcome.REFUSE


NATIONALITIES = ("IDN", "MYS", "AUS", "NGA", "D", "UTO")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    nationality=st.sampled_from(NATIONALITIES),
    expiry_days=st.integers(min_value=-400, max_value=4000),
    birth=st.sampled_from(["900101", "210601", "85<<<<"]),
    broken=st.booleans(),
    direction=st.sampled_from(list(Direction)),
    lane=st.sampled_from(list(LaneKind)),
    kinds=st.lists(st.sampled_from(WATCHLIST_KINDS), max_size=3),
    credential=st.sampled_from([None, "valid", "revoked", "wrong-passport"]),
    overstay_days=st.none() | st.integers(min_value=-30, max_value=120),
    biometric_match=st.sampled_from([True, False, None]),
    voa_paid=st.booleans(),
    fine_paid=st.booleans(),
)
def test_autogate_never_refuses_and_citizen_is_never_refused_entry(
    policy: BorderPolicy,
    signer: Signer,
    keys: KeySet,
    nationality: str,
    expiry_days: int,
    birth: str,
    broken: bool,
    direction: Direction,
    lane: LaneKind,
    kinds: list[str],
    credential: str | None,
    overstay_days: int | None,
    biometric_match: bool | None,
    voa_paid: bool,
    fine_paid: bool,
) -> None:
    lines = make_zone(
        format="TD3",
        document_type="P",
        issuing_state=nationality,
        surname="Traveller",
        given_names="Any",
        document_number="PA1234567",
        nationality=nationality,
        birth_date=birth,
        sex="X",
        expiry_date=(TODAY + timedelta(days=expiry_days)).strftime("%y%m%d"),
    )
    if broken:
        lines[1] = lines[1][:9] + ("0" if lines[1][9] != "0" else "1") + lines[1][10:]
    traveller = Traveller.from_zone(parse_zone(lines), today=TODAY)
    verification = None
    if credential is not None:
        number = "PB7654321" if credential == "wrong-passport" else "PA1234567"
        verification = evoa(signer, keys, number=number, revoked=credential == "revoked")
    stay = None
    if overstay_days is not None:
        end = TODAY - timedelta(days=overstay_days)
        stay = Stay(entered_at=end - timedelta(days=29), permitted_until=end)
    decision = run(
        traveller,
        policy,
        direction=direction,
        lane=lane,
        credential=verification,
        hits=[WatchlistHit(f"W-{index}", kind, 0.9) for index, kind in enumerate(kinds)],
        stay=stay,
        biometric_match=biometric_match,
        voa_paid=voa_paid,
        fine_paid=fine_paid,
    )
    if lane is LaneKind.AUTOGATE:
        assert decision.outcome is not Outcome.REFUSE
        assert (decision.outcome is Outcome.REFER) == decision.has(ReasonCode.SENT_TO_COUNTER)
    if nationality == "IDN" and direction is Direction.ENTRY:
        assert decision.outcome is not Outcome.REFUSE
    # The outcome is always the worst reason's, unless one of the two caps lowered it to refer.
    worst = max(
        (reason.outcome for reason in decision.reasons), key=lambda o: o.severity, default=Outcome.ADMIT
    )
    assert decision.outcome is worst or (worst is Outcome.REFUSE and decision.outcome is Outcome.REFER)
