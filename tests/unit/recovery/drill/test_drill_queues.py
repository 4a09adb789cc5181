"""The checkpoint's measured queue waits, per queue and 15 scenario minutes, beside the advice."""

from __future__ import annotations

from gerbang.recovery.drill.queues import TARGET_MIN, longest_waited, measured_queues, queue_waits


def board(minute: float, **waits: tuple[float | None, int]) -> dict[str, object]:
    return {
        "minute": minute,
        "offline": False,
        "queues": [
            {"queue": q, "wait_min": w, "line": line, "lanes_open": 2, "advised_counters": 3}
            for q, (w, line) in waits.items()
        ],
    }


FORECAST = [
    {"minute": 240, "counters_advised": 4, "offline": False},
    {"minute": 255, "counters_advised": 9, "offline": True},
    {"minute": 270, "counters_advised": 6, "offline": True},
]


def test_each_slice_keeps_the_longest_wait_in_scenario_minutes_beside_the_counters_advised() -> None:
    boards = [
        board(241, citizens=(0.01, 3), foreigners=(0.02, 5)),
        board(250, citizens=(0.03, 8), foreigners=(None, 0)),
        board(256, foreigners=(0.1, 40)),
    ]
    rows = queue_waits(boards, FORECAST, speed=240)
    assert [r["counters_advised"] for r in rows] == [4, 9, 6]
    first = rows[0]["queues"]
    assert first["citizens"]["wait_min"] == 7.2  # 0.03 wall minutes at 240x
    assert first["citizens"]["line"] == 8
    assert first["foreigners"]["wait_min"] == 4.8
    assert rows[1]["queues"]["foreigners"]["wait_min"] == 24.0
    assert rows[1]["over_target"] == ["foreigners"]
    assert rows[0]["over_target"] == []
    assert rows[2]["queues"] == {}


def test_a_queue_without_an_open_lane_has_no_wait_and_no_slice_invents_one() -> None:
    rows = queue_waits([board(241, crew=(None, 0))], FORECAST[:1], speed=200)
    assert rows[0]["queues"]["crew"]["wait_min"] is None
    assert rows[0]["over_target"] == []
    assert TARGET_MIN == 15.0


def test_queues_are_named_in_the_order_the_checkpoint_reported_them() -> None:
    rows = queue_waits(
        [board(241, foreigners=(0.0, 0)), board(256, citizens=(0.0, 0), foreigners=(0.0, 0))],
        FORECAST,
        speed=240,
    )
    assert measured_queues(rows) == ["foreigners", "citizens"]


def test_the_drivers_own_waits_count_each_traveller_in_the_slice_they_arrived_in() -> None:
    sent = [("citizens", 241.0, 243.5), ("citizens", 250.0, 250.2), ("foreigners", 254.9, 262.0)]
    sent += [("foreigners", 256.0, 256.0)]
    assert longest_waited(sent, FORECAST) == [{"citizens": 2.5, "foreigners": 7.1}, {"foreigners": 0.0}, {}]
