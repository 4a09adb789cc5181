"""Reconciliation: acknowledged records against what the center holds, by edge and type."""

from __future__ import annotations

from gerbang.recovery.drill.reconcile import reconcile


def test_everything_held_once_reconciles_clean() -> None:
    [line] = reconcile({("cgk", "crossing"): ["a", "b"]}, {("cgk", "crossing"): ["b", "a"]})
    assert line.ok
    assert (line.acknowledged, line.held, line.missing, line.doubled) == (2, 2, [], [])


def test_an_acknowledged_record_the_center_lacks_is_missing_by_id() -> None:
    [line] = reconcile({("cgk", "crossing"): ["a", "b", "c"]}, {("cgk", "crossing"): ["a"]})
    assert line.missing == ["b", "c"]
    assert not line.ok


def test_a_record_held_twice_is_doubled() -> None:
    [line] = reconcile({("jks", "passport-interview"): ["a"]}, {("jks", "passport-interview"): ["a", "a"]})
    assert line.doubled == ["a"]
    assert line.held == 2


def test_records_held_but_never_acknowledged_are_counted_apart_and_do_not_fail() -> None:
    [line] = reconcile({("cgk", "crossing"): ["a"]}, {("cgk", "crossing"): ["a", "z"]})
    assert line.unexpected == 1
    assert line.ok


def test_each_edge_and_type_is_its_own_line() -> None:
    lines = reconcile(
        {("cgk", "crossing"): ["a"], ("jks", "passport-handover"): ["h"]},
        {("cgk", "crossing"): ["a"]},
    )
    assert [(line.edge, line.record_type) for line in lines] == [
        ("cgk", "crossing"),
        ("jks", "passport-handover"),
    ]
    assert lines[1].missing == ["h"]
