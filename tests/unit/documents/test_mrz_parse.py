"""Strict reading: failed checks and broken rules are named; unreadable zones name line and position."""

from __future__ import annotations

import pytest

from gerbang.documents import MalformedZone, ZoneFormat, check_digit, make_zone, parse_zone
from gerbang.kernel.errors import MalformedInput

TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]


def _with(lines: list[str], line: int, position: int, text: str) -> list[str]:
    """Return `lines` with `text` written at 1-based `line`, `position`."""
    out = list(lines)
    row = out[line - 1]
    out[line - 1] = row[: position - 1] + text + row[position - 1 + len(text) :]
    return out


def _td3(**overrides: str) -> list[str]:
    fields = {
        "format": "TD3",
        "document_type": "P",
        "issuing_state": "IDN",
        "surname": "Santoso",
        "given_names": "Budi",
        "document_number": "X1234567",
        "nationality": "IDN",
        "birth_date": "900101",
        "sex": "M",
        "expiry_date": "300101",
        "optional_data": "",
    }
    fields.update(overrides)
    return make_zone(**fields)


def test_wrong_document_number_check_digit_is_reported() -> None:
    reading = parse_zone(_with(TD3, 2, 10, "7"))
    assert not reading.valid
    assert reading.failed_checks == ("document_number", "composite")
    issue = reading.errors[0]
    assert (issue.line, issue.position, issue.field) == (2, 10, "document_number")


def test_wrong_birth_date_check_digit_is_reported() -> None:
    reading = parse_zone(_with(TD3, 2, 20, "3"))
    assert reading.checks["birth_date"] is False
    assert reading.checks["document_number"] is True
    assert any(e.field == "birth_date" and e.position == 20 for e in reading.errors)


def test_wrong_expiry_date_check_digit_is_reported() -> None:
    reading = parse_zone(_with(TD3, 2, 28, "0"))
    assert reading.checks["expiry_date"] is False
    assert "expiry_date" in reading.failed_checks


def test_wrong_personal_number_check_digit_is_reported() -> None:
    reading = parse_zone(_with(TD3, 2, 43, "2"))
    assert reading.checks["personal_number"] is False
    assert reading.failed_checks == ("personal_number", "composite")


def test_wrong_composite_check_digit_alone_is_reported() -> None:
    reading = parse_zone(_with(TD3, 2, 44, "1"))
    assert reading.failed_checks == ("composite",)
    assert reading.errors[0].message == "composite check digit is '1', expected '0'"


def test_td1_composite_covers_the_optional_data() -> None:
    # 'B' (value 11) at weight 1 moves the sum by 11; a letter worth 10 would go unnoticed.
    reading = parse_zone(_with(TD1, 1, 20, "B"))
    assert reading.failed_checks == ("composite",)


def test_letter_in_a_check_digit_position_fails_the_check_without_raising() -> None:
    reading = parse_zone(_with(TD3, 2, 20, "X"))
    assert reading.checks["birth_date"] is False


def test_empty_personal_number_accepts_filler_or_zero_check_digit() -> None:
    with_filler = _td3()
    assert with_filler[1][42] == "<"
    assert parse_zone(with_filler).checks["personal_number"]
    zero = _with(with_filler, 2, 43, "0")
    # '0' and '<' are worth the same, so the composite holds as well.
    assert parse_zone(zero).valid


def test_extended_document_number_in_td1_is_read_and_checked() -> None:
    lines = _with(TD1, 1, 15, "<7349")
    reading = parse_zone(lines)
    assert reading.document_number == "D23145890734"
    assert reading.checks["document_number"]
    assert reading.optional_data == ""


def test_extended_document_number_with_wrong_check_digit_names_its_position() -> None:
    lines = _with(TD1, 1, 15, "<7348")
    reading = parse_zone(lines)
    assert reading.checks["document_number"] is False
    issue = next(e for e in reading.errors if e.field == "document_number")
    assert (issue.line, issue.position) == (1, 19)


def test_extended_document_number_in_td2_is_read_with_following_optional_data() -> None:
    lines = make_zone(
        format="TD2",
        document_type="ID",
        issuing_state="UTO",
        surname="Eriksson",
        given_names="Anna",
        document_number="AB1234567890",
        nationality="UTO",
        birth_date="740812",
        sex="F",
        expiry_date="300101",
        optional_data="Z1",
    )
    assert lines[1][9] == "<"
    reading = parse_zone(lines)
    assert reading.valid
    assert (reading.document_number, reading.optional_data) == ("AB1234567890", "Z1")


def test_unknown_country_code_makes_the_zone_invalid_without_raising() -> None:
    reading = parse_zone(_with(TD3, 1, 3, "QQQ"))
    assert not reading.valid
    assert reading.checks["composite"]  # issuing state is outside every check digit
    issue = reading.errors[0]
    assert (issue.field, issue.line, issue.position) == ("issuing_state", 1, 3)


def test_icao_codes_are_reported_without_fillers() -> None:
    reading = parse_zone(_td3(issuing_state="D", nationality="XXA"))
    assert reading.valid
    assert (reading.issuing_state, reading.nationality) == ("D", "XXA")


def test_impossible_birth_date_is_reported_even_when_its_check_digit_holds() -> None:
    lines = _td3(birth_date="900101")
    broken = _with(lines, 2, 14, "900230")
    broken = _with(broken, 2, 20, check_digit("900230"))
    reading = parse_zone(broken)
    assert reading.checks["birth_date"]
    assert any(e.field == "birth_date" and "not a real date" in e.message for e in reading.errors)
    assert not reading.valid


def test_month_thirteen_in_expiry_date_is_reported() -> None:
    reading = parse_zone(_with(_td3(), 2, 22, "301301"))
    assert any(e.field == "expiry_date" and "not a real date" in e.message for e in reading.errors)


def test_29_february_is_real_only_in_leap_years() -> None:
    assert parse_zone(_td3(birth_date="000229")).valid
    assert parse_zone(_td3(birth_date="840229")).valid


def test_unknown_birth_day_may_be_fillers() -> None:
    reading = parse_zone(_td3(birth_date="8406<<"))
    assert reading.valid
    assert reading.birth_date == "8406<<"


def test_sex_outside_m_f_x_filler_is_reported() -> None:
    reading = parse_zone(_with(TD3, 2, 21, "Q"))
    assert any(e.field == "sex" for e in reading.errors)


@pytest.mark.parametrize("sex", ["M", "F", "X", "<"])
def test_sex_codes_doc_9303_allows_are_valid(sex: str) -> None:
    assert parse_zone(_td3(sex=sex)).sex == sex


def test_passport_document_code_must_start_with_p() -> None:
    reading = parse_zone(_with(TD3, 1, 1, "I"))
    assert any(e.field == "document_type" for e in reading.errors)


def test_name_field_full_to_its_last_character_is_flagged_as_maybe_truncated() -> None:
    full = "P<UTONILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K"
    lines = [full, TD3[1]]
    reading = parse_zone(lines)
    assert reading.name_truncated
    assert (reading.surname, reading.given_names) == ("NILAVADHANANANDA", "CHAYAPA DEJTHAMRONG K")
    assert not parse_zone(TD3).name_truncated


def test_name_without_secondary_identifier_is_all_surname() -> None:
    reading = parse_zone(_with(TD3, 1, 6, "VAN<DER<BERG<<<<<<<<<"))
    assert (reading.surname, reading.given_names) == ("VAN DER BERG", "")


def test_two_line_zone_starting_with_v_is_a_visa_not_a_passport() -> None:
    assert parse_zone(_with(TD3, 1, 1, "V")).format is ZoneFormat.MRVA


@pytest.mark.parametrize(
    ("lines", "line", "position"),
    [
        ([TD3[0], TD3[1][:-1] + "a"], 2, 44),
        ([TD3[0], TD3[1][:30] + " " + TD3[1][31:]], 2, 31),
        ([TD3[0][:40], TD3[1]], 1, 41),
        ([TD3[0] + "<", TD3[1]], 1, 45),
        ([TD1[0], TD1[1], TD1[2][:29]], 3, 30),
        ([TD3[0]], 2, None),
        ([*TD1, TD1[2]], 4, None),
        ([], 1, None),
    ],
)
def test_malformed_zone_names_line_and_position(lines: list[str], line: int, position: int | None) -> None:
    with pytest.raises(MalformedZone) as caught:
        parse_zone(lines)
    assert (caught.value.line, caught.value.position) == (line, position)
    assert isinstance(caught.value, MalformedInput)


def test_malformed_zone_knows_its_format_when_the_shape_tells() -> None:
    with pytest.raises(MalformedZone) as caught:
        parse_zone([TD3[0], TD3[1][:-1] + "a"])
    assert caught.value.format is ZoneFormat.TD3


def test_lower_case_is_malformed_in_strict_mode() -> None:
    with pytest.raises(MalformedZone) as caught:
        parse_zone([TD3[0].lower(), TD3[1]])
    assert (caught.value.line, caught.value.position) == (1, 1)
