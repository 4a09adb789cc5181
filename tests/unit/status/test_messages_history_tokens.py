"""Automatic messages in both languages, the 90-day bar, and the signatures the node hands out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from gerbang.status.domain import State
from gerbang.status.domain import messages as words
from gerbang.status.domain.history import DayCounts, day_bar, label, notable, uptime
from gerbang.status.domain.tokens import read_unsubscribe_token, sign_body, unsubscribe_token, verify_body

START = datetime(2024, 6, 20, 4, 15, tzinfo=UTC)


def center_down(**overrides: object) -> words.Situation:
    values: dict[str, object] = {
        "affected_id": ["Paspor", "Visa"],
        "affected_en": ["Passports", "Visas"],
        "center_affected": True,
        "working_checkpoints": ["CGK", "DPS"],
        "working_offices": [],
        "started_at": START,
    }
    return words.Situation(**{**values, **overrides})  # type: ignore[arg-type]


def test_center_outage_says_checkpoints_clear_travellers_offline() -> None:
    text = words.opened(center_down(), next_update_by=START + timedelta(minutes=30))
    assert "checkpoints CGK and DPS are clearing travellers in offline mode" in text.en
    assert "tempat pemeriksaan imigrasi CGK dan DPS tetap melayani pelintas dalam mode luring" in text.id
    assert "Next update by 20 June 2024 04:45 WIB" in text.en


def test_working_offices_add_the_hand_over_of_ready_passports() -> None:
    text = words.still_works(center_down(working_offices=["Kanim Jakarta Selatan"]))
    assert "passports ready for collection can be handed over at Kanim Jakarta Selatan" in text.en
    assert "paspor yang sudah siap dapat diserahkan" in text.id


def test_nothing_is_claimed_to_work_that_was_not_seen_working() -> None:
    text = words.still_works(center_down(working_checkpoints=[]))
    assert "offline" not in text.en
    assert text.en == "Other services work as usual."


def test_continuing_update_states_the_duration_in_both_languages() -> None:
    text = words.continuing(
        center_down(),
        now=START + timedelta(hours=2, minutes=5),
        next_update_by=START + timedelta(hours=2, minutes=35),
    )
    assert "(2 h 5 min)" in text.en
    assert "(2 jam 5 menit)" in text.id


def test_resolution_mentions_uploads_after_a_center_outage() -> None:
    text = words.resolved(center_down(), now=START + timedelta(minutes=47))
    assert "after an outage of 47 min" in text.en
    assert "uploaded to the center" in text.en
    assert "kembali normal" in text.id


def test_title_names_what_is_affected() -> None:
    assert words.title(center_down()).en == "Outage: Passports and Visas"


def test_day_bar_has_ninety_days_oldest_first_with_gaps_as_no_data() -> None:
    today = date(2024, 6, 30)
    days = {date(2024, 6, 20): DayCounts({State.OPERATIONAL: 100, State.MAJOR_OUTAGE: 3})}
    cells = day_bar(days, today=today)
    assert len(cells) == 90
    assert cells[-1].day == today
    assert cells[0].day == today - timedelta(days=89)
    assert [c.state for c in notable(cells)] == [State.MAJOR_OUTAGE]
    assert cells[-1].state is None


def test_a_blind_day_is_unknown_but_a_day_with_any_sight_says_what_it_saw() -> None:
    assert DayCounts({State.UNKNOWN: 5}).state is State.UNKNOWN
    assert DayCounts({State.UNKNOWN: 5, State.OPERATIONAL: 1}).state is State.OPERATIONAL


def test_uptime_ignores_blind_rounds() -> None:
    days = {date(2024, 6, 20): DayCounts({State.OPERATIONAL: 3, State.MAJOR_OUTAGE: 1, State.UNKNOWN: 50})}
    assert uptime(days) == 75.0
    assert uptime({}) is None


def test_every_state_has_words_in_both_languages() -> None:
    assert label(State.UNKNOWN, "id") == "Tidak diketahui"
    assert label(None, "en") == "No data"


def test_webhook_signature_is_hmac_sha256_over_the_time_and_the_raw_body() -> None:
    signature = sign_body("s3cret", b'{"a":1}', timestamp=1_800_000_000)
    assert signature.startswith("t=1800000000,sha256=")
    assert verify_body("s3cret", b'{"a":1}', signature, now=1_800_000_100)
    assert not verify_body("s3cret", b'{"a":2}', signature, now=1_800_000_100)
    assert not verify_body("s3cret", b'{"a":1}', signature, now=1_800_001_000)  # replayed too late
    assert not verify_body(
        "s3cret", b'{"a":1}', signature.replace("t=1800000000", "t=1800000900"), now=1_800_001_000
    )


def test_unsubscribe_token_names_its_subscriber_and_resists_forgery() -> None:
    key = b"k" * 32
    token = unsubscribe_token(key, "abc")
    assert read_unsubscribe_token(key, token) == "abc"
    assert read_unsubscribe_token(b"x" * 32, token) is None
    assert read_unsubscribe_token(key, "abd" + token[3:]) is None
    assert read_unsubscribe_token(key, "garbage") is None
