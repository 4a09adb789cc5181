"""How a traveller's document may write a listed person's name: one function per phenomenon."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable

from gerbang.documents.names import compose_name
from gerbang.screening.evaluation.people import Person, ascii_upper
from gerbang.screening.evaluation.spellings import FAMILY_OF, MUHAMMAD
from gerbang.screening.evaluation.variants_more import MORE_VARIANTS
from gerbang.screening.normalize import fold, make_word

_PLAIN = str.maketrans({"ß": "ss", "ẞ": "SS", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "å": "a", "Å": "A"})
_SAFE_REPLACEMENTS = "BFGLMPRVZ"
MRZ_WIDTH = 39

Variant = Callable[[random.Random, Person], str | None]


def plain_letters(word: str) -> str:
    """Return a word with diacritics dropped instead of spelled out (MÜLLER → MULLER)."""
    text = unicodedata.normalize("NFKD", word.translate(_PLAIN))
    return "".join(char for char in text if not unicodedata.combining(char)).upper()


def mrz_field(words: list[str], width: int = MRZ_WIDTH) -> tuple[str, bool]:
    """Return the name field of a travel document (last word as primary identifier) and whether it was cut."""
    if len(words) == 1:
        return compose_name(words[0], "", width)
    return compose_name(words[-1], " ".join(words[:-1]), width)


def _exact(rng: random.Random, person: Person) -> str | None:
    return " ".join(person.passport_words())


def _icao(rng: random.Random, person: Person) -> str | None:
    if all(word.isascii() for word in person.words):
        return None
    return " ".join(plain_letters(word) for word in person.prefixes + person.words)


def _mrz(rng: random.Random, person: Person) -> str | None:
    field, cut = mrz_field(person.passport_words())
    return None if cut else field


def _truncated(rng: random.Random, person: Person) -> str | None:
    field, cut = mrz_field(person.passport_words())
    return field if cut else None


def _reform(rng: random.Random, person: Person) -> str | None:
    changed = person.passport_words(old=not person.old_spelling)
    return " ".join(changed) if changed != person.passport_words() else None


def _family_swap(rng: random.Random, person: Person, *, muhammad: bool) -> str | None:
    words = person.passport_words()
    for position, word in enumerate(words):
        family = FAMILY_OF.get(word)
        if family is not None and (family[0] == MUHAMMAD[0]) == muhammad:
            others = [member for member in family if member != word]
            words[position] = rng.choice(others)
            return " ".join(words)
    return None


def _title(rng: random.Random, person: Person) -> str | None:
    if not person.titles and not person.degrees:
        return None
    words = person.passport_words()
    return " ".join((["H"] if rng.random() < 0.3 else []) + words)


def _particle(rng: random.Random, person: Person) -> str | None:
    if person.father is None:
        return None
    words = [ascii_upper(w) for w in person.prefixes + person.spelled(old=person.old_spelling)]
    return " ".join([*words, ascii_upper(person.father)] if rng.random() < 0.5 else words)


def _nobility(rng: random.Random, person: Person) -> str | None:
    if not person.prefixes:
        return None
    core = person.passport_words()[len(person.prefixes) :]
    if person.prefixes[0] == "RADEN" and rng.random() < 0.4:
        return " ".join(["R", *core])
    return " ".join(core)


def _join_split(rng: random.Random, person: Person) -> str | None:
    words = person.passport_words()
    start = len(person.prefixes)
    end = len(words) - len(person.particle())
    if end - start < 2:
        return None
    at = words.index("ABDUL") if "ABDUL" in words[start : end - 1] else rng.randrange(start, end - 1)
    compound = [n for n in range(start, end) if " " in words[n]]
    if compound:
        # A compound name (AL-AHMAD, printed AL AHMAD) is joined within itself, not onto a neighbour.
        at = rng.choice(compound)
        return " ".join([*words[:at], words[at].replace(" ", ""), *words[at + 1 :]])
    return " ".join([*words[:at], words[at] + words[at + 1], *words[at + 2 :]])


def _word_order(rng: random.Random, person: Person) -> str | None:
    words = person.passport_words()
    if len(words) < 2:
        return None
    if rng.random() < 0.5:
        return f"{words[-1]}, {' '.join(words[:-1])}"
    shuffled = words[:]
    while shuffled == words:
        rng.shuffle(shuffled)
    return " ".join(shuffled)


def _mononym(rng: random.Random, person: Person) -> str | None:
    words = person.passport_words()
    if len(words) != 1:
        return None
    return rng.choice((words[0], f"{words[0]} {words[0]}", f"{words[0]}<<"))


def _combined(rng: random.Random, person: Person) -> str | None:
    changed = person.passport_words(old=not person.old_spelling)
    if changed == person.passport_words() or len(changed) < 2:
        return None
    return f"{changed[-1]}, {' '.join(changed[:-1])}"


def near_miss(rng: random.Random, words: list[str], counts: dict[str, int]) -> list[str] | None:
    """Change one letter of the rarest word so that no known equivalence explains it."""
    candidates = [i for i, word in enumerate(words) if len(word) >= 4]
    if not candidates:
        return None
    target = min(candidates, key=lambda i: counts.get(words[i], 0))
    word = words[target]
    original = make_word(word)
    for _ in range(20):
        position = rng.randrange(1, len(word))
        replacement = rng.choice(_SAFE_REPLACEMENTS)
        changed = word[:position] + replacement + word[position + 1 :]
        if changed == word or word[position] in "AEIOU":
            continue
        probe = make_word(changed)
        unexplained = set(probe.keys).isdisjoint(original.keys) and probe.phonetic != original.phonetic
        if unexplained and fold(changed) != fold(word):
            return [*words[:target], changed, *words[target + 1 :]]
    return None


NAME_VARIANTS: dict[str, Variant] = {
    "exact": _exact,
    "icao-transliteration": _icao,
    "mrz-format": _mrz,
    "mrz-truncation": _truncated,
    "spelling-reform": _reform,
    "muhammad-family": lambda rng, person: _family_swap(rng, person, muhammad=True),
    "arabic-variant": lambda rng, person: _family_swap(rng, person, muhammad=False),
    "titles": _title,
    "particles": _particle,
    "nobility-prefixes": _nobility,
    "joined-words": _join_split,
    "word-order": _word_order,
    "mononym": _mononym,
    "combined": _combined,
    **MORE_VARIANTS,
}
