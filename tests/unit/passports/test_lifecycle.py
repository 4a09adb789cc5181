"""Every lifecycle step and its guard; wrong steps name the current state and the allowed ones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gerbang.kernel.errors import Conflict, InvalidInput
from gerbang.passports.domain.lifecycle import NEXT, Facts, Status, Step, replay, transition

S = Status
AT = datetime(2026, 1, 5, tzinfo=UTC)
ALL_FACTS = Facts(
    slot_booked=True,
    payment_matched=True,
    photo_taken=True,
    fingerprints_taken=True,
    reason="documents differ",
    expired_from=S.AWAITING_PAYMENT,
)


@pytest.mark.parametrize(
    ("current", "target"), [(c, t) for c, targets in NEXT.items() for t in sorted(targets)]
)
def test_every_allowed_step_succeeds_when_its_guard_holds(current: Status, target: Status) -> None:
    assert transition(current, target, ALL_FACTS) is target


@pytest.mark.parametrize(("current", "target"), [(c, t) for c in S for t in S if t not in NEXT[c]])
def test_every_other_step_is_a_conflict_naming_the_allowed_ones(current: Status, target: Status) -> None:
    with pytest.raises(Conflict, match=f"is {current.value}; it cannot become {target.value}"):
        transition(current, target, ALL_FACTS)


def test_awaiting_payment_needs_a_booked_slot() -> None:
    with pytest.raises(Conflict, match="book an interview slot"):
        transition(S.SUBMITTED, S.AWAITING_PAYMENT, Facts())


def test_paid_needs_a_matched_payment() -> None:
    with pytest.raises(Conflict, match="no payment"):
        transition(S.AWAITING_PAYMENT, S.PAID, Facts())


def test_interview_needs_photo_and_fingerprints() -> None:
    with pytest.raises(InvalidInput, match="photo, fingerprints"):
        transition(S.PAID, S.INTERVIEWED, Facts())
    with pytest.raises(InvalidInput, match="fingerprints") as caught:
        transition(S.PAID, S.INTERVIEWED, Facts(photo_taken=True))
    assert caught.value.field == "fingerprints"


def test_rejection_needs_a_reason() -> None:
    with pytest.raises(InvalidInput, match="reason"):
        transition(S.INTERVIEWED, S.REJECTED, Facts(reason=" "))


def test_only_an_unpaid_expiry_with_its_slot_is_revived_by_payment() -> None:
    paid = Facts(payment_matched=True, slot_booked=True)
    with pytest.raises(Conflict, match="non-payment"):
        transition(S.EXPIRED, S.PAID, Facts(payment_matched=True, slot_booked=True, expired_from=S.READY))
    with pytest.raises(Conflict, match="slot"):
        transition(S.EXPIRED, S.PAID, Facts(payment_matched=True, expired_from=S.AWAITING_PAYMENT))
    assert (
        transition(S.EXPIRED, S.PAID, Facts(**(paid.__dict__ | {"expired_from": S.AWAITING_PAYMENT})))
        is S.PAID
    )


def test_final_states_allow_nothing() -> None:
    with pytest.raises(Conflict, match="none"):
        transition(S.HANDED_OVER, S.READY)


def test_a_history_replays_to_its_last_state() -> None:
    steps = [Step(s, AT, "t") for s in (S.SUBMITTED, S.AWAITING_PAYMENT, S.EXPIRED, S.PAID)]
    assert replay(steps) is S.PAID
    with pytest.raises(Conflict):
        replay([Step(S.SUBMITTED, AT, "t"), Step(S.PRINTED, AT, "t")])
