"""A seeded synthetic watchlist and checkpoint queries with ground truth, one label per phenomenon."""

# Why this is a fair stand-in for a real list and a real border:
# - Names come from per-tradition tables with a long tail of rarer parts and compounds (names_tail),
#   so at a million entries most full names are held by one entry and common ones by hundreds, as in
#   a national population; a pool of a few thousand names would invent chance namesakes no border sees.
# - Travellers who are not listed come from the same population as listed people: at an Indonesian
#   checkpoint innocent travellers share naming traditions, and often names, with the list.
# - Hard negatives (the listed name, either spelling, a birth date years apart) and near misses (one
#   unexplained consonant changed in the rarest word, AGUS SALIM / AGUS HALIM) stay, as do expired
#   entries, whose travellers must not be stopped by a namesake either.
# - Arabic-origin and Muhammad variants come from the generator's own spelling table (spellings),
#   not the engine's, and a third of listed Muhammads carry a regional spelling of their own.
# - Every phenomenon is kept, including entries with no or a partial birth date, which no engine can
#   match on name alone without stopping namesakes; the report shows them apart (recall by listed date).

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from gerbang.screening.dates import compatible_dates, pack
from gerbang.screening.evaluation.people import (
    INDONESIAN,
    Person,
    ascii_upper,
    make_person,
    nationality_of,
    random_birth_date,
)
from gerbang.screening.evaluation.variants import NAME_VARIANTS, near_miss
from gerbang.screening.records import ListKind, PartialDate, ScreeningQuery, WatchlistEntry

DATE_VARIANTS = ("birth-date-swapped", "birth-date-digit", "birth-date-partial", "birth-date-unknown")
POSITIVE_PHENOMENA = (*NAME_VARIANTS, "alias", *DATE_VARIANTS, "document-number")
NEGATIVE_PHENOMENA = ("ordinary", "hard-negative", "near-miss", "expired")
_NEGATIVE_WEIGHTS = (0.2, 0.09, 0.09, 0.03)
_LIST_KINDS: tuple[tuple[ListKind, float], ...] = (
    ("exit-ban", 0.35),
    ("entry-ban", 0.3),
    ("wanted", 0.15),
    ("lost-stolen-document", 0.2),
)
# People kept in memory to derive queries from; enough for every phenomenon to find examples.
_PEOPLE_PER_QUERY = 25


@dataclass(frozen=True, slots=True)
class Truth:
    """What a query should find: the listed entry (None for travellers not listed) and why."""

    query_id: str
    expected_entry: str | None
    phenomenon: str
    listed_date: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "query_id": self.query_id,
            "expected_entry": self.expected_entry,
            "phenomenon": self.phenomenon,
            "listed_date": self.listed_date,
        }


@dataclass
class Dataset:
    """A generated watchlist, its queries, their ground truth and the screening date."""

    entries: list[WatchlistEntry]
    queries: list[ScreeningQuery]
    truth: list[Truth]
    on: dt.date


@dataclass
class _Listed:
    person: Person
    entry: WatchlistEntry


class _Generator:
    def __init__(self, seed: int, on: dt.date) -> None:
        self.rng = random.Random(seed)
        self.on = on
        self.documents: set[str] = set()
        self.word_counts: Counter[str] = Counter()

    def document(self, person: Person) -> str:
        while True:
            if person.tradition in INDONESIAN:
                number = self.rng.choice("ABCX") + f"{self.rng.randrange(10**7):07d}"
            else:
                number = (
                    "".join(self.rng.choices("ABCDEFGHJKLMNPRSTUVWXYZ", k=2))
                    + f"{self.rng.randrange(10**7):07d}"
                )
            if number not in self.documents:
                self.documents.add(number)
                return number

    def entry(self, number: int) -> _Listed:
        rng = self.rng
        person = make_person(rng)
        born = random_birth_date(rng)
        person.old_spelling = person.tradition in INDONESIAN and rng.random() < (
            0.45 if born.year < 1972 else 0.1
        )
        draw = rng.random()
        birth: PartialDate | None = PartialDate(born.year, born.month, born.day)
        # Lists built from civil registry data nearly always know the full date.
        if draw < 0.005:
            birth = None
        elif draw < 0.025:
            birth = PartialDate(born.year)
        elif draw < 0.035:
            birth = PartialDate(born.year, born.month)
        names = [person.listed_name()]
        if person.chinese_name:
            names.append(person.chinese_name)
        elif rng.random() < 0.1 and len(person.words) > 1:
            names.append(" ".join(person.spelled(old=not person.old_spelling)[::-1]))
        kind = rng.choices([k for k, _ in _LIST_KINDS], weights=[w for _, w in _LIST_KINDS])[0]
        until = None
        if kind == "exit-ban" or rng.random() < 0.1:
            until = self.on + dt.timedelta(days=rng.randint(-200, 700))
        documents = [self.document(person)] if kind == "lost-stolen-document" or rng.random() < 0.6 else []
        nationality = nationality_of(rng, person) if rng.random() > 0.04 else None
        self.word_counts.update(person.words)
        entry = WatchlistEntry(
            f"W{number:07d}", tuple(names), birth, nationality, tuple(documents), kind, until
        )
        return _Listed(person, entry)

    def expired(self, listed: _Listed) -> bool:
        return listed.entry.valid_until is not None and listed.entry.valid_until < self.on

    def birth_for(self, entry: WatchlistEntry) -> dt.date:
        birth = entry.birth_date
        if birth is None:
            return random_birth_date(self.rng)
        return dt.date(
            birth.year, birth.month or self.rng.randint(1, 12), birth.day or self.rng.randint(1, 28)
        )

    def query(
        self, number: int, phenomenon: str, people: list[_Listed]
    ) -> tuple[ScreeningQuery, Truth] | None:
        rng = self.rng
        if phenomenon == "ordinary":
            person = make_person(rng)
            name = " ".join(person.passport_words())
            born = random_birth_date(rng)
            query = ScreeningQuery(
                f"Q{number:07d}", name, born, nationality_of(rng, person), self.document(person)
            )
            return query, Truth(query.id, None, phenomenon)
        listed = rng.choice(people)
        if self.expired(listed) != (phenomenon == "expired"):
            return None
        found = self._variant(phenomenon, listed)
        if found is None:
            return None
        name, born, document = found
        entry = listed.entry
        nationality = entry.nationality or nationality_of(rng, listed.person)
        query = ScreeningQuery(f"Q{number:07d}", name, born, nationality, document)
        expected = entry.id if phenomenon in POSITIVE_PHENOMENA else None
        birth = entry.birth_date
        listed_date = "none" if birth is None else "full" if birth.day is not None else "partial"
        return query, Truth(query.id, expected, phenomenon, listed_date if expected else "")

    def _variant(self, phenomenon: str, listed: _Listed) -> tuple[str, dt.date, str] | None:
        rng, person, entry = self.rng, listed.person, listed.entry
        exact = " ".join(person.passport_words())
        born = self.birth_for(entry)
        fresh = self.document(person)
        full = entry.birth_date is not None and entry.birth_date.day is not None
        if phenomenon in NAME_VARIANTS:
            name = NAME_VARIANTS[phenomenon](rng, person)
            return None if name is None else (name, born, fresh)
        if phenomenon == "alias":
            return None if len(entry.names) < 2 else (ascii_upper(entry.names[1]), born, fresh)
        if phenomenon == "document-number":
            if not entry.documents:
                return None
            other = make_person(rng)
            return " ".join(other.passport_words()), random_birth_date(rng), entry.documents[0].lower()
        if phenomenon == "expired":
            return exact, born, fresh
        if phenomenon == "birth-date-unknown":
            return (exact, born, fresh) if entry.birth_date is None else None
        if phenomenon == "birth-date-partial":
            return (exact, born, fresh) if entry.birth_date is not None and not full else None
        if not full:
            return None
        if phenomenon == "birth-date-swapped":
            if born.day > 12 or born.day == born.month:
                return None
            return exact, born.replace(month=born.day, day=born.month), fresh
        if phenomenon == "birth-date-digit":
            options = [day for day, how in compatible_dates(born).items() if how == "one digit differs"]
            text = str(rng.choice(options))
            return exact, dt.date(int(text[:4]), int(text[4:6]), int(text[6:])), fresh
        if phenomenon == "hard-negative":
            # "A clearly different birth date" needs a listed one: a namesake of an undated entry
            # cannot be told apart, and policy sends such a traveller to secondary when the name is rare.
            if entry.birth_date is None:
                return None
            spelling = person.old_spelling if rng.random() < 0.6 else not person.old_spelling
            return " ".join(person.passport_words(old=spelling)), self._different_date(born), fresh
        # One unexplained letter changed and a birth date one digit off: two independent differences.
        # With the same full birth date a changed letter is exactly a typing slip, which screening
        # must find (the "typo" phenomenon), so that is no longer counted as an innocent traveller.
        changed = near_miss(rng, person.passport_words(), self.word_counts)
        if changed is None or not full:
            return None
        options = [day for day, how in compatible_dates(born).items() if how == "one digit differs"]
        text = str(rng.choice(options))
        return " ".join(changed), dt.date(int(text[:4]), int(text[4:6]), int(text[6:])), fresh

    def _different_date(self, born: dt.date) -> dt.date:
        while True:
            year = born.year + self.rng.choice((-1, 1)) * self.rng.randint(3, 15)
            other = dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
            if pack(PartialDate(born.year, born.month, born.day)) not in compatible_dates(other):
                return other


def generate(entries: int, queries: int, *, seed: int = 7, on: dt.date = dt.date(2026, 6, 1)) -> Dataset:
    """Return a watchlist of `entries` and `queries` labelled queries, the same for the same seed."""
    generator = _Generator(seed, on)
    keep_every = max(1, entries // max(1, queries * _PEOPLE_PER_QUERY))
    people: list[_Listed] = []
    listed_entries: list[WatchlistEntry] = []
    for number in range(entries):
        listed = generator.entry(number)
        listed_entries.append(listed.entry)
        if number % keep_every == 0:
            people.append(listed)
    phenomena = [*POSITIVE_PHENOMENA, *NEGATIVE_PHENOMENA]
    positive_weight = (1.0 - sum(_NEGATIVE_WEIGHTS)) / len(POSITIVE_PHENOMENA)
    weights = [positive_weight] * len(POSITIVE_PHENOMENA) + list(_NEGATIVE_WEIGHTS)
    made: list[ScreeningQuery] = []
    truth: list[Truth] = []
    while len(made) < queries:
        phenomenon = generator.rng.choices(phenomena, weights=weights)[0]
        for _ in range(200):
            found = generator.query(len(made), phenomenon, people)
            if found is not None:
                made.append(found[0])
                truth.append(found[1])
                break
    return Dataset(listed_entries, made, truth, on)
