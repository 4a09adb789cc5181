"""More ways a passport writes a listed name: typing slips, fathers' names, extra or missing words."""

from __future__ import annotations

import random

from gerbang.screening.evaluation import names_data as data
from gerbang.screening.evaluation.people import Person, ascii_upper

_ROWS = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")


def _key_neighbour(rng: random.Random, letter: str) -> str:
    for row in _ROWS:
        if letter in row:
            column = row.index(letter)
            near = [row[c] for c in (column - 1, column + 1) if 0 <= c < len(row)]
            return rng.choice(near)
    return letter


def keyboard_slip(rng: random.Random, word: str) -> str:
    """Return a word with one slip of a typist: a neighbouring key, a dropped, doubled or swapped letter."""
    position = rng.randrange(1, len(word))
    kind = rng.random()
    if kind < 0.35:
        return word[:position] + _key_neighbour(rng, word[position]) + word[position + 1 :]
    if kind < 0.6:
        return word[:position] + word[position + 1 :]
    if kind < 0.8 and position < len(word) - 1 and word[position] != word[position + 1]:
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    return word[:position] + word[position] + word[position:]


def _typo(rng: random.Random, person: Person) -> str | None:
    words = person.passport_words()
    long_words = [i for i, word in enumerate(words) if len(word) >= 4 and word.isalpha()]
    if not long_words:
        return None
    at = rng.choice(long_words)
    changed = keyboard_slip(rng, words[at])
    return None if changed == words[at] else " ".join([*words[:at], changed, *words[at + 1 :]])


def _father_added(rng: random.Random, person: Person) -> str | None:
    if person.father is not None or person.tradition not in {"arabic", "javanese", "sundanese", "minang"}:
        return None
    father = ascii_upper(rng.choice(data.ARABIC_INDONESIAN[:40]))
    return " ".join([*person.passport_words(), "BINTI" if person.female else "BIN", father])


def _middle_dropped(rng: random.Random, person: Person) -> str | None:
    words = person.passport_words()
    start = len(person.prefixes)
    end = len(words) - len(person.particle())
    if end - start < 3:
        return None
    at = rng.randrange(start + 1, end - 1)
    return " ".join(words[:at] + words[at + 1 :])


def _extra_given(rng: random.Random, person: Person) -> str | None:
    if person.tradition not in {"javanese", "sundanese", "arabic", "english", "german", "spanish"}:
        return None
    extra = rng.choice(("MUHAMMAD", "NUR", "SRI", "DWI", "TRI", "PUTRA", "MARIA", "JOHN", "ANNA"))
    words = person.passport_words()
    return None if extra in words else " ".join([extra, *words])


MORE_VARIANTS = {
    "typo": _typo,
    "patronymic-added": _father_added,
    "middle-name-dropped": _middle_dropped,
    "extra-given-name": _extra_given,
}
