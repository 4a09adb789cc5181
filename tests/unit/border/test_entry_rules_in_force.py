"""The entry rules as the law stands: each test names the rule and checks the source the policy cites."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

import pytest

from gerbang.border.domain import (
    BorderPolicy,
    Decision,
    Direction,
    LaneKind,
    Outcome,
    ReasonCode,
    Traveller,
    consistent_with,
    decide,
)
from gerbang.border.domain.rules import document_reasons

MakePassport = Callable[..., Traveller]
WIB = timezone(timedelta(hours=7))
NOW = datetime(2025, 3, 10, 9, 30, tzinfo=WIB)
FIVE_MONTHS = date(2025, 8, 10)


def run(
    traveller: Traveller,
    policy: BorderPolicy,
    *,
    lane: LaneKind = LaneKind.COUNTER,
    voa_paid: bool = False,
    at: datetime = NOW,
) -> Decision:
    return decide(
        traveller=traveller,
        direction=Direction.ENTRY,
        lane_kind=lane,
        at=at,
        policy=policy,
        credential=None,
        hits=(),
        stay=None,
        biometric_match=True,
        voa_paid_at_counter=voa_paid,
    )


# Permenkumham 9/2024: a foreigner with under six months left is refused, from 18 June 2024.


def test_permenkumham_9_2024_refuses_a_foreigner_with_under_6_months_at_a_counter(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="MYS", expiry=FIVE_MONTHS), policy)
    assert decision.outcome is Outcome.REFUSE
    validity = next(r for r in decision.reasons if r.code is ReasonCode.PASSPORT_VALIDITY_UNDER_6_MONTHS)
    assert validity.outcome is Outcome.REFUSE
    assert "Permenkumham 9/2024" in validity.message
    assert "Permenkumham 9/2024" in policy.entry_requirements(NOW.date()).source


def test_permenkumham_9_2024_is_in_force_from_18_june_2024_and_not_before(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    assert policy.entry_requirements(date(2024, 6, 18)).short_validity == "refuse"
    assert policy.entry_requirements(date(2024, 6, 17)).short_validity == "refer"
    traveller = passport(nationality="MYS", expiry=date(2024, 10, 1), today=date(2024, 6, 17))
    for day, outcome in ((date(2024, 6, 17), Outcome.REFER), (date(2024, 6, 18), Outcome.REFUSE)):
        reasons = document_reasons(
            traveller, direction=Direction.ENTRY, day=day, requirements=policy.entry_requirements(day)
        )
        assert [(r.code, r.outcome) for r in reasons] == [
            (ReasonCode.PASSPORT_VALIDITY_UNDER_6_MONTHS, outcome)
        ]


def test_an_autogate_refers_a_foreigner_with_under_6_months_and_never_refuses(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="MYS", expiry=FIVE_MONTHS), policy, lane=LaneKind.AUTOGATE)
    assert decision.outcome is Outcome.REFER
    assert decision.has(ReasonCode.SENT_TO_COUNTER)


def test_uu_6_2011_art_14_admits_a_citizen_with_under_6_months(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="IDN", expiry=FIVE_MONTHS), policy)
    assert decision.outcome is Outcome.ADMIT
    assert not decision.has(ReasonCode.PASSPORT_VALIDITY_UNDER_6_MONTHS)
    assert "art. 14(1)" in policy.entry_requirements(NOW.date()).source


# UU 6/2011 art. 13(1)(d): no visa, not exempt, not eligible for one on arrival: refused.


@pytest.mark.parametrize("nationality", ["NGA", "PAK", "AFG"])
def test_uu_6_2011_art_13_1_d_refuses_a_national_needing_a_visa_who_has_none(
    passport: MakePassport, policy: BorderPolicy, nationality: str
) -> None:
    decision = run(passport(nationality=nationality), policy)
    assert decision.outcome is Outcome.REFUSE
    assert decision.codes == (ReasonCode.VISA_REQUIRED,)
    assert "art. 13(1)(d)" in decision.reasons[0].message


def test_a_voa_paid_by_a_national_not_on_the_voa_list_is_not_a_visa(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="NGA"), policy, voa_paid=True)
    assert decision.outcome is Outcome.REFUSE
    assert decision.codes == (ReasonCode.VISA_ON_ARRIVAL_NOT_ELIGIBLE,)
    assert decision.permitted_until is None
    assert "Refund the fee" in decision.reasons[0].message


def test_a_national_needing_a_visa_is_sent_to_a_counter_by_an_autogate(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    assert run(passport(nationality="NGA"), policy, lane=LaneKind.AUTOGATE).outcome is Outcome.REFER


def test_a_refused_traveller_is_never_told_to_buy_a_visa_on_arrival(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    # VoA-eligible, not paid, and refused on the validity rule: the VoA reason must not offer a sale.
    decision = run(passport(nationality="AUS", expiry=FIVE_MONTHS), policy)
    assert decision.outcome is Outcome.REFUSE
    voa = next(r for r in decision.reasons if r.code is ReasonCode.VISA_ON_ARRIVAL_NOT_PAID)
    assert "Collect the fee" not in voa.message
    assert "do not sell one" in voa.message


def test_a_voa_eligible_national_who_is_not_refused_is_still_offered_one(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    decision = run(passport(nationality="AUS"), policy)
    assert decision.outcome is Outcome.REFER
    assert "Collect the fee" in decision.reasons[0].message


# Kepmenkumham M.HH-02.GR.01.06/2024 (9 January 2024): the visa-on-arrival list.


def test_kepmenkumham_2024_adds_mongolia_to_the_voa_list(policy: BorderPolicy) -> None:
    assert not policy.visa_on_arrival(date(2024, 1, 8)).includes("MNG")
    voa = policy.visa_on_arrival(date(2024, 1, 9))
    assert voa.includes("MNG")
    assert "M.HH-02.GR.01.06/2024" in (voa.source_of("MNG") or "")


def test_kepmenkumham_2024_removes_panama_from_the_voa_list(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    assert policy.visa_on_arrival(date(2024, 1, 8)).includes("PAN")
    assert not policy.visa_on_arrival(date(2024, 1, 9)).includes("PAN")
    assert run(passport(nationality="PAN"), policy).outcome is Outcome.REFUSE


def test_every_voa_entry_of_2024_names_the_act_that_listed_it(policy: BorderPolicy) -> None:
    voa = policy.visa_on_arrival(NOW.date())
    assert len(voa.nationalities) == 93
    for code in voa.nationalities:
        assert set(voa.entry_sources) == set(voa.nationalities)
        assert any(act in voa.entry_sources[code] for act in ("IMI-", "M.HH-02.GR.01.06/2024")), code
    assert "IMI-0018.GR.01.01" in voa.entry_sources["KAZ"]
    assert "IMI-0076.GR.01.01" in voa.entry_sources["KEN"]
    assert "IMI-0186.GR.01.01" in voa.entry_sources["VEN"]


def test_the_2023_voa_list_counts_the_92_nationalities_the_directorate_announced(
    policy: BorderPolicy,
) -> None:
    assert len(policy.visa_on_arrival(date(2023, 5, 1)).nationalities) == 92


def test_a_policy_whose_entry_sources_miss_a_nationality_is_rejected() -> None:
    from gerbang.border.packaged_policy import packaged_policy_document
    from gerbang.kernel.errors import MalformedInput

    document = packaged_policy_document()
    row = document["visa_on_arrival"][-1]
    row["entry_sources"] = {"some act": [code for code in row["nationalities"] if code != "MNG"]}
    with pytest.raises(MalformedInput, match="MNG"):
        BorderPolicy.from_json(document)


def test_fees_read_with_indonesian_separators(passport: MakePassport, policy: BorderPolicy) -> None:
    decision = run(passport(nationality="AUS"), policy)
    voa = next(r for r in decision.reasons if r.code is ReasonCode.VISA_ON_ARRIVAL_NOT_PAID)
    assert "Rp 500.000" in voa.message
    assert "500,000" not in voa.message


def test_reasons_follow_an_override_to_refuse_and_stand_for_any_other_outcome(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    offered = list(run(passport(nationality="AUS"), policy).reasons)
    assert consistent_with(Outcome.REFER, offered) == offered
    refused = consistent_with(Outcome.REFUSE, offered)
    assert [r.code for r in refused] == [r.code for r in offered]
    assert all("Collect the fee" not in r.message for r in refused)
    assert any("do not sell one" in r.message for r in refused)
