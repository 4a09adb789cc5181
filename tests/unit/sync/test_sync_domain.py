"""Retry backoff and reference-data age."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gerbang.sync.domain import backoff_delay, reference_age


def test_backoff_doubles_from_the_base_up_to_the_cap() -> None:
    delays = [backoff_delay(n, base=0.5, cap=30) for n in range(1, 10)]
    assert delays[:5] == [0.5, 1.0, 2.0, 4.0, 8.0]
    assert max(delays) == 30


def test_jitter_shortens_the_wait_by_at_most_half() -> None:
    assert backoff_delay(4, base=1, cap=60, jitter=0.999) == pytest.approx(4.002, rel=1e-3)
    assert backoff_delay(4, base=1, cap=60, jitter=0.0) == 8


def test_no_wait_before_the_first_attempt() -> None:
    assert backoff_delay(0) == 0


def test_reference_data_turns_stale_after_its_maximum_age() -> None:
    issued = datetime(2026, 6, 20, 4, 0, tzinfo=UTC)
    fresh = reference_age(
        version=3, issued_at=issued, now=issued + timedelta(hours=5), max_age=timedelta(hours=6)
    )
    old = reference_age(
        version=3, issued_at=issued, now=issued + timedelta(hours=7), max_age=timedelta(hours=6)
    )
    assert (fresh.stale, old.stale) == (False, True)
    assert old.age == timedelta(hours=7)


def test_an_old_snapshot_the_center_confirmed_lately_is_not_stale() -> None:
    issued = datetime(2026, 6, 20, 4, 0, tzinfo=UTC)
    now = issued + timedelta(hours=7)
    confirmed = reference_age(
        version=3,
        issued_at=issued,
        now=now,
        max_age=timedelta(hours=6),
        checked_at=now - timedelta(minutes=1),
    )
    assert (confirmed.stale, confirmed.age, confirmed.unconfirmed_for) == (
        False,
        timedelta(hours=7),
        timedelta(minutes=1),
    )
    quiet = reference_age(
        version=3,
        issued_at=issued,
        now=now + timedelta(hours=6, minutes=2),
        max_age=timedelta(hours=6),
        checked_at=now,
    )
    assert quiet.stale
    assert quiet.checked_at == now


def test_a_confirmation_older_than_the_snapshot_counts_from_the_snapshot() -> None:
    issued = datetime(2026, 6, 20, 4, 0, tzinfo=UTC)
    age = reference_age(
        version=3,
        issued_at=issued,
        now=issued + timedelta(hours=1),
        max_age=timedelta(hours=6),
        checked_at=issued - timedelta(days=1),
    )
    assert (age.checked_at, age.unconfirmed_for, age.stale) == (issued, timedelta(hours=1), False)
