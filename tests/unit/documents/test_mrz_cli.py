"""`gerbang mrz`: exit codes 0/1/2 and the JSON report's shape."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from gerbang.cli.main import app

TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
FIELDS = {
    "document_type",
    "issuing_state",
    "surname",
    "given_names",
    "document_number",
    "nationality",
    "birth_date",
    "sex",
    "expiry_date",
    "optional_data",
}

runner = CliRunner()


def _check(*args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["mrz", "check", *args, "--json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, json.loads(result.stdout)


def test_valid_zone_exits_0_with_the_full_report() -> None:
    code, report = _check(*TD3)
    assert code == 0
    assert set(report) == {"valid", "format", "fields", "checks", "errors"}
    assert report["valid"] is True
    assert report["format"] == "TD3"
    assert set(report["fields"]) == FIELDS
    assert report["fields"]["given_names"] == "ANNA MARIA"
    assert report["fields"]["birth_date"] == "740812"
    assert report["checks"] == {
        "document_number": True,
        "birth_date": True,
        "expiry_date": True,
        "personal_number": True,
        "composite": True,
    }
    assert report["errors"] == []


def test_failed_check_digit_exits_1_and_names_the_check() -> None:
    code, report = _check(TD3[0], TD3[1][:19] + "3" + TD3[1][20:])
    assert code == 1
    assert report["valid"] is False
    assert report["checks"]["birth_date"] is False
    assert {"line": 2, "position": 20, "message": "birth date check digit is '3', expected '2'"} in report[
        "errors"
    ]


def test_unknown_country_exits_1() -> None:
    code, report = _check(TD3[0].replace("UTO", "QQQ"), TD3[1])
    assert code == 1
    assert report["errors"][0]["line"] == 1
    assert report["errors"][0]["position"] == 3


def test_malformed_zone_exits_2_with_line_and_position() -> None:
    code, report = _check(TD3[0], TD3[1][:-1] + "!")
    assert code == 2
    assert report["valid"] is False
    assert report["format"] == "TD3"
    assert report["fields"] is None
    assert report["errors"][0]["line"] == 2
    assert report["errors"][0]["position"] == 44


def test_wrong_line_count_exits_2_without_a_format() -> None:
    code, report = _check(TD3[0])
    assert code == 2
    assert report["format"] is None
    assert report["errors"][0]["line"] == 2


def test_lenient_check_reads_a_typed_zone_and_lists_changes() -> None:
    code, report = _check(" " + TD3[0].lower().rstrip("<"), TD3[1], "--lenient")
    assert code == 0
    assert report["fields"]["surname"] == "ERIKSSON"
    assert [c["change"] for c in report["changes"]] == [
        "trimmed surrounding whitespace",
        "upper-cased",
        "upper-cased",
        "upper-cased",
        "upper-cased",
        "padded with 19 fillers",
    ]


def test_readable_table_is_printed_without_json() -> None:
    result = runner.invoke(app, ["mrz", "check", *TD1])
    assert result.exit_code == 0
    assert "ERIKSSON" in result.stdout
    assert "TD1" in result.stdout


@pytest.mark.parametrize(
    "lines",
    [["é" * 44, "x"], ["[red]", "[/]"], ["<" * 30] * 3, [""], ["P" * 44, "\x00" * 44]],
)
def test_odd_input_never_ends_in_a_traceback(lines: list[str]) -> None:
    for extra in ([], ["--json"], ["--lenient"]):
        result = runner.invoke(app, ["mrz", "check", "--", *lines, *extra])
        assert result.exit_code in (0, 1, 2)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output


def test_make_prints_the_zone_lines() -> None:
    result = runner.invoke(
        app,
        [
            "mrz",
            "make",
            "--format",
            "TD3",
            "--type",
            "P",
            "--issuing-state",
            "UTO",
            "--surname",
            "Eriksson",
            "--given-names",
            "Anna Maria",
            "--document-number",
            "L898902C3",
            "--nationality",
            "UTO",
            "--birth-date",
            "740812",
            "--sex",
            "F",
            "--expiry-date",
            "120415",
            "--optional-data",
            "ZE184226B",
        ],
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines() == TD3


def test_make_refuses_an_unknown_country_with_a_message() -> None:
    result = runner.invoke(
        app,
        [
            "mrz",
            "make",
            "--format",
            "TD1",
            "--type",
            "I",
            "--issuing-state",
            "QQQ",
            "--surname",
            "Eriksson",
            "--document-number",
            "D23145890",
            "--nationality",
            "UTO",
            "--birth-date",
            "740812",
            "--sex",
            "F",
            "--expiry-date",
            "120415",
        ],
    )
    assert result.exit_code == 2
    assert "QQQ is not a known country code" in result.output
    assert "Traceback" not in result.output
