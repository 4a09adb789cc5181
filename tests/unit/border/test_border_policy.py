"""Entry policy as data: the shipped lists, their sources, and lookup by date."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from typing import Any

import pytest

from gerbang.border.domain import BorderPolicy, VisaStatus, policy_code
from gerbang.border.packaged_policy import load_border_policy
from gerbang.kernel.errors import MalformedInput, NotFound

DAY = date(2025, 3, 10)
ASEAN_OTHERS = ("BRN", "KHM", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS")


def shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("gerbang.border.domain").joinpath("policy.json").read_text()
    )
    return data


def test_visa_exempt_list_is_asean_suriname_colombia_and_hong_kong_for_30_days() -> None:
    exempt = load_border_policy().visa_exempt(DAY)
    assert exempt.nationalities == frozenset((*ASEAN_OTHERS, "SUR", "COL", "HKG"))
    assert exempt.stay_days == 30
    assert not exempt.extendable
    assert "Perpres 95/2024" in exempt.source


def test_indonesia_is_not_on_its_own_visa_lists() -> None:
    policy = load_border_policy()
    assert not policy.visa_exempt(DAY).includes("IDN")
    assert not policy.visa_on_arrival(DAY).includes("IDN")


@pytest.mark.parametrize(
    "nationality", ["AUS", "USA", "GBR", "CHN", "IND", "JPN", "KOR", "SAU", "ARE", "RUS", "BRA", "FRA", "NLD"]
)
def test_visa_on_arrival_covers_the_nationalities_named_in_the_research(nationality: str) -> None:
    assert load_border_policy().visa_status(nationality, DAY) is VisaStatus.VISA_ON_ARRIVAL


def test_germany_read_as_d_in_a_zone_is_found_on_the_iso_list() -> None:
    assert policy_code("D<<") == "DEU"
    assert load_border_policy().visa_status("D", DAY) is VisaStatus.VISA_ON_ARRIVAL


@pytest.mark.parametrize("nationality", ["NGA", "PAK", "AFG", "GBN", "XXA"])
def test_nationalities_on_neither_list_need_a_visa(nationality: str) -> None:
    assert load_border_policy().visa_status(nationality, DAY) is VisaStatus.VISA_REQUIRED


def test_visa_exempt_wins_over_visa_on_arrival_for_a_nationality_on_both() -> None:
    policy = load_border_policy()
    assert policy.visa_on_arrival(DAY).includes("SGP")
    assert policy.visa_status("SGP", DAY) is VisaStatus.VISA_EXEMPT


def test_voa_list_is_looked_up_by_date_panama_added_in_2023() -> None:
    policy = load_border_policy()
    assert not policy.visa_on_arrival(date(2023, 1, 1)).includes("PAN")
    assert policy.visa_on_arrival(date(2023, 5, 1)).includes("PAN")
    assert len(policy.visa_on_arrival(date(2022, 10, 1)).nationalities) == 86


def test_voa_costs_500_thousand_rupiah_for_30_days_extendable() -> None:
    voa = load_border_policy().visa_on_arrival(DAY)
    assert (voa.fee_idr, voa.stay_days, voa.extendable) == (500_000, 30, True)
    assert "nationalities" in voa.uncertain


def test_overstay_fine_is_one_million_rupiah_a_day_with_deportation_from_60_days() -> None:
    rule = load_border_policy().overstay(DAY)
    assert rule.fine_per_day_idr == 1_000_000
    assert rule.deportation_from_days == 60
    assert "PP 28/2019" in rule.source
    assert "art. 78" in rule.source


def test_passport_must_be_valid_6_months_and_autogates_take_children_from_6() -> None:
    policy = load_border_policy()
    assert policy.entry_requirements(DAY).min_passport_validity_months == 6
    assert policy.autogate(DAY).min_age_years == 6


def test_every_row_names_its_legal_source_and_effective_date() -> None:
    for key in ("visa_exempt", "visa_on_arrival", "entry_requirements", "overstay", "autogate"):
        for row in shipped()[key]:
            assert row["source"].strip()
            date.fromisoformat(row["effective_from"])


def test_a_day_before_any_rule_is_not_found() -> None:
    with pytest.raises(NotFound, match="visa-exempt"):
        load_border_policy().visa_exempt(date(2020, 1, 1))


def test_policy_that_is_not_json_is_malformed() -> None:
    with pytest.raises(MalformedInput):
        BorderPolicy.loads("{")


def test_policy_of_another_format_is_malformed() -> None:
    with pytest.raises(MalformedInput, match="format"):
        BorderPolicy.loads(json.dumps({**shipped(), "format": "gerbang-visa-policy/1"}))


def test_unknown_nationality_code_in_policy_is_malformed() -> None:
    data = shipped()
    data["visa_exempt"][0]["nationalities"].append("ZZZ")
    with pytest.raises(MalformedInput, match="ZZZ"):
        BorderPolicy.loads(json.dumps(data))


def test_row_without_a_source_is_malformed() -> None:
    data = shipped()
    data["overstay"][0]["source"] = " "
    with pytest.raises(MalformedInput, match="source"):
        BorderPolicy.loads(json.dumps(data))


def test_fine_given_as_true_is_malformed() -> None:
    data = shipped()
    data["overstay"][0]["fine_per_day_idr"] = True
    with pytest.raises(MalformedInput):
        BorderPolicy.loads(json.dumps(data))


def test_two_rows_of_one_kind_on_the_same_day_are_malformed() -> None:
    data = shipped()
    data["visa_on_arrival"][1]["effective_from"] = data["visa_on_arrival"][0]["effective_from"]
    with pytest.raises(MalformedInput, match="share"):
        BorderPolicy.loads(json.dumps(data))


def test_a_row_that_cannot_be_read_is_named_by_its_section_and_number() -> None:
    data = shipped()
    del data["visa_on_arrival"][1]["fee_idr"]
    with pytest.raises(MalformedInput, match="visa_on_arrival row 2: 'fee_idr' is missing"):
        BorderPolicy.from_json(data)
    data = shipped()
    data["visa_exempt"][0]["nationalities"] = "MYS"
    with pytest.raises(MalformedInput, match="visa_exempt row 1: nationalities must be a list"):
        BorderPolicy.from_json(data)


def test_a_policy_says_which_rules_have_no_row_in_force_on_a_day() -> None:
    data = shipped()
    data["autogate"] = [{**data["autogate"][0], "effective_from": "2030-01-01"}]
    policy = BorderPolicy.from_json(data)
    assert policy.missing_on(date(2026, 6, 20)) == ["autogate"]
    assert policy.missing_on(date(2030, 1, 1)) == []
