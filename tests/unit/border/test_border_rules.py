"""Checks on the document, watchlist hits, the biometric match and the autogate, one rule at a time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from gerbang.border.domain import (
    BorderPolicy,
    Direction,
    Outcome,
    Reason,
    ReasonCode,
    Traveller,
    WatchlistHit,
)
from gerbang.border.domain.rules import (
    add_months,
    autogate_reasons,
    biometric_reasons,
    document_reasons,
    watchlist_reasons,
)
from gerbang.kernel.errors import InvalidInput

MakePassport = Callable[..., Traveller]
TODAY = date(2025, 3, 10)


def codes(reasons: list[Reason]) -> list[tuple[ReasonCode, Outcome]]:
    return [(reason.code, reason.outcome) for reason in reasons]


def check_document(traveller: Traveller, policy: BorderPolicy, direction: Direction) -> list[Reason]:
    return document_reasons(
        traveller, direction=direction, day=TODAY, requirements=policy.entry_requirements(TODAY)
    )


def test_adding_months_keeps_the_day_or_takes_the_last_of_the_month() -> None:
    assert add_months(date(2025, 3, 10), 6) == date(2025, 9, 10)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)


@pytest.mark.parametrize("direction", list(Direction))
@pytest.mark.parametrize("nationality", ["IDN", "AUS"])
def test_expired_document_is_refused_both_ways(
    passport: MakePassport, policy: BorderPolicy, direction: Direction, nationality: str
) -> None:
    traveller = passport(nationality=nationality, expiry=date(2025, 3, 9))
    reasons = check_document(traveller, policy, direction)
    assert codes(reasons) == [(ReasonCode.DOCUMENT_EXPIRED, Outcome.REFUSE)]
    assert "2025-03-09" in reasons[0].message


def test_passport_expiring_today_is_still_valid(passport: MakePassport, policy: BorderPolicy) -> None:
    assert check_document(passport(nationality="IDN", expiry=TODAY), policy, Direction.EXIT) == []


def test_foreigners_passport_valid_5_months_is_refused_on_entry(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    traveller = passport(nationality="AUS", expiry=date(2025, 8, 10))
    reasons = check_document(traveller, policy, Direction.ENTRY)
    assert codes(reasons) == [(ReasonCode.PASSPORT_VALIDITY_UNDER_6_MONTHS, Outcome.REFUSE)]


def test_passport_valid_exactly_6_months_is_enough(passport: MakePassport, policy: BorderPolicy) -> None:
    traveller = passport(nationality="AUS", expiry=date(2025, 9, 10))
    assert check_document(traveller, policy, Direction.ENTRY) == []


def test_six_month_rule_applies_neither_to_citizens_nor_on_exit(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    assert check_document(passport(nationality="IDN", expiry=date(2025, 4, 1)), policy, Direction.ENTRY) == []
    assert check_document(passport(nationality="AUS", expiry=date(2025, 4, 1)), policy, Direction.EXIT) == []


def test_failed_check_digit_refers_naming_the_check(passport: MakePassport, policy: BorderPolicy) -> None:
    reasons = check_document(passport(broken=True), policy, Direction.ENTRY)
    assert codes(reasons) == [(ReasonCode.MRZ_CHECK_FAILED, Outcome.REFER)]
    assert "document number" in reasons[0].message


def test_specimen_document_is_refused(passport: MakePassport, policy: BorderPolicy) -> None:
    reasons = check_document(passport(nationality="UTO"), policy, Direction.ENTRY)
    assert (ReasonCode.SPECIMEN_DOCUMENT, Outcome.REFUSE) in codes(reasons)


def test_watchlist_kind_outside_the_four_lists_is_invalid() -> None:
    with pytest.raises(InvalidInput):
        WatchlistHit("W-1", "interpol", 0.9)


@pytest.mark.parametrize(
    ("kind", "direction", "nationality", "expected"),
    [
        ("exit-ban", Direction.EXIT, "IDN", (ReasonCode.EXIT_BAN, Outcome.REFUSE)),
        ("exit-ban", Direction.EXIT, "AUS", (ReasonCode.EXIT_BAN, Outcome.REFUSE)),
        ("exit-ban", Direction.ENTRY, "IDN", (ReasonCode.EXIT_BAN_ON_RECORD, Outcome.ADMIT)),
        ("entry-ban", Direction.ENTRY, "AUS", (ReasonCode.ENTRY_BAN, Outcome.REFUSE)),
        ("entry-ban", Direction.ENTRY, "IDN", (ReasonCode.ENTRY_BAN, Outcome.REFER)),
        ("entry-ban", Direction.EXIT, "AUS", (ReasonCode.ENTRY_BAN_ON_RECORD, Outcome.ADMIT)),
        ("wanted", Direction.EXIT, "IDN", (ReasonCode.WANTED_PERSON, Outcome.REFER)),
        ("wanted", Direction.ENTRY, "AUS", (ReasonCode.WANTED_PERSON, Outcome.REFER)),
        ("lost-stolen-document", Direction.ENTRY, "AUS", (ReasonCode.LOST_STOLEN_DOCUMENT, Outcome.REFER)),
    ],
)
def test_each_watchlist_means_what_the_law_says_for_the_crossing(
    passport: MakePassport,
    kind: str,
    direction: Direction,
    nationality: str,
    expected: tuple[ReasonCode, Outcome],
) -> None:
    hit = WatchlistHit("CEKAL-2025-0042", kind, 0.93)
    reasons = watchlist_reasons([hit], traveller=passport(nationality=nationality), direction=direction)
    assert codes(reasons) == [expected]
    assert "CEKAL-2025-0042" in reasons[0].message


def test_every_hit_gives_its_own_reason(passport: MakePassport) -> None:
    hits = [WatchlistHit("W-1", "wanted", 0.9), WatchlistHit("L-7", "lost-stolen-document", 1.0)]
    reasons = watchlist_reasons(hits, traveller=passport(), direction=Direction.ENTRY)
    assert [reason.code for reason in reasons] == [ReasonCode.WANTED_PERSON, ReasonCode.LOST_STOLEN_DOCUMENT]


def test_biometric_mismatch_refers_and_no_check_is_only_noted() -> None:
    assert codes(biometric_reasons(False)) == [(ReasonCode.BIOMETRIC_MISMATCH, Outcome.REFER)]
    assert codes(biometric_reasons(None)) == [(ReasonCode.BIOMETRIC_NOT_CHECKED, Outcome.ADMIT)]
    assert biometric_reasons(True) == []


def test_autogate_sends_children_under_6_to_a_counter(passport: MakePassport, policy: BorderPolicy) -> None:
    child = passport(birth="200101")
    reasons = autogate_reasons(child, day=TODAY, rule=policy.autogate(TODAY), biometric_match=True, hits=())
    assert codes(reasons) == [(ReasonCode.AUTOGATE_AGE_NOT_ELIGIBLE, Outcome.REFER)]


def test_autogate_needs_a_biometric_match_and_no_watchlist_hit(
    passport: MakePassport, policy: BorderPolicy
) -> None:
    hit = WatchlistHit("W-1", "exit-ban", 0.9)
    reasons = autogate_reasons(
        passport(), day=TODAY, rule=policy.autogate(TODAY), biometric_match=None, hits=[hit]
    )
    assert codes(reasons) == [
        (ReasonCode.BIOMETRIC_NOT_CHECKED, Outcome.REFER),
        (ReasonCode.WATCHLIST_HIT_AT_AUTOGATE, Outcome.REFER),
    ]
