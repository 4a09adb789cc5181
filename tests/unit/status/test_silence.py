"""Silence is not yet an outage: a node whose probes only time out opens an incident once it lasted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gerbang.status.domain import Probe, Rules, State, Streak, advance, is_down, only_silence, plan_group
from gerbang.status.domain.incidents import opens_within

T0 = datetime(2024, 6, 20, 4, 15, tzinfo=UTC)
# The drill's compressed schedule: rounds under 2 s, so three of them are a few seconds of a busy host.
EVERY = timedelta(seconds=1.875)
RULES = Rules(fail_after=3, recover_after=2, silence_for=timedelta(seconds=20))


def rounds(count: int, *, silent: bool, state: State = State.MAJOR_OUTAGE) -> tuple[Streak, datetime]:
    streak, at = Streak(), T0
    for n in range(count):
        at = T0 + EVERY * n
        streak = advance(streak, state, at=at, silent=silent)
    return streak, at


def test_three_timed_out_rounds_of_a_busy_node_open_nothing() -> None:
    streak, at = rounds(4, silent=True)  # about the 8 s a checkpoint stalls when traffic starts
    assert streak.failures == 4
    assert streak.answered == 0
    assert not is_down(streak, rules=RULES, at=at)
    assert plan_group({"checkpoint-cgk": streak}, open_components=None, rules=RULES, at=at).nothing


def test_silence_that_lasts_opens_the_incident() -> None:
    streak, at = rounds(12, silent=True)  # 20.6 s of silence
    assert is_down(streak, rules=RULES, at=at)
    plan = plan_group({"checkpoint-cgk": streak}, open_components=None, rules=RULES, at=at)
    assert plan.open == ("checkpoint-cgk",)


def test_a_refusal_opens_after_the_rounds_alone() -> None:
    streak, at = rounds(3, silent=False)  # a killed process refuses the connection
    assert streak.answered == 3
    assert plan_group({"passports": streak}, open_components=None, rules=RULES, at=at).open == ("passports",)


def test_one_answered_failure_among_timeouts_confirms_the_streak() -> None:
    streak, at = rounds(2, silent=True)
    streak = advance(streak, State.MAJOR_OUTAGE, at=at + EVERY, silent=False)
    assert is_down(streak, rules=RULES, at=at + EVERY)


def test_a_good_round_ends_the_silence() -> None:
    streak, at = rounds(11, silent=True)
    streak = advance(streak, State.OPERATIONAL, at=at + EVERY)
    streak = advance(streak, State.MAJOR_OUTAGE, at=at + 2 * EVERY, silent=True)
    assert streak.failing_since == at + 2 * EVERY
    assert not is_down(streak, rules=RULES, at=at + 2 * EVERY)


def test_without_a_silence_rule_rounds_alone_count() -> None:
    streak, at = rounds(3, silent=True)
    assert is_down(streak, rules=Rules(fail_after=3), at=at)


def test_only_probes_that_timed_out_are_silence() -> None:
    timed_out, refused, fine = Probe(ok=False, timed_out=True), Probe(ok=False), Probe(ok=True)
    assert only_silence([timed_out, fine])
    assert not only_silence([timed_out, refused])
    assert not only_silence([fine])
    assert not only_silence([])


def test_the_silence_rule_keeps_the_promise_of_a_minute() -> None:
    limit = opens_within(RULES, interval=EVERY, timeout=timedelta(seconds=1.5))
    assert limit == timedelta(seconds=20) + EVERY + timedelta(seconds=1.5)
    assert limit <= timedelta(seconds=60)
    with pytest.raises(ValueError, match="negative"):
        Rules(silence_for=timedelta(seconds=-1))
