"""Typing and reading errors as weighted edits: what keyboards and OCR confuse costs less."""

from __future__ import annotations

from functools import lru_cache

# QWERTY rows: a finger that slips lands on a neighbour in the same row or the row above or below.
_ROWS = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
# Letters that machine reading (OCR of the visual zone, worn print) takes for one another.
_OCR_PAIRS = ("MN", "IL", "IJ", "UV", "OQ", "OD", "CG", "EF", "BR", "PR", "HN", "CE", "KX", "VY")
# Digits a scanner or a clerk writes for letters; names hold none, so they are read as these letters.
DIGIT_LETTERS = str.maketrans(
    {"0": "O", "1": "I", "2": "Z", "3": "E", "4": "A", "5": "S", "6": "G", "7": "T", "8": "B", "9": "G"}
)

SUBSTITUTION = 1.0
NEAR_KEY = 0.6
OCR = 0.5
VOWEL = 0.8
TRANSPOSITION = 0.5
INSERT_DELETE = 0.7
# A wrong first letter is as likely a slip as any other (a clerk's finger, a smudged first character),
# but between different names it is common too (SALIM / HALIM), so it costs a full unexplained
# letter: a slip found this way is weak evidence that a birth date has to corroborate.
FIRST_LETTER = 1.0
_VOWELS = frozenset("AEIOUY")


def _neighbours() -> frozenset[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for row_number, row in enumerate(_ROWS):
        for column, letter in enumerate(row):
            near = {row[column - 1] if column else "", row[column + 1] if column + 1 < len(row) else ""}
            for other_row in (row_number - 1, row_number + 1):
                if 0 <= other_row < len(_ROWS):
                    near.update(_ROWS[other_row][max(0, column - 1) : column + 2])
            pairs.update((letter, other) for other in near if other and other != letter)
    return frozenset(pairs)


_NEAR = _neighbours()
_OCR = frozenset((pair[0], pair[1]) for pair in _OCR_PAIRS) | frozenset(
    (pair[1], pair[0]) for pair in _OCR_PAIRS
)


def substitution_cost(a: str, b: str) -> float:
    """Return what writing `b` for `a` costs: OCR confusions and neighbouring keys least."""
    if a == b:
        return 0.0
    if (a, b) in _OCR:
        return OCR
    if (a, b) in _NEAR:
        return NEAR_KEY
    if a in _VOWELS and b in _VOWELS:
        return VOWEL
    return SUBSTITUTION


@lru_cache(maxsize=200_000)
def edit_cost(first: str, second: str, limit: float = 2.0) -> float:
    """Return the weighted restricted Damerau distance (adjacent swaps included), or > limit when far."""
    if abs(len(first) - len(second)) * INSERT_DELETE > limit:
        return limit + 1.0
    previous2: list[float] = []
    previous = [i * INSERT_DELETE for i in range(len(second) + 1)]
    for i, a in enumerate(first, start=1):
        current = [i * INSERT_DELETE] + [0.0] * len(second)
        for j, b in enumerate(second, start=1):
            change = substitution_cost(a, b)
            if change and i == 1 and j == 1:
                change = max(change, FIRST_LETTER)
            best = min(previous[j] + INSERT_DELETE, current[j - 1] + INSERT_DELETE, previous[j - 1] + change)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b and a != b:
                best = min(best, previous2[j - 2] + TRANSPOSITION)
            current[j] = best
        if min(current) > limit:
            return limit + 1.0
        previous2, previous = previous, current
    return previous[-1]


def typo_similarity(cost: float, length: int) -> float:
    """Return what a word met through edits of `cost` is worth: long words survive a slip, short not."""
    # KURNIAWAN/KURNIAWN (9 letters, one dropped letter) stays near 0.9; ANDI/ANDA falls to about 0.5.
    return max(0.0, 1.0 - 2.0 * cost / (length + 1))
