"""Who may collect a ready passport: the holder in person, or an authorised adult for a child."""

from __future__ import annotations

from datetime import date

import pytest

from gerbang.passports.domain.handover import (
    Collector,
    CollectorKind,
    Holder,
    Relationship,
    age_on,
    check_collector,
    normal_name,
)

ADULT = Holder("3174055504900001", "Ayu Lestari", date(1990, 4, 15))
CHILD = Holder("3174051708150001", "Bima Santoso", date(2015, 8, 17))
TODAY = date(2026, 6, 23)
PARENT = Collector(
    CollectorKind.AUTHORISED,
    "3174054903840001",
    "Sri Santoso",
    date(1984, 3, 9),
    Relationship.PARENT,
    "3174050101090001",
)


def holder(**changes: object) -> Collector:
    values: dict[str, object] = {
        "kind": CollectorKind.HOLDER,
        "nik": ADULT.nik,
        "name": "AYU  LESTARI",
        "birth_date": ADULT.birth_date,
    } | changes
    return Collector(**values)  # type: ignore[arg-type]


def test_the_holder_in_person_is_accepted_whatever_the_case_and_spacing() -> None:
    assert check_collector(ADULT, holder(), on=TODAY).accepted


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"nik": "3174055504900002"}, "nik_mismatch"),
        ({"birth_date": date(1990, 4, 16)}, "birth_date_mismatch"),
        ({"name": "Ayu Lestary"}, "name_mismatch"),
    ],
)
def test_a_holder_whose_e_ktp_differs_is_refused_with_the_reason(
    change: dict[str, object], code: str
) -> None:
    check = check_collector(ADULT, holder(**change), on=TODAY)
    assert (check.accepted, check.code) == (False, code)
    assert check.reason


def test_a_parent_with_the_family_card_may_collect_a_childs_passport() -> None:
    assert check_collector(CHILD, PARENT, on=TODAY).accepted


def test_an_adults_passport_is_collected_in_person_only() -> None:
    assert check_collector(ADULT, PARENT, on=TODAY).code == "holder_is_adult"


@pytest.mark.parametrize(
    ("collector", "code"),
    [
        (Collector(**{**PARENT.__dict__, "relationship": None}), "relationship_missing"),
        (Collector(**{**PARENT.__dict__, "family_card": "123"}), "family_card_missing"),
        (Collector(**{**PARENT.__dict__, "nik": CHILD.nik}), "collector_is_holder"),
        (Collector(**{**PARENT.__dict__, "nik": "0074054903840001"}), "collector_nik_invalid"),
        (Collector(**{**PARENT.__dict__, "birth_date": date(1984, 3, 10)}), "collector_nik_mismatch"),
        (
            Collector(**{**PARENT.__dict__, "nik": "3174050101120001", "birth_date": date(2012, 1, 1)}),
            "collector_minor",
        ),
    ],
)
def test_an_authorised_collector_must_be_an_adult_parent_or_guardian_with_a_matching_nik(
    collector: Collector, code: str
) -> None:
    assert check_collector(CHILD, collector, on=TODAY).code == code


def test_age_counts_whole_years_up_to_the_birthday() -> None:
    assert age_on(date(2009, 6, 24), TODAY) == 16
    assert age_on(date(2009, 6, 23), TODAY) == 17


def test_names_compare_without_accents_punctuation_or_case() -> None:
    assert normal_name("  Múhammad  Yusuf, S.H. ") == normal_name("MUHAMMAD YUSUF S H")
