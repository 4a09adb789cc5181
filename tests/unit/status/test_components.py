"""Component states from probes: the center, checkpoints, offices, and a monitor that cannot see."""

from __future__ import annotations

from gerbang.status.domain import (
    Kind,
    Probe,
    State,
    assess_center,
    assess_checkpoint,
    assess_office,
    backlog_draining,
    catalogue,
    is_blind,
    worst,
)

UP = Probe(ok=True, status=200, seconds=0.05)
REFUSED = Probe(ok=False)
SILENT = Probe(ok=False, timed_out=True)


def health(**overrides: object) -> Probe:
    body = {"center_reachable": True, "outbox_backlog": 0, "reference_version": 3, "reference_stale": False}
    return Probe(ok=True, status=200, body={**body, **overrides})


def test_center_that_does_not_answer_readyz_is_a_major_outage() -> None:
    assert assess_center(REFUSED, REFUSED, slow_after_s=2) is State.MAJOR_OUTAGE


def test_center_ready_but_refusing_the_authenticated_call_is_a_partial_outage() -> None:
    assert assess_center(UP, Probe(ok=False, status=401), slow_after_s=2) is State.PARTIAL_OUTAGE


def test_slow_center_is_degraded_and_a_quick_one_operational() -> None:
    assert assess_center(UP, Probe(ok=True, seconds=2.5), slow_after_s=2) is State.DEGRADED
    assert assess_center(UP, UP, slow_after_s=2) is State.OPERATIONAL


def test_checkpoint_deciding_offline_while_the_center_is_down_is_operational() -> None:
    probe = health(center_reachable=False, outbox_backlog=40)
    assert (
        assess_checkpoint(probe, center_up=False, backlog_history=[], draining_window=3) is State.OPERATIONAL
    )


def test_checkpoint_without_reference_data_cannot_decide_properly() -> None:
    probe = health(reference_version=0)
    assert (
        assess_checkpoint(probe, center_up=True, backlog_history=[], draining_window=3)
        is State.PARTIAL_OUTAGE
    )


def test_silent_or_garbled_checkpoint_is_a_major_outage() -> None:
    garbled = Probe(ok=True, status=200, body={"hello": 1})
    for probe in (SILENT, garbled):
        assert (
            assess_checkpoint(probe, center_up=True, backlog_history=[], draining_window=3)
            is State.MAJOR_OUTAGE
        )


def test_checkpoint_cut_off_from_a_working_center_is_degraded() -> None:
    probe = health(center_reachable=False)
    assert assess_checkpoint(probe, center_up=True, backlog_history=[], draining_window=3) is State.DEGRADED


def test_backlog_that_never_falls_while_the_center_is_up_is_degraded() -> None:
    probe = health(outbox_backlog=30)
    stuck = assess_checkpoint(probe, center_up=True, backlog_history=[30, 30, 30], draining_window=3)
    moving = assess_checkpoint(probe, center_up=True, backlog_history=[50, 40, 30], draining_window=3)
    assert (stuck, moving) == (State.DEGRADED, State.OPERATIONAL)


def test_backlog_draining_needs_a_full_window_and_ignores_an_empty_outbox() -> None:
    assert backlog_draining([9, 9], window=3)
    assert backlog_draining([5, 5, 0], window=3)
    assert not backlog_draining([5, 6, 7], window=3)
    assert backlog_draining([7, 6, 9], window=3)


def test_office_is_up_while_its_node_answers() -> None:
    assert (assess_office(UP), assess_office(REFUSED)) == (State.OPERATIONAL, State.MAJOR_OUTAGE)


def test_monitor_is_blind_when_its_control_probe_fails() -> None:
    assert is_blind(control=REFUSED, targets=[UP, UP])


def test_monitor_is_blind_when_every_target_goes_silent_at_once() -> None:
    assert is_blind(control=UP, targets=[SILENT, SILENT, SILENT])


def test_one_node_refusing_is_an_outage_not_blindness() -> None:
    assert not is_blind(control=UP, targets=[REFUSED, REFUSED, UP])
    assert not is_blind(control=UP, targets=[SILENT, UP])


def test_catalogue_lists_the_center_services_then_each_checkpoint_and_office() -> None:
    parts = catalogue(checkpoints=[("cgk", "CGK")], offices=[("jaksel", "Jakarta Selatan")])
    assert [p.id for p in parts] == [
        "passports",
        "portal",
        "visas",
        "evoa",
        "checkpoint-cgk",
        "office-jaksel",
    ]
    assert {p.group for p in parts if p.kind is Kind.CENTER} == {"center"}
    assert parts[4].name("id") == "Pemeriksaan CGK"
    assert parts[4].name("en") == "Checkpoint CGK"


def test_worst_state_orders_outages_above_unknown_above_operational() -> None:
    assert worst([State.OPERATIONAL, State.UNKNOWN]) is State.UNKNOWN
    assert worst([State.UNKNOWN, State.MAJOR_OUTAGE, State.DEGRADED]) is State.MAJOR_OUTAGE
    assert worst([]) is State.OPERATIONAL


def test_checkpoint_is_not_blamed_while_the_center_has_just_changed() -> None:
    behind = health(center_reachable=False, outbox_backlog=30)
    assert (
        assess_checkpoint(
            behind, center_up=True, backlog_history=[30, 30, 30], draining_window=3, center_settled=False
        )
        is State.OPERATIONAL
    )
    for silent in (SILENT, REFUSED):
        unsettled = assess_checkpoint(
            silent, center_up=False, backlog_history=[], draining_window=3, center_settled=False
        )
        settled = assess_checkpoint(silent, center_up=False, backlog_history=[], draining_window=3)
        assert (unsettled, settled) == (State.UNKNOWN, State.MAJOR_OUTAGE)
