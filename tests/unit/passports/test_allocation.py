"""The fair allocator: a draw, not first-come; one booking per NIK; a cap per account."""

from __future__ import annotations

import random

from gerbang.passports.domain.allocation import Request, allocate


def _requests(n: int, account: str = "a") -> list[Request]:
    return [Request(f"r{i:03d}", f"{account}{i}", f"nik{i}") for i in range(n)]


def test_the_draw_is_not_first_come() -> None:
    requests = _requests(100)
    firsts = {
        allocate(requests, quota=10, rng=random.Random(seed), per_account_limit=5).granted
        for seed in range(5)
    }
    arrival = tuple(r.key for r in requests[:10])
    assert arrival not in firsts
    assert len(firsts) == 5  # different seeds, different winners


def test_the_outcome_depends_on_the_seed_not_the_order_given() -> None:
    requests = _requests(50)
    forward = allocate(requests, quota=7, rng=random.Random(3), per_account_limit=5)
    backward = allocate(list(reversed(requests)), quota=7, rng=random.Random(3), per_account_limit=5)
    assert forward.granted == backward.granted


def test_no_more_than_the_quota_is_granted_and_the_rest_is_told_why() -> None:
    outcome = allocate(_requests(20), quota=4, rng=random.Random(1), per_account_limit=5)
    assert len(outcome.granted) == 4
    assert set(outcome.refused.values()) == {"the quota was filled by the draw"}


def test_a_nik_wins_at_most_once_and_a_busy_nik_not_at_all() -> None:
    requests = [Request(f"k{i}", f"acc{i}", "same-nik") for i in range(5)] + [Request("x", "acc9", "busy")]
    outcome = allocate(requests, quota=5, rng=random.Random(2), per_account_limit=5, busy_niks=["busy"])
    assert len(outcome.granted) == 1
    assert outcome.refused["x"] == "this NIK already holds a booking"


def test_a_scalper_account_with_many_niks_is_capped() -> None:
    scalper = [Request(f"s{i}", "scalper", f"nik-s{i}") for i in range(50)]
    people = [Request(f"p{i}", f"person{i}", f"nik-p{i}") for i in range(10)]
    outcome = allocate(scalper + people, quota=30, rng=random.Random(4), per_account_limit=5)
    assert sum(key.startswith("s") for key in outcome.granted) == 5
    assert sum(key.startswith("p") for key in outcome.granted) == 10
    capped = allocate(
        scalper, quota=30, rng=random.Random(4), per_account_limit=5, account_active={"scalper": 3}
    )
    assert len(capped.granted) == 2
