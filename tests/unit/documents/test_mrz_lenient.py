"""Lenient reading normalises what was typed or scanned and lists each change it made."""

from __future__ import annotations

import pytest

from gerbang.documents import MalformedZone, ZoneChange, parse_zone

TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]


def test_strict_reading_lists_no_changes() -> None:
    assert parse_zone(TD3).changes == ()


def test_lenient_reading_of_a_clean_zone_changes_nothing() -> None:
    reading = parse_zone(TD3, lenient=True)
    assert reading.valid
    assert reading.changes == ()


def test_lower_case_is_upper_cased_and_each_run_is_listed() -> None:
    reading = parse_zone([TD3[0].replace("ERIKSSON", "Eriksson"), TD3[1]], lenient=True)
    assert reading.valid
    assert reading.changes == (ZoneChange(1, 7, "riksson", "RIKSSON", "upper-cased"),)


def test_surrounding_whitespace_is_trimmed_and_listed() -> None:
    reading = parse_zone(["  " + TD3[0] + "\t", TD3[1]], lenient=True)
    assert reading.valid
    (change,) = reading.changes
    assert (change.line, change.description) == (1, "trimmed surrounding whitespace")


def test_inner_spaces_become_fillers() -> None:
    typed = TD3[0].replace("ANNA<MARIA", "ANNA MARIA")
    reading = parse_zone([typed, TD3[1]], lenient=True)
    assert reading.given_names == "ANNA MARIA"
    assert reading.changes == (ZoneChange(1, 20, " ", "<", "turned into fillers"),)


def test_name_line_short_by_trailing_fillers_is_padded() -> None:
    reading = parse_zone([TD3[0].rstrip("<"), TD3[1]], lenient=True)
    assert reading.valid
    (change,) = reading.changes
    assert (change.line, change.position, change.after) == (1, 26, "<" * 19)


def test_td1_first_line_short_in_its_optional_data_is_padded() -> None:
    reading = parse_zone([TD1[0].rstrip("<"), TD1[1], TD1[2].rstrip("<")], lenient=True)
    assert reading.valid
    assert [(c.line, c.position) for c in reading.changes] == [(1, 16), (3, 21)]


def test_line_cut_before_its_check_digits_is_not_padded() -> None:
    # Padding the second line would invent check digits, so the zone stays malformed.
    with pytest.raises(MalformedZone) as caught:
        parse_zone([TD3[0], TD3[1][:-2]], lenient=True)
    assert (caught.value.line, caught.value.position) == (2, 43)


def test_blank_lines_between_zone_lines_are_dropped() -> None:
    reading = parse_zone([TD3[0], "", TD3[1]], lenient=True)
    assert reading.valid
    assert reading.changes[0].description == "dropped a blank line"


def test_lenient_mode_still_reports_failed_checks() -> None:
    reading = parse_zone([TD3[0].lower(), TD3[1][:-1] + "9"], lenient=True)
    assert reading.failed_checks == ("composite",)


def test_characters_lenient_mode_cannot_fix_are_still_malformed() -> None:
    with pytest.raises(MalformedZone) as caught:
        parse_zone([TD3[0].replace("ANNA", "ANNÉ"), TD3[1]], lenient=True)
    assert (caught.value.line, caught.value.position) == (1, 19)
