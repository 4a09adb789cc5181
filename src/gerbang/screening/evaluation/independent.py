"""A second, independent evaluation: other name pools, other rules for how a passport differs from a list.

Nothing here is shared with the main generator's variant rules or the engine's tables: typing
slips are drawn as a clerk makes them (any letter changed, dropped, added or two swapped, not only
likely ones), fathers' names come and go, MRZ fields are cut by the document writer, and a
quarter of listed travellers present two variations at once.

Seeds. Both generators are run on a tuning split and a sealed split. The engine's limits were set
on the tuning splits only; the sealed splits exist to be reported, never tuned on:
- main generator: tuning seed 7, sealed seed 4_242;
- this generator: tuning seed 2_027, sealed seed 80_331.
"""

from __future__ import annotations

import datetime as dt
import random

from gerbang.kernel.transliteration import transliterate_name
from gerbang.screening.dates import compatible_dates, pack
from gerbang.screening.evaluation.generator import Dataset, Truth
from gerbang.screening.evaluation.independent_names import Someone, javanese_word, someone
from gerbang.screening.evaluation.independent_rules import SINGLE_RULES, old_indonesian
from gerbang.screening.records import ListKind, PartialDate, ScreeningQuery, WatchlistEntry

TUNING_SEED = 2_027
SEALED_SEED = 80_331
MAIN_TUNING_SEED = 7
MAIN_SEALED_SEED = 4_242
TWO_VARIATIONS_SHARE = 0.25
_NEGATIVE_SHARE = 0.4
_NEGATIVES = (("unlisted", 0.7), ("namesake-other-birth-date", 0.2), ("relative", 0.1))
_KINDS: tuple[ListKind, ...] = ("exit-ban", "entry-ban", "wanted", "lost-stolen-document")
_FIRST = dt.date(1938, 1, 1).toordinal()
_LAST = dt.date(2008, 12, 31).toordinal()
_NATIONALITY = {
    "javanese": ("IDN",),
    "sundanese": ("IDN",),
    "malay": ("IDN", "IDN", "MYS", "BRN"),
    "chindo": ("IDN",),
    "indian": ("IND", "IND", "MYS", "SGP"),
    "western": ("DEU", "FRA", "ESP", "NLD", "GBR", "SWE", "PRT", "USA"),
}


class _Listed:
    __slots__ = ("born", "entry", "old", "person", "with_father", "with_title")

    def __init__(
        self, person: Someone, entry: WatchlistEntry, born: dt.date, old: bool, father: bool, title: bool
    ) -> None:
        self.person, self.entry, self.born = person, entry, born
        self.old, self.with_father, self.with_title = old, father, title


def _list_name(person: Someone, *, old: bool, father: bool, title: bool) -> str:
    words = [old_indonesian(w) for w in person.words] if old else list(person.words)
    if father and person.father:
        words += [
            "BINTI" if person.female else "BIN",
            old_indonesian(person.father) if old else person.father,
        ]
    if title and person.title:
        words.insert(0, person.title + ".")
    return " ".join(words)


def passport_words(listed: _Listed) -> list[str]:
    """Return the words the traveller's passport prints, as the list knows the person (no variation)."""
    name = _list_name(listed.person, old=listed.old, father=listed.with_father, title=False)
    return transliterate_name(name).replace("<", " ").split()


class _Maker:
    def __init__(self, seed: int, on: dt.date) -> None:
        self.rng = random.Random(seed)
        self.on = on

    def born(self) -> dt.date:
        return dt.date.fromordinal(self.rng.randint(_FIRST, _LAST))

    def listed(self, number: int) -> _Listed:
        rng = self.rng
        person = someone(rng)
        born = self.born()
        old = person.tradition in {"javanese", "sundanese", "malay"} and rng.random() < (
            0.4 if born.year < 1975 else 0.08
        )
        father = person.father is not None and rng.random() < 0.5
        title = person.title is not None and rng.random() < 0.6
        draw = rng.random()
        birth: PartialDate | None = PartialDate(born.year, born.month, born.day)
        if draw < 0.01:
            birth = None
        elif draw < 0.05:
            birth = PartialDate(born.year)
        elif draw < 0.07:
            birth = PartialDate(born.year, born.month)
        kind = rng.choice(_KINDS)
        until = self.on + dt.timedelta(days=rng.randint(30, 900)) if kind == "exit-ban" else None
        nationality = rng.choice(_NATIONALITY[person.tradition]) if rng.random() > 0.03 else None
        documents = (f"{rng.choice('ABCX')}{rng.randrange(10**7):07d}",) if rng.random() < 0.5 else ()
        name = _list_name(person, old=old, father=father, title=title)
        entry = WatchlistEntry(f"I{number:07d}", (name,), birth, nationality, documents, kind, until)
        return _Listed(person, entry, born, old, father, title)

    def query_date(self, listed: _Listed) -> dt.date:
        birth = listed.entry.birth_date
        if birth is None or birth.day is not None:
            return listed.born
        return dt.date(birth.year, birth.month or self.rng.randint(1, 12), self.rng.randint(1, 28))

    def other_date(self, listed: _Listed, years: tuple[int, int]) -> dt.date:
        while True:
            shift = self.rng.choice((-1, 1)) * self.rng.randint(*years)
            other = dt.date(listed.born.year + shift, self.rng.randint(1, 12), self.rng.randint(1, 28))
            birth = listed.entry.birth_date
            if birth is None or pack(birth) not in compatible_dates(other):
                return other


def _vary(rng: random.Random, listed: _Listed, rules: list[str]) -> str | None:
    words = passport_words(listed)
    raw: str | None = None
    for rule in rules:
        if raw is not None:
            return None
        found = SINGLE_RULES[rule](rng, words, listed)
        if found is None:
            return None
        if isinstance(found, str):
            raw = found
        else:
            words = found
    return raw if raw is not None else " ".join(words)


def _negative(maker: _Maker, kind: str, people: list[_Listed]) -> tuple[str, dt.date, str] | None:
    rng = maker.rng
    if kind == "unlisted":
        person = someone(rng)
        return " ".join(transliterate_name(" ".join(person.words)).split("<")), maker.born(), "IDN"
    listed = rng.choice(people)
    if listed.entry.birth_date is None:
        return None
    nationality = listed.entry.nationality or "IDN"
    if kind == "namesake-other-birth-date":
        return " ".join(passport_words(listed)), maker.other_date(listed, (2, 30)), nationality
    person = listed.person
    if len(person.given) < 1 or not (person.family or person.father or len(person.given) > 1):
        return None
    given = [javanese_word(rng, person.female), *person.given[1:]]
    sibling = Someone(person.tradition, given, person.family, person.father, person.female)
    name = _list_name(sibling, old=listed.old, father=True, title=False)
    return transliterate_name(name).replace("<", " "), maker.other_date(listed, (1, 8)), nationality


def generate_independent(
    entries: int, queries: int, *, seed: int = TUNING_SEED, on: dt.date = dt.date(2026, 6, 1)
) -> Dataset:
    """Return an independent watchlist of `entries` and `queries` labelled queries, the same per seed."""
    maker = _Maker(seed, on)
    keep_every = max(1, entries // max(1, queries * 10))
    listed_entries: list[WatchlistEntry] = []
    people: list[_Listed] = []
    for number in range(entries):
        listed = maker.listed(number)
        listed_entries.append(listed.entry)
        if number % keep_every == 0:
            people.append(listed)
    rules = list(SINGLE_RULES)
    made: list[ScreeningQuery] = []
    truth: list[Truth] = []
    rng = maker.rng
    while len(made) < queries:
        query_id = f"J{len(made):07d}"
        if rng.random() < _NEGATIVE_SHARE:
            kind = rng.choices([k for k, _ in _NEGATIVES], weights=[w for _, w in _NEGATIVES])[0]
            found = _negative(maker, kind, people)
            if found is None:
                continue
            name, born, nationality = found
            made.append(ScreeningQuery(query_id, name, born, nationality, f"N{len(made):07d}"))
            truth.append(Truth(query_id, None, kind))
            continue
        listed = rng.choice(people)
        if listed.entry.valid_until is not None and listed.entry.valid_until < on:
            continue
        count = 2 if rng.random() < TWO_VARIATIONS_SHARE else 1
        # Rules that do not apply to a person (no father's name to drop) are drawn again, so the
        # share of two variations at once stays as set.
        for _ in range(30):
            chosen = rng.sample(rules, count)
            varied = _vary(rng, listed, chosen)
            if varied is not None and varied.strip("< "):
                break
        else:
            continue
        phenomenon = "two-variations" if len(chosen) == 2 else chosen[0]
        birth = listed.entry.birth_date
        listed_date = "none" if birth is None else "full" if birth.day is not None else "partial"
        nationality = listed.entry.nationality or _NATIONALITY[listed.person.tradition][0]
        made.append(
            ScreeningQuery(query_id, varied, maker.query_date(listed), nationality, f"P{len(made):07d}")
        )
        truth.append(Truth(query_id, listed.entry.id, phenomenon, listed_date))
    return Dataset(listed_entries, made, truth, on)
