"""The floor supervisor's head count: arrived by now, less those the checkpoint has decided, per queue."""

from __future__ import annotations

from gerbang.recovery.drill.driver.border import Ack
from gerbang.recovery.drill.driver.supervisor import QUEUE_OF, head_counts
from gerbang.recovery.drill.plan import LANE_TYPES, Planned


def ack(serial: int, lane_type: str, sent: float) -> Ack:
    return Ack(str(serial), sent, sent, lane_type, "admit", False, None)


PLAN = [
    Planned(10.0, "autogate", 1),
    Planned(11.0, "citizen counter", 2),
    Planned(12.0, "foreigner counter", 3),
    Planned(12.5, "e-VoA", 4),
    Planned(13.0, "hit", 5, hit="entry-ban"),
    Planned(20.0, "autogate", 6),
]


def test_everyone_arrived_and_undecided_is_waiting_in_their_queue() -> None:
    assert head_counts(PLAN, [], 13.0) == {"citizens": 1, "foreigners": 4}


def test_a_decided_crossing_leaves_its_line_and_a_traveller_not_yet_arrived_is_not_counted() -> None:
    decided = [ack(1, "autogate", 10.5), ack(3, "foreigner counter", 12.4)]
    assert head_counts(PLAN, decided, 12.0) == {"citizens": 0, "foreigners": 1}
    assert head_counts(PLAN, decided, 25.0) == {"citizens": 1, "foreigners": 3}


def test_a_line_is_never_negative_and_every_lane_type_has_a_queue() -> None:
    # More decided than arrived (a count read while an acknowledgement lands) is nobody waiting.
    early = [ack(6, "autogate", 9.0), ack(1, "autogate", 10.0)]
    assert head_counts(PLAN, early, 10.0) == {"citizens": 0, "foreigners": 0}
    assert set(QUEUE_OF) == {*LANE_TYPES, "hit"}
