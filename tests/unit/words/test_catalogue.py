"""The message catalogue: every reason in both languages, with the same details in each."""

from __future__ import annotations

import re
from datetime import date

import pytest

from gerbang import words
from gerbang.words import CATALOGUE, MODULES

KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")


@pytest.mark.parametrize("reason", sorted(CATALOGUE))
def test_every_reason_has_both_languages_with_the_same_placeholders(reason: str) -> None:
    indonesian, english = CATALOGUE[reason]
    assert KEY.fullmatch(reason), f"{reason!r} is not a dotted lower-case key"
    assert indonesian.strip(), f"{reason} lacks Indonesian"
    assert english.strip(), f"{reason} lacks English"
    words_of_english = re.sub(r"\{[^}]*\}", "", english)
    assert indonesian != english or not re.search(r"[a-z]{4}", words_of_english), f"{reason} is untranslated"
    assert words.placeholders(indonesian) == words.placeholders(english), reason


def test_no_reason_is_in_two_modules() -> None:
    seen: dict[str, str] = {}
    for module in MODULES:
        for reason in module.MESSAGES:
            assert reason not in seen, f"{reason} is in {seen.get(reason)} and {module.__name__}"
            seen[reason] = module.__name__


def test_a_reason_reads_with_its_details_in_each_language() -> None:
    # A detail that is itself a message (the service's name) reads in the same language as the rest.
    details = {"service": words.text("service.regular"), "office_code": "JKS", "day": date(2026, 12, 7)}
    assert words.say("booking.day_full", "en", **details) == (
        "the regular quota of JKS on 2026-12-07 is full; choose another day or office"
    )
    assert words.say("booking.day_full", "id", **details) == (
        "Kuota reguler JKS pada Senin, 7 Desember 2026 sudah penuh; pilih hari atau kantor lain."
    )
    assert words.say("outage.already_closed", "id", closed=date(2026, 12, 7)) == (
        "Gangguan ini sudah ditutup pada 7 Desember 2026."
    )


def test_indonesian_numbers_swap_the_separators() -> None:
    assert format(words._for_indonesian(500000), ",") == "500.000"
    assert format(words._for_indonesian(91.5), ".1f") == "91,5"
    assert format(words._for_indonesian(99.25), "") == "99,25"


def test_an_unknown_reason_reads_as_itself_and_a_missing_detail_does_not_crash() -> None:
    assert not words.known("no.such_reason")
    assert words.say("no.such_reason", "id") == "no.such_reason"
    assert "{day:long}" in words.say("booking.not_working_day", "id")


def test_text_said_in_falls_back_to_indonesian() -> None:
    text = words.text("booking.rescheduled_once")
    assert text.said_in("en").startswith("a booking can be rescheduled once only")
    assert text.said_in("fr") == text.said_in("id") == text.id


def test_tanggal_writes_the_day_the_indonesian_way() -> None:
    assert words.tanggal(date(2026, 12, 7)) == "Senin, 7 Desember 2026"
    assert words.tanggal(date(2026, 12, 7), weekday=False) == "7 Desember 2026"
