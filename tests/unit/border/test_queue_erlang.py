"""Erlang C through Erlang B: known values, stability at scale, and the fewest counters for a target."""

from __future__ import annotations

import math

import pytest

from gerbang.border.domain.queueing.erlang import erlang_b, erlang_c, smallest_servers, staffing
from gerbang.kernel.errors import InvalidInput


def test_erlang_b_matches_the_closed_form_on_small_cases() -> None:
    for servers, load in ((1, 0.5), (3, 2.0), (10, 7.5)):
        terms = [load**k / math.factorial(k) for k in range(servers + 1)]
        assert erlang_b(servers, load) == pytest.approx(terms[-1] / sum(terms), rel=1e-12)


def test_erlang_c_of_one_server_is_its_utilisation() -> None:
    assert erlang_c(1, 0.7) == pytest.approx(0.7)


def test_erlang_c_known_value_for_a_call_centre_textbook_case() -> None:
    # 10 agents, 8 erlangs offered: C = 0.409 (standard tables).
    assert erlang_c(10, 8.0) == pytest.approx(0.4087, abs=5e-4)


def test_erlang_c_stays_finite_for_hundreds_of_counters() -> None:
    found = erlang_c(600, 580.0)
    assert 0 < found < 1
    assert math.isfinite(found)


def test_an_overloaded_queue_always_waits_and_never_meets_a_target() -> None:
    result = staffing(5, arrivals_per_min=6, service_min=1, target_min=15)
    assert result.wait_probability == 1.0
    assert result.within_target == 0.0
    assert math.isinf(result.mean_wait_min)


def test_smallest_servers_is_the_first_count_meeting_the_target() -> None:
    found = smallest_servers(arrivals_per_min=8, service_min=1.5, target_min=2, share=0.95)
    assert found.within_target >= 0.95
    fewer = staffing(found.servers - 1, arrivals_per_min=8, service_min=1.5, target_min=2)
    assert fewer.within_target < 0.95


def test_no_arrivals_need_no_counters() -> None:
    assert smallest_servers(arrivals_per_min=0, service_min=1, target_min=15, share=0.95).servers == 0


def test_a_share_outside_0_and_1_is_refused() -> None:
    with pytest.raises(InvalidInput):
        smallest_servers(arrivals_per_min=1, service_min=1, target_min=15, share=1.5)
