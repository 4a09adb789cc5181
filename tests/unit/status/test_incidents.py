"""Incident rules: N failed rounds open, M good rounds resolve, blind rounds count for nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gerbang.status.domain import Rules, State, Streak, Window, advance, plan_group, update_due
from gerbang.status.domain.incidents import opens_within, under_maintenance

T0 = datetime(2024, 6, 20, 4, 15, tzinfo=UTC)
RULES = Rules(fail_after=3, recover_after=2, update_every=timedelta(minutes=30))


def run(states: list[State], streak: Streak | None = None) -> Streak:
    streak = streak or Streak()
    for n, state in enumerate(states):
        streak = advance(streak, state, at=T0 + timedelta(seconds=10 * n))
    return streak


def test_failures_in_a_row_count_and_remember_when_they_began() -> None:
    streak = run([State.OPERATIONAL, State.MAJOR_OUTAGE, State.MAJOR_OUTAGE])
    assert (streak.failures, streak.successes, streak.failing_since) == (2, 0, T0 + timedelta(seconds=10))


def test_a_good_round_breaks_a_failure_streak() -> None:
    streak = run([State.MAJOR_OUTAGE, State.MAJOR_OUTAGE, State.OPERATIONAL])
    assert (streak.failures, streak.successes, streak.failing_since) == (0, 1, None)


def test_blind_rounds_neither_fail_nor_recover() -> None:
    before = run([State.MAJOR_OUTAGE, State.MAJOR_OUTAGE])
    assert run([State.UNKNOWN, State.UNKNOWN], before) == before


def test_incident_opens_on_the_nth_failure_and_not_before() -> None:
    two = {"passports": run([State.MAJOR_OUTAGE] * 2)}
    three = {"passports": run([State.MAJOR_OUTAGE] * 3)}
    assert plan_group(two, open_components=None, rules=RULES).nothing
    assert plan_group(three, open_components=None, rules=RULES).open == ("passports",)


def test_degraded_counts_as_failing() -> None:
    plan = plan_group({"c": run([State.DEGRADED] * 3)}, open_components=None, rules=RULES)
    assert plan.open == ("c",)


def test_more_components_failing_join_the_open_incident() -> None:
    streaks = {"passports": run([State.MAJOR_OUTAGE] * 4), "visas": run([State.MAJOR_OUTAGE] * 3)}
    plan = plan_group(streaks, open_components=frozenset({"passports"}), rules=RULES)
    assert (plan.join, plan.resolve) == (("visas",), False)


def test_incident_resolves_only_after_m_good_rounds_of_all_its_components() -> None:
    one = {"a": run([State.OPERATIONAL]), "b": run([State.OPERATIONAL] * 2)}
    both = {"a": run([State.OPERATIONAL] * 2), "b": run([State.OPERATIONAL] * 2)}
    assert not plan_group(one, open_components=frozenset({"a", "b"}), rules=RULES).resolve
    assert plan_group(both, open_components=frozenset({"a", "b"}), rules=RULES).resolve


def test_maintenance_suppresses_an_automatic_incident() -> None:
    streaks = {"visas": run([State.MAJOR_OUTAGE] * 5)}
    plan = plan_group(streaks, open_components=None, rules=RULES, suppressed=frozenset({"visas"}))
    assert plan.nothing


def test_update_is_due_once_the_interval_has_passed() -> None:
    assert not update_due(last_update_at=T0, now=T0 + timedelta(minutes=29, seconds=59), rules=RULES)
    assert update_due(last_update_at=T0, now=T0 + timedelta(minutes=30), rules=RULES)


def test_default_probe_schedule_opens_an_incident_within_a_minute() -> None:
    limit = opens_within(Rules(), interval=timedelta(seconds=10), timeout=timedelta(seconds=3))
    assert limit <= timedelta(seconds=60)


def test_rules_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Rules(fail_after=0)
    with pytest.raises(ValueError, match="positive"):
        Rules(update_every=timedelta(0))


def test_maintenance_window_phases_and_active_components() -> None:
    window = Window(T0, T0 + timedelta(hours=1), frozenset({"visas"}))
    assert [window.phase(T0 - timedelta(1)), window.phase(T0), window.phase(T0 + timedelta(hours=1))] == [
        "scheduled",
        "in_progress",
        "completed",
    ]
    assert under_maintenance([window], T0 + timedelta(minutes=5)) == {"visas"}
    assert under_maintenance([window], T0 + timedelta(hours=2)) == frozenset()
