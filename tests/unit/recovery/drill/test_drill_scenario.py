"""Scenario files: the packaged ones load, and each kind of mistake is refused by its reason key."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from gerbang.kernel.errors import InvalidInput
from gerbang.recovery.drill import scenario


def packaged(name: str) -> dict[str, Any]:
    text = resources.files("gerbang.recovery.drill").joinpath(f"scenarios/{name}.toml").read_text()
    return tomllib.loads(text)


@pytest.mark.parametrize("name", ["cgk-day", "ci-short"])
def test_each_packaged_scenario_loads_by_name_with_its_events_in_order(name: str) -> None:
    loaded = scenario.load(Path(name))
    times = [scenario.minutes(at) for _, at in loaded.moments()]
    assert times == sorted(times)
    assert loaded.attack.at == "04:15"


def test_the_cgk_day_sends_the_whole_published_day() -> None:
    day = scenario.load(Path("cgk-day"))
    assert day.crossings.day_total == 44000
    assert day.crossings.send == day.crossings.day_total
    assert sum(w.share for w in day.crossings.waves) == pytest.approx(1.0)


def test_a_json_scenario_reads_like_the_toml_one(tmp_path: Path) -> None:
    path = tmp_path / "day.json"
    path.write_text(json.dumps(packaged("ci-short")))
    assert scenario.load(path) == scenario.load(Path("ci-short"))


def refusal(data: Any, tmp_path: Path, suffix: str = ".json") -> InvalidInput:
    path = tmp_path / f"s{suffix}"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    with pytest.raises(InvalidInput) as caught:
        scenario.load(path)
    return caught.value


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        scenario.load(tmp_path / "nowhere.toml")
    assert caught.value.reason == "drill.scenario_missing"


def test_a_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    assert refusal("name: x", tmp_path, ".yaml").reason == "drill.scenario_kind"


def test_broken_toml_is_refused_with_the_parser_problem(tmp_path: Path) -> None:
    problem = refusal("name = ", tmp_path, ".toml")
    assert problem.reason == "drill.scenario_unreadable"
    assert problem.params["problem"]


def test_a_bad_field_is_named_with_its_place(tmp_path: Path) -> None:
    data = packaged("ci-short")
    data["crossings"]["citizen_share"] = 1.5
    problem = refusal(data, tmp_path)
    assert problem.reason == "drill.scenario_field"
    assert problem.params["where"] == "crossings.citizen_share"


def test_an_unknown_field_is_refused_rather_than_ignored(tmp_path: Path) -> None:
    data = packaged("ci-short")
    data["attack"]["kinds"] = "ransomware"
    assert refusal(data, tmp_path).params["where"] == "attack.kinds"


def test_a_time_that_is_not_a_time_of_day_is_refused(tmp_path: Path) -> None:
    data = packaged("ci-short")
    data["attack"]["at"] = "25:99"
    assert refusal(data, tmp_path).params["where"] == "attack.at"


def test_recovery_before_the_attack_is_refused_naming_both_events(tmp_path: Path) -> None:
    data = packaged("ci-short")
    data["recovery"]["restore_at"] = "04:00"
    problem = refusal(data, tmp_path)
    assert problem.reason == "drill.scenario_order"
    assert (problem.params["what"], problem.params["other"]) == ("restore", "attack")


def test_a_listing_during_the_outage_must_fall_inside_it(tmp_path: Path) -> None:
    data = packaged("ci-short")
    data["listed_during_outage"]["crosses_at"] = "06:30"
    problem = refusal(data, tmp_path)
    assert problem.reason == "drill.scenario_outside_outage"
    assert problem.params["what"] == "crosses_at"


def test_sending_more_crossings_than_the_day_has_is_refused(tmp_path: Path) -> None:
    data = packaged("ci-short")
    data["crossings"]["send"] = data["crossings"]["day_total"] + 1
    assert refusal(data, tmp_path).reason == "drill.scenario_field"


def test_the_fault_is_off_unless_the_scenario_names_it() -> None:
    assert scenario.load(Path("ci-short")).fault.drop_every == 0


@pytest.mark.parametrize("site", ["cgk", "", "SOEKARNO", "JKS"])
def test_a_site_that_is_not_a_checkpoint_code_is_refused_naming_the_field(tmp_path: Path, site: str) -> None:
    data = packaged("ci-short")
    data["site"] = site
    problem = refusal(data, tmp_path)
    assert problem.reason == "drill.scenario_site"
    assert problem.field == "site"
    assert problem.params["site"] == site
    assert "site" in problem.message
    assert "three capital letters" in problem.message


def test_another_airport_plays_on_one_machine_with_a_checkpoint_of_its_own(tmp_path: Path) -> None:
    data = packaged("ci-short")
    data["site"] = "DPS"
    path = tmp_path / "dps.json"
    path.write_text(json.dumps(data))
    loaded = scenario.load(path)
    assert (loaded.site, loaded.checkpoint) == ("DPS", "dps")


def test_the_lab_runs_the_cgk_checkpoint_only(tmp_path: Path) -> None:
    data = packaged("ci-site-loss")
    data["site"] = "DPS"
    problem = refusal(data, tmp_path)
    assert problem.reason == "drill.scenario_site_lab"
    assert problem.params["known"] == "CGK"
    data = packaged("ci-short")
    data["site"] = "DPS"
    path = tmp_path / "dps.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InvalidInput) as caught:
        scenario.on_lab(scenario.load(path), lab=True)
    assert caught.value.reason == "drill.scenario_site_lab"


def test_the_site_loss_scenario_plays_on_the_lab_and_promotes_site_b() -> None:
    loaded = scenario.load(Path("ci-site-loss"))
    assert (loaded.platform.kind, loaded.recovery.source) == ("lab", "site-b")
    assert loaded.backups_at == []
    times = [scenario.minutes(at) for _, at in loaded.moments()]
    assert times == sorted(times)


def test_site_b_recovery_on_one_machine_is_refused(tmp_path: Path) -> None:
    data = packaged("ci-site-loss")
    del data["platform"]
    problem = refusal(data, tmp_path)
    assert problem.reason == "drill.scenario_source_platform"
    assert problem.field == "recovery.source"


def test_a_restore_from_the_vault_needs_a_backup(tmp_path: Path) -> None:
    data = packaged("ci-short")
    data["backups_at"] = []
    assert refusal(data, tmp_path).reason == "drill.scenario_no_backup"


def test_the_lab_flag_turns_a_vault_day_into_a_site_b_recovery_on_the_lab() -> None:
    loaded = scenario.on_lab(scenario.load(Path("ci-short")), lab=True)
    assert (loaded.platform.kind, loaded.recovery.source) == ("lab", "site-b")
    assert loaded.attack == scenario.load(Path("ci-short")).attack
    assert scenario.on_lab(scenario.load(Path("ci-short")), lab=False).platform.kind == "single"
