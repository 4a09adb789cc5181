"""Raw names into comparable words: transliteration, folds, families, titles and particles."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from gerbang.kernel.errors import InvalidInput
from gerbang.kernel.transliteration import transliterate_name
from gerbang.screening.edits import DIGIT_LETTERS
from gerbang.screening.tables import (
    AMBIGUOUS_FOLDS,
    ASSIMILATED_ARTICLE_PREFIX,
    ASSIMILATING_LETTERS,
    JOINS_WITH_NEXT,
    LOW_INFORMATION,
    NAME_FAMILIES,
    PARTICLES,
    PHONETIC_FOLDS,
    PRIMARY_FOLDS,
    TITLES,
)

_REPEATS = re.compile(r"(.)\1+")
_CHUNKS = re.compile(r"[\s,;/<]+")
_DIGITS = re.compile(r"\d+")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_VOWEL_CLASS = str.maketrans({"O": "U", "E": "I", "Y": "I"})
# The shortest name field ICAO uses (TD1, 30 characters); a field used to its end may be cut. Its
# '<<' read as one space, the name is one character shorter.
_SHORTEST_NAME_FIELD = 29
_CUT_PARTICLES = ("BIN", "BINTI", "BINT", "BTE")
# What comes after these is the father's name, which passports add and lists often leave out.
_PATRONYMIC = frozenset({"BIN", "BINTI", "BT", "BTE", "BINT", "IBN"})
# The Arabic article is often written onto the word it belongs to (ALAHMAD, ELSAYED); below this
# many letters after it the word is a name of its own (ALAM, ELLA) rather than an article and a name.
_GLUED_ARTICLES = ("AL", "EL")
_SHORTEST_AFTER_ARTICLE = 4


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a name with every comparable form derived from it."""

    surface: str
    forms: tuple[str, ...]
    keys: tuple[str, ...]
    phonetic: str
    low_information: bool

    @property
    def key(self) -> str:
        """The family key of the primary reading."""
        return self.keys[0]


@dataclass(frozen=True, slots=True)
class NormalizedName:
    """A name as a tuple of significant words; `truncated` when it may have been cut to fit a field."""

    words: tuple[Word, ...]
    truncated: bool
    # Position of the first word of a father's name after BIN/BINTI, when there is one.
    patronymic_from: int | None = None

    @property
    def text(self) -> str:
        """The words as written, space separated."""
        return " ".join(word.surface for word in self.words)


def fold(word: str, *, alternates: tuple[tuple[str, str], ...] = ()) -> str:
    """Return the comparable form of an A–Z word: reforms and transliterations folded, doubles single."""
    text = word
    for old, new in alternates:
        text = text.replace(old, new)
    for old, new in PRIMARY_FOLDS:
        text = text.replace(old, new)
    prefix = ASSIMILATED_ARTICLE_PREFIX
    if text.startswith(prefix) and len(text) > len(prefix) + 2 and text[len(prefix)] in ASSIMILATING_LETTERS:
        text = prefix + "L" + text[len(prefix) :]
    text = _REPEATS.sub(r"\1", text)
    # Arabic ta marbuta is written with or without its final h (Fatimah / Fatima).
    if len(text) > 3 and text.endswith("AH"):
        text = text[:-1]
    return text


def readings(word: str) -> tuple[str, ...]:
    """Return every comparable form of a word, one per reading of its ambiguous spellings, primary first."""
    present = [rule for rule in AMBIGUOUS_FOLDS if rule[0] in word]
    choices = itertools.product((False, True), repeat=len(present))
    return tuple(
        dict.fromkeys(
            fold(word, alternates=tuple(r for r, on in zip(present, c, strict=True) if on)) for c in choices
        )
    )


def _family_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for family in NAME_FAMILIES:
        head = fold(family[0])
        for member in family:
            index.setdefault(fold(member), head)
    return index


_FAMILY = _family_index()
_LOW_INFORMATION_FORMS = frozenset(fold(word) for word in LOW_INFORMATION)


def phonetic_key(form: str) -> str:
    """Return a key that forgets vowel quality within o/u and e/i, for near-sounding spellings."""
    text = form
    for old, new in PHONETIC_FOLDS:
        text = text.replace(old, new)
    if text.endswith("B"):
        text = text[:-1] + "P"
    return _REPEATS.sub(r"\1", text.translate(_VOWEL_CLASS))


@lru_cache(maxsize=500_000)
def make_word(surface: str) -> Word:
    """Return the Word for an A–Z surface form, computing its forms once."""
    forms = readings(surface)
    keys = tuple(dict.fromkeys(_FAMILY.get(form, form) for form in forms))
    return Word(surface, forms, keys, phonetic_key(forms[0]), forms[0] in _LOW_INFORMATION_FORMS)


def _article_dropped(word: Word) -> Word:
    """Return the word that also reads as the name after a glued article (ALAHMAD also as AHMAD)."""
    surface = word.surface
    article = next((a for a in _GLUED_ARTICLES if surface.startswith(a)), None)
    if article is None or len(surface) - len(article) < _SHORTEST_AFTER_ARTICLE:
        return word
    rest = make_word(surface[len(article) :])
    forms = tuple(dict.fromkeys(word.forms + rest.forms))
    keys = tuple(dict.fromkeys(word.keys + rest.keys))
    return Word(surface, forms, keys, word.phonetic, word.low_information)


def _joined(first: Word, second: Word) -> Word:
    forms = tuple(dict.fromkeys(first.key + form for form in second.forms))
    keys = tuple(dict.fromkeys(_FAMILY.get(form, form) for form in forms))
    return Word(first.surface + second.surface, forms, keys, phonetic_key(forms[0]), False)


@lru_cache(maxsize=200_000)
def _transliterated(chunk: str) -> tuple[str, ...]:
    try:
        text = transliterate_name(chunk)
    except InvalidInput:
        # A script without a Latin transliteration carries no comparable letters; keep what can be read.
        text = "".join(_safe_letter(char) for char in chunk)
    return tuple(part for part in text.split("<") if part)


def _safe_letter(char: str) -> str:
    try:
        return transliterate_name(char)
    except InvalidInput:
        return ""


def _drop(words: list[str], unwanted: frozenset[str]) -> list[str]:
    kept = [word for word in words if word not in unwanted]
    return kept if kept else words


def may_be_truncated(raw: str) -> bool:
    """Return whether a name looks like a machine-readable field used to its last character."""
    text = raw.strip()
    return len(text) >= _SHORTEST_NAME_FIELD and text[-1].isalpha()


def _letters(chunk: str) -> str:
    # Digits inside a word are misread letters (SUGIY0NO, 8UDI); a chunk of digits alone is no name.
    return chunk.translate(DIGIT_LETTERS) if _HAS_LETTER.search(chunk) else _DIGITS.sub("", chunk)


def split_words(raw: str) -> list[str]:
    """Return the A–Z words of a raw name, MRZ fillers and punctuation read as separators."""
    chunks = (_letters(chunk) for chunk in _CHUNKS.split(raw) if chunk)
    return [part for chunk in chunks if chunk for part in _transliterated(chunk)]


def _starts_patronymic(words: list[str], at: int) -> bool:
    # Malaysian documents write BIN as B (AHMAD B YUSOF); a B between two names reads the same way.
    return words[at] in _PATRONYMIC or (words[at] == "B" and at + 1 < len(words))


def normalize_name(raw: str) -> NormalizedName:
    """Return the significant words of a name: titles and particles gone, families and joins folded."""
    truncated = may_be_truncated(raw)
    written = _drop(split_words(raw), TITLES)
    # The father's name starts after the first patronymic particle that has a name before it.
    cut = next((i for i in range(1, len(written)) if _starts_patronymic(written, i)), len(written))
    surfaces = _drop(written[:cut], PARTICLES)
    late = len(surfaces)
    surfaces += [word for word in written[cut:] if word not in PARTICLES and word != "B"]
    if truncated and len(surfaces) > 1 and any(p.startswith(surfaces[-1]) for p in _CUT_PARTICLES):
        # A field cut inside BIN or BINTI leaves B or BI, which is no name at all.
        surfaces.pop()
    words: list[tuple[Word, bool]] = []
    position = 0
    while position < len(surfaces):
        word = _article_dropped(make_word(surfaces[position]))
        if word.key in JOINS_WITH_NEXT and position + 1 < len(surfaces):
            word = _joined(word, make_word(surfaces[position + 1]))
            position += 1
        words.append((word, position >= late))
        position += 1
    unique: dict[str, tuple[Word, bool]] = {}
    for word, father in words:
        unique.setdefault(word.key, (word, father))
    kept = list(unique.values())
    start = next((i for i, (_, father) in enumerate(kept) if father), None)
    return NormalizedName(tuple(word for word, _ in kept), truncated, start)
