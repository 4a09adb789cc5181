"""Every name the drill's report shows reads from the catalogue in both languages, never as a raw key."""

from __future__ import annotations

import typing

import pytest

from gerbang import words
from gerbang.border.domain.queueing.forecast import QUEUES
from gerbang.recovery.drill import charts
from gerbang.recovery.drill.plan import LANE_TYPES
from gerbang.recovery.drill.scenario import Hit

EVENTS = (
    "backup",
    "attack",
    "listed",
    "interviews",
    "handovers",
    "status_update",
    "restore",
    "promote",
    "serve",
    "end",
)
RECORDS = ("crossing", "passport-interview", "passport-handover", "payment")
NOTICES = ("submitted", "payment_received", "due_extended", "surcharge_refunded")
HITS = (*typing.get_args(Hit.model_fields["who"].annotation), "listed-during-outage")


@pytest.mark.parametrize(
    "reason",
    [charts.lane_key(lane) for lane in (*LANE_TYPES, "hit")]
    + [f"drill.event_{kind}" for kind in EVENTS]
    + ["drill.record_" + kind.replace("-", "_") for kind in RECORDS]
    + [f"drill.notice_{kind}" for kind in NOTICES]
    + ["drill.hit_" + who.replace("-", "_") for who in HITS]
    + [f"drill.decision_{d}" for d in ("admit", "refer", "refuse")]
    + [charts.service_key(s) for s in ("same-day", "regular")]
    + [f"drill.chart_{name}" for name in charts.CHARTS]
    + [f"drill.queue_{name}" for name in QUEUES],
)
def test_each_name_on_the_report_is_in_the_catalogue(reason: str) -> None:
    assert words.known(reason)
    assert words.say(reason, "id") != words.say(reason, "en") or reason == "drill.lane_evoa"


def test_lane_and_service_keys_are_spelled_as_the_catalogue_spells_them() -> None:
    assert charts.lane_key("citizen counter") == "drill.lane_citizen_counter"
    assert charts.lane_key("e-VoA") == "drill.lane_evoa"
    assert charts.service_key("same-day") == "service.same_day"


def test_rupiah_and_counts_read_with_each_languages_separators() -> None:
    assert words.say("drill.report_rupiah", "id", amount=1_650_000) == "Rp 1.650.000"
    assert words.say("drill.report_rupiah", "en", amount=1_650_000) == "Rp 1,650,000"
    assert words.say("drill.figure_count", "id", value=44_000) == "44.000"
