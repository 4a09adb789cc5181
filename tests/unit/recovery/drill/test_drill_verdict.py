"""The verdict: it passes only when every promise held, and names each one that did not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gerbang import words
from gerbang.recovery.drill.reconcile import reconcile
from gerbang.recovery.drill.verdict import (
    Applicant,
    Downtime,
    HitOutcome,
    Incident,
    Public,
    judge,
    node_of,
    wrongly_opened,
)

ATTACK = datetime(2026, 6, 20, 4, 15, tzinfo=UTC)


def public(*, told_s: float | None = 20, every_s: float = 5, speed: float = 200) -> Public:
    told = None if told_s is None else ATTACK + timedelta(seconds=told_s)
    updates = [told + timedelta(seconds=every_s * k) for k in range(1, 10)] if told else []
    end = (told or ATTACK) + timedelta(seconds=every_s * 10)
    return Public(ATTACK, told, updates, end, end, speed)


CLEAN = reconcile({("cgk", "crossing"): ["a"]}, {("cgk", "crossing"): ["a"]})
STOPPED = [HitOutcome("entry-ban", "c1", "refuse", alerted=False)]
PAID_BACK = [Applicant("p1", "Budi", 1_000_000, ATTACK + timedelta(minutes=5))]


def reasons(**changes: object) -> list[str]:
    given: dict[str, object] = {
        "lines": CLEAN,
        "hits": STOPPED,
        "public": public(),
        "late_same_day": PAID_BACK,
    }
    given.update(changes)
    return [f.reason for f in judge(**given).failures]  # type: ignore[arg-type]


def test_a_day_that_kept_every_promise_passes_with_exit_zero() -> None:
    verdict = judge(lines=CLEAN, hits=STOPPED, public=public(), late_same_day=PAID_BACK)
    assert verdict.passed
    assert verdict.exit_code == 0


def test_lost_records_fail_the_verdict_and_are_named() -> None:
    lines = reconcile({("cgk", "crossing"): ["a", "b"]}, {("cgk", "crossing"): ["a"]})
    verdict = judge(lines=lines, hits=STOPPED, public=public(), late_same_day=PAID_BACK)
    assert verdict.exit_code == 1
    [failure] = verdict.failures
    assert failure.reason == "drill.verdict_lost"
    assert "b" in failure.text().en
    assert "b" in failure.text().id


def test_doubled_records_fail_the_verdict() -> None:
    lines = reconcile({("cgk", "crossing"): ["a"]}, {("cgk", "crossing"): ["a", "a"]})
    assert reasons(lines=lines) == ["drill.verdict_doubled"]


def test_a_watchlist_hit_admitted_without_an_alert_fails() -> None:
    hits = [HitOutcome("listed during the outage", "c9", "admit", alerted=False)]
    assert reasons(hits=hits) == ["drill.verdict_hit_missed"]


def test_a_hit_admitted_offline_but_alerted_after_recovery_passes() -> None:
    assert reasons(hits=[HitOutcome("listed during the outage", "c9", "admit", alerted=True)]) == []


def test_the_public_told_after_a_minute_fails() -> None:
    assert reasons(public=public(told_s=61)) == ["drill.verdict_told_late"]


def test_the_public_never_told_fails() -> None:
    assert reasons(public=public(told_s=None)) == ["drill.verdict_never_told"]


def test_a_silence_longer_than_thirty_scenario_minutes_fails() -> None:
    # 10 wall seconds at speed 200 are 33 scenario minutes.
    assert reasons(public=public(every_s=10)) == ["drill.verdict_silent"]


def test_a_late_same_day_applicant_without_refund_or_notice_fails_on_both() -> None:
    late = [Applicant("p2", "Siti", 0, None)]
    assert reasons(late_same_day=late) == ["drill.verdict_no_refund", "drill.verdict_no_notice"]


def test_every_failure_reads_in_both_languages_from_the_catalogue() -> None:
    lines = reconcile({("cgk", "crossing"): ["a"]}, {("cgk", "crossing"): []})
    verdict = judge(
        lines=lines,
        hits=[HitOutcome("x", "c", "admit", alerted=False)],
        public=public(told_s=90, every_s=30),
        late_same_day=[Applicant("p", "n", 0, None)],
    )
    assert len(verdict.failures) == 6
    for failure in verdict.failures:
        assert words.known(failure.reason)
        assert failure.text().id != failure.text().en


def test_an_incident_on_a_node_that_was_up_fails_the_verdict() -> None:
    down: Downtime = {"central": [(ATTACK, ATTACK + timedelta(minutes=1))]}
    real = Incident("i1", ("evoa", "passports"), ATTACK + timedelta(seconds=5))
    busy_edge = Incident("i2", ("checkpoint-cgk",), ATTACK - timedelta(seconds=20))
    early = Incident("i3", ("passports",), ATTACK - timedelta(seconds=30))
    assert wrongly_opened([real, busy_edge, early], down) == [busy_edge, early]
    verdict = judge(
        lines=CLEAN,
        hits=STOPPED,
        public=public(),
        late_same_day=PAID_BACK,
        false_incidents=[busy_edge],
        start=ATTACK - timedelta(seconds=28),
    )
    [failure] = verdict.failures
    assert failure.reason == "drill.verdict_false_incident"
    assert "checkpoint-cgk" in failure.text().en
    assert "8.0 s" in failure.text().en
    assert "checkpoint-cgk" in failure.text().id


def test_components_belong_to_their_nodes() -> None:
    assert [node_of(c) for c in ("passports", "checkpoint-cgk", "office-jks")] == ["central", "cgk", "jks"]
