"""Doc 9303 check digits: weights 7, 3, 1 over character values, modulo 10."""

from __future__ import annotations

from gerbang.kernel.errors import InvalidInput

FILLER = "<"
ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")

# Digits count as themselves, letters A–Z as 10–35, the filler as 0.
_VALUES: dict[str, int] = {str(d): d for d in range(10)}
_VALUES.update({chr(ord("A") + i): 10 + i for i in range(26)})
_VALUES[FILLER] = 0
_WEIGHTS = (7, 3, 1)


def check_digit(data: str) -> str:
    """Return the check digit of `data` as one character; raise InvalidInput outside the alphabet."""
    total = 0
    for index, char in enumerate(data):
        value = _VALUES.get(char)
        if value is None:
            raise InvalidInput("mrz.bad_character", field="zone", char=char)
        total += value * _WEIGHTS[index % 3]
    return str(total % 10)


def is_valid(data: str, digit: str, *, filler_allowed: bool = False) -> bool:
    """Return whether `digit` is the check digit of `data`.

    With `filler_allowed`, a '<' check digit is accepted when `data` is all fillers, as Doc 9303
    allows for an empty personal number.
    """
    if filler_allowed and digit == FILLER and data.strip(FILLER) == "":
        return True
    return digit == check_digit(data)
