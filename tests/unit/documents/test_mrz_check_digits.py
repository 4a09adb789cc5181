"""Check digits: weights 7, 3, 1 over Doc 9303 character values."""

from __future__ import annotations

import pytest

from gerbang.documents.check_digits import check_digit, is_valid
from gerbang.kernel.errors import InvalidInput


@pytest.mark.parametrize(
    ("data", "digit"),
    [
        ("L898902C3", "6"),  # Doc 9303 part 4 specimen document number
        ("740812", "2"),
        ("120415", "9"),
        ("ZE184226B<<<<<", "1"),
        ("D23145890734", "9"),  # Doc 9303 part 5 extended document number
        ("<<<<<<", "0"),
        ("", "0"),
    ],
)
def test_check_digit_matches_doc_9303_examples(data: str, digit: str) -> None:
    assert check_digit(data) == digit


def test_letters_count_from_ten_and_fillers_as_zero() -> None:
    # A=10, weight 7 → 70 → 0; Z=35, weight 7 → 245 → 5; '<' adds nothing.
    assert check_digit("A") == "0"
    assert check_digit("Z") == "5"
    assert check_digit("Z<<") == check_digit("Z")


def test_character_outside_the_alphabet_is_refused() -> None:
    with pytest.raises(InvalidInput):
        check_digit("ab")


def test_filler_check_digit_is_accepted_only_for_an_all_filler_field_when_allowed() -> None:
    assert is_valid("<<<<<<<<<<<<<<", "<", filler_allowed=True)
    assert is_valid("<<<<<<<<<<<<<<", "0", filler_allowed=True)
    assert not is_valid("<<<<<<<<<<<<<<", "<")
    assert not is_valid("ZE184226B<<<<<", "<", filler_allowed=True)
