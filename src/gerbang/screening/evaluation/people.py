"""Synthetic people of many naming traditions, and how a list or a passport writes their names."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
from dataclasses import dataclass, field

from gerbang.kernel.transliteration import transliterate_name
from gerbang.screening.evaluation import names_data as data
from gerbang.screening.evaluation import names_tail as tail
from gerbang.screening.evaluation.spellings import CARRIED_MUHAMMAD

# Old spelling of a modern Indonesian word: the reforms run backwards (j was dj, y was j, c was
# tj, kh was ch, u was oe); order matters because each step must not see the previous one's output.
# Only a Y before a vowel was a consonant J (JANG = YANG); a final Y (EDY, RUDY) stayed as it was.
_TO_OLD = ((r"(?<!D)J", "DJ"), (r"Y(?=[AEIOU])", "J"), ("C", "TJ"), ("KH", "CH"), ("U", "OE"))
INDONESIAN = frozenset({"javanese", "sundanese", "balinese", "batak", "minang", "chinese", "arabic"})
_TRADITIONS = (
    ("javanese", 34),
    ("sundanese", 12),
    ("arabic", 16),
    ("balinese", 5),
    ("batak", 6),
    ("minang", 5),
    ("chinese", 6),
    ("german", 3),
    ("nordic", 1),
    ("english", 3),
    ("spanish", 2),
    ("arab", 3),
    ("pinyin", 2),
    ("indian", 2),
)
_FOREIGN_NATIONALITY = {
    "german": ("DEU", "AUT", "CHE"),
    "nordic": ("SWE", "NOR", "DNK", "FIN"),
    "english": ("GBR", "USA", "AUS"),
    "spanish": ("ESP", "MEX", "ARG"),
    "arab": ("EGY", "SAU", "JOR", "YEM"),
    "pinyin": ("CHN",),
    "indian": ("IND",),
}
_FIRST_DAY = dt.date(1940, 1, 1).toordinal()
_LAST_DAY = dt.date(2006, 12, 31).toordinal()


def to_old_spelling(word: str) -> str:
    """Return a modern Indonesian word as written before the 1947 and 1972 reforms."""
    # CH is already old (MOCHAMAD); hide it so the C→TJ step does not see its C.
    text = word.replace("CH", "\0")
    for new, old in _TO_OLD:
        text = re.sub(new, old.lower(), text)
    return text.replace("\0", "CH").upper()


def ascii_upper(word: str) -> str:
    """Return a word as a passport prints it (ICAO transliteration, no fillers)."""
    return transliterate_name(word).replace("<", " ")


class Table:
    """Name parts drawn commonest first, with a long tail (weights fall with rank)."""

    def __init__(self, parts: tuple[str, ...]) -> None:
        self.parts = parts
        self._cumulative = list(itertools.accumulate(1.0 / (rank + 6) ** 0.7 for rank in range(len(parts))))

    def pick(self, rng: random.Random) -> str:
        """Return one part."""
        return rng.choices(self.parts, cum_weights=self._cumulative)[0]


@dataclass
class Person:
    """A person's name parts and facts; `old_spelling` says how lists write the name."""

    tradition: str
    words: list[str]
    prefixes: list[str] = field(default_factory=list)
    father: str | None = None
    female: bool = False
    titles: list[str] = field(default_factory=list)
    degrees: list[str] = field(default_factory=list)
    old_spelling: bool = False
    chinese_name: str | None = None

    def spelled(self, *, old: bool) -> list[str]:
        """Return the core words in old or modern spelling (foreign names never change)."""
        if not old or self.tradition not in INDONESIAN:
            return list(self.words)
        return [to_old_spelling(word) for word in self.words]

    def particle(self) -> list[str]:
        """Return the patronymic tail ('BIN X' / 'BINTI X'), empty when none."""
        if self.father is None:
            return []
        return ["BINTI" if self.female else "BIN", self.father]

    def listed_name(self) -> str:
        """Return the name as a watchlist writes it: titles, prefixes, words, patronym, degrees."""
        text = " ".join(self.titles + self.prefixes + self.spelled(old=self.old_spelling) + self.particle())
        return f"{text}, {', '.join(self.degrees)}" if self.degrees else text

    def passport_words(self, *, old: bool | None = None) -> list[str]:
        """Return the words a passport prints: no titles, A–Z only."""
        spelled = self.spelled(old=self.old_spelling if old is None else old)
        return [ascii_upper(word) for word in self.prefixes + spelled + self.particle()]


_TABLES = {
    name: Table(tuple(dict.fromkeys(value + tail.MORE.get(name, ()))))
    for name, value in vars(data).items()
    if isinstance(value, tuple) and value and isinstance(value[0], str)
}
_TRADITION_NAMES = tuple(name for name, _ in _TRADITIONS)
_TRADITION_WEIGHTS = tuple(itertools.accumulate(weight for _, weight in _TRADITIONS))


_COMPOUNDS = {
    "JAVANESE_MALE": ("JAVANESE_HEADS", "JAVANESE_TAILS"),
    "JAVANESE_FEMALE": ("JAVANESE_HEADS", "JAVANESE_TAILS"),
    "SUNDANESE": ("SUNDANESE_HEADS", "SUNDANESE_TAILS"),
    "ARABIC_INDONESIAN": ("ARABIC_HEADS", "ARABIC_TAILS"),
    "BALINESE": ("BALINESE_HEADS", "BALINESE_TAILS"),
}
_COMPOUND_SHARE = 0.5
# Share of people named Muhammad whose registered spelling is not the standard one.
_OWN_MUHAMMAD_SHARE = 0.35


def _part(rng: random.Random, table: str) -> str:
    compound = _COMPOUNDS.get(table)
    if compound is None or rng.random() >= _COMPOUND_SHARE:
        return _TABLES[table].pick(rng)
    head, tail = _TABLES[compound[0]].pick(rng), _TABLES[compound[1]].pick(rng)
    # Two-word Sundanese names (ASEP SUPRIATNA) are compounds of whole words, kept apart.
    return f"{head}{tail}" if not table.startswith("SUNDANESE") else tail


def _pick(rng: random.Random, table: str, count: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < count:
        part = _part(rng, table)
        if part not in chosen:
            chosen.append(part)
    return chosen


def _length(rng: random.Random, one: float, two: float, three: float) -> int:
    draw = rng.random()
    return 1 if draw < one else 2 if draw < one + two else 3 if draw < one + two + three else 4


def _indonesian(rng: random.Random, tradition: str, female: bool) -> Person:
    if tradition == "javanese":
        table = "JAVANESE_FEMALE" if female else "JAVANESE_MALE"
        return Person(tradition, _pick(rng, table, _length(rng, 0.04, 0.5, 0.38)), female=female)
    if tradition == "sundanese":
        return Person(tradition, _pick(rng, "SUNDANESE", _length(rng, 0.02, 0.6, 0.34)), female=female)
    if tradition == "arabic":
        table = "ARABIC_INDONESIAN_FEMALE" if female else "ARABIC_INDONESIAN"
        words = _pick(rng, table, _length(rng, 0.0, 0.45, 0.45))
        if "ABDUL" in words:
            words.insert(words.index("ABDUL") + 1, _TABLES["ABDUL_COMPLEMENTS"].pick(rng))
        if rng.random() < 0.3:
            words.append(_TABLES["JAVANESE_MALE"].pick(rng))
        if "MUHAMMAD" in words and rng.random() < _OWN_MUHAMMAD_SHARE:
            # Civil registries record the spelling the parents chose (MOCHAMAD in East Java, MUHAMAD…).
            words[words.index("MUHAMMAD")] = rng.choice(CARRIED_MUHAMMAD)
        father = _TABLES["ARABIC_INDONESIAN"].pick(rng) if rng.random() < 0.2 else None
        return Person(tradition, words, father=father if father not in words else None, female=female)
    if tradition == "balinese":
        caste = list(rng.choice(data.BALINESE_CASTE)) if rng.random() < 0.15 else ["NI" if female else "I"]
        prefixes = [*caste, _TABLES["BALINESE_ORDER"].pick(rng)]
        return Person(tradition, _pick(rng, "BALINESE", _length(rng, 0.3, 0.6, 0.1)), prefixes, female=female)
    if tradition == "batak":
        given = _pick(rng, "BATAK_GIVEN", 1 if rng.random() < 0.6 else 2)
        return Person(tradition, [*given, _TABLES["BATAK_CLANS"].pick(rng)], female=female)
    if tradition == "minang":
        words = _pick(rng, "MINANG", _length(rng, 0.2, 0.6, 0.2))
        return Person(tradition, words + ([_TABLES["MINANG_CLANS"].pick(rng)] if rng.random() < 0.3 else []))
    given = [_TABLES["CHINESE_GIVEN_FIRST"].pick(rng)] if rng.random() < 0.4 else []
    # One-word names are mostly an older generation's; most Chinese-Indonesians carry two or three.
    words = given + _pick(rng, "CHINESE_INDONESIAN", 2 if rng.random() < 0.75 else 1)
    chinese = " ".join([_TABLES["HOKKIEN_SURNAMES"].pick(rng), *_pick(rng, "HOKKIEN_SYLLABLES", 2)])
    return Person(tradition, words, female=female, chinese_name=chinese)


def _foreign(rng: random.Random, tradition: str) -> Person:
    given_table, family_table = {
        "german": ("GERMAN_GIVEN", "GERMAN_FAMILY"),
        "nordic": ("NORDIC_GIVEN", "NORDIC_FAMILY"),
        "english": ("ENGLISH_GIVEN", "ENGLISH_FAMILY"),
        "spanish": ("SPANISH_GIVEN", "SPANISH_FAMILY"),
        "arab": ("ARAB_GIVEN", "ARAB_FAMILY"),
        "pinyin": ("PINYIN_FAMILY", "PINYIN_GIVEN"),
        "indian": ("INDIAN_GIVEN", "INDIAN_FAMILY"),
    }[tradition]
    given = _pick(rng, given_table, 2 if rng.random() < 0.3 else 1)
    return Person(tradition, [*given, *_pick(rng, family_table, 2 if rng.random() < 0.15 else 1)])


def make_person(rng: random.Random) -> Person:
    """Return a random person with titles, prefixes and spelling habits of their tradition."""
    tradition = rng.choices(_TRADITION_NAMES, cum_weights=_TRADITION_WEIGHTS)[0]
    female = rng.random() < 0.35
    if tradition not in INDONESIAN:
        return _foreign(rng, tradition)
    person = _indonesian(rng, tradition, female)
    if tradition in {"javanese", "sundanese", "arabic"} and rng.random() < 0.05:
        person.prefixes = list(rng.choice(data.NOBLE_PREFIXES))
    if rng.random() < 0.12:
        person.titles = rng.choice(data.TITLES_BEFORE).split()
    if rng.random() < 0.08:
        person.degrees = rng.choice(data.DEGREES_AFTER).split(", ")
    return person


def random_birth_date(rng: random.Random) -> dt.date:
    """Return a birth date between 1940 and 2006."""
    return dt.date.fromordinal(rng.randint(_FIRST_DAY, _LAST_DAY))


def nationality_of(rng: random.Random, person: Person) -> str:
    """Return a plausible nationality for the person's tradition."""
    if person.tradition in INDONESIAN:
        return "IDN"
    return rng.choice(_FOREIGN_NATIONALITY[person.tradition])
