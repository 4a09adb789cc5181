"""Outcomes, their order, and an officer's override of a decision."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from gerbang.border.domain import (
    Decision,
    Direction,
    LaneKind,
    Outcome,
    Override,
    Reason,
    ReasonCode,
    most_severe,
    override,
)
from gerbang.kernel.errors import InvalidInput

WIB = timezone(timedelta(hours=7))
AT = datetime(2025, 3, 10, 9, 30, tzinfo=WIB)


def decision(outcome: Outcome, *, citizen: bool = False, direction: Direction = Direction.ENTRY) -> Decision:
    return Decision(
        outcome=outcome,
        reasons=(Reason(ReasonCode.VISA_REQUIRED, "Nationality NGA needs a visa.", outcome),),
        direction=direction,
        lane_kind=LaneKind.COUNTER,
        at=AT,
        citizen=citizen,
        nationality="IDN" if citizen else "NGA",
        document_number="A1234567",
    )


def test_refuse_outranks_refer_outranks_admit() -> None:
    assert most_severe([Outcome.ADMIT, Outcome.REFUSE, Outcome.REFER]) is Outcome.REFUSE
    assert most_severe([Outcome.ADMIT, Outcome.REFER]) is Outcome.REFER
    assert most_severe([Outcome.ADMIT]) is Outcome.ADMIT


def test_no_reasons_at_all_admits() -> None:
    assert most_severe([]) is Outcome.ADMIT


def test_reason_codes_are_stable_snake_case() -> None:
    for code in ReasonCode:
        assert code.value == code.name.lower()
        assert code.value.replace("_", "").isalnum()


def test_decision_lists_its_codes_and_answers_whether_it_has_one() -> None:
    made = decision(Outcome.REFER)
    assert made.codes == (ReasonCode.VISA_REQUIRED,)
    assert made.has("visa_required")
    assert not made.has(ReasonCode.ENTRY_BAN)


def test_override_records_the_original_decision_officer_and_reason() -> None:
    original = decision(Outcome.REFER)
    later = AT + timedelta(minutes=4)
    made = override(
        original,
        outcome=Outcome.ADMIT,
        reason="  Visa checked by  phone with the embassy ",
        officer="NIP 1987",
        at=later,
    )
    assert made == Override(
        original=original,
        outcome=Outcome.ADMIT,
        reason="Visa checked by phone with the embassy",
        officer="NIP 1987",
        at=later,
    )


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_override_without_a_reason_is_refused(reason: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        override(decision(Outcome.REFER), outcome=Outcome.ADMIT, reason=reason, officer="NIP 1987", at=AT)
    assert raised.value.field == "reason"


def test_override_without_an_officer_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        override(decision(Outcome.REFER), outcome=Outcome.ADMIT, reason="checked", officer=" ", at=AT)
    assert raised.value.field == "officer"


def test_override_to_the_same_outcome_is_refused() -> None:
    with pytest.raises(InvalidInput, match="already refer"):
        override(decision(Outcome.REFER), outcome=Outcome.REFER, reason="checked", officer="NIP 1987", at=AT)


def test_override_before_the_decision_or_without_timezone_is_refused() -> None:
    with pytest.raises(InvalidInput):
        override(
            decision(Outcome.REFER), outcome=Outcome.ADMIT, reason="ok", officer="NIP 1", at=AT - timedelta(1)
        )
    with pytest.raises(InvalidInput):
        override(
            decision(Outcome.REFER),
            outcome=Outcome.ADMIT,
            reason="ok",
            officer="NIP 1",
            at=AT.replace(tzinfo=None),
        )


def test_officer_cannot_override_to_refuse_a_citizen_entering() -> None:
    with pytest.raises(InvalidInput, match="citizen"):
        override(
            decision(Outcome.REFER, citizen=True), outcome=Outcome.REFUSE, reason="no", officer="NIP 1", at=AT
        )


def test_officer_may_override_to_refuse_a_citizen_leaving() -> None:
    made = override(
        decision(Outcome.REFER, citizen=True, direction=Direction.EXIT),
        outcome=Outcome.REFUSE,
        reason="Exit ban confirmed by phone with the requesting agency",
        officer="NIP 1",
        at=AT,
    )
    assert made.outcome is Outcome.REFUSE
    assert made.original.outcome is Outcome.REFER
