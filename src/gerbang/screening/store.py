"""The compact in-memory form of a watchlist: integer ids, arrays and postings by word key."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from gerbang.screening.dates import pack, pack_day
from gerbang.screening.normalize import Word, normalize_name
from gerbang.screening.records import LIST_KINDS, WatchlistEntry
from gerbang.screening.vocabulary import ALONE, Vocabulary

_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Z]")
# Pairs are taken among the first words only; a name longer than this is rare and its first
# words already make it findable.
_WORDS_PAIRED = 6


def document_key(number: str) -> str:
    """Return a document number as compared: upper case, letters and digits only."""
    return _NOT_ALPHANUMERIC.sub("", number.upper())


def pair_key(first: int, second: int) -> int:
    """Return one integer for an unordered pair of key ids."""
    low, high = (first, second) if first < second else (second, first)
    return (low << 32) | high


@dataclass
class Store:
    """Every entry as arrays; postings by word key, by pair of keys and by document number."""

    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    words: list[Word] = field(default_factory=list)
    word_keys: list[tuple[int, ...]] = field(default_factory=list)
    tokens: array[int] = field(default_factory=lambda: array("i"))
    name_starts: array[int] = field(default_factory=lambda: array("i", [0]))
    entry_starts: array[int] = field(default_factory=lambda: array("i", [0]))
    entry_ids: list[str] = field(default_factory=list)
    birth_dates: array[int] = field(default_factory=lambda: array("i"))
    valid_until: array[int] = field(default_factory=lambda: array("i"))
    list_kinds: array[int] = field(default_factory=lambda: array("b"))
    nationalities: list[str | None] = field(default_factory=list)
    key_postings: list[array[int]] = field(default_factory=list)
    pair_postings: dict[int, int] = field(default_factory=dict)
    pair_lists: list[array[int]] = field(default_factory=list)
    documents: dict[str, list[int] | tuple[int, ...]] = field(default_factory=dict)
    # Entries by packed birth date, so a traveller's compatible dates pick their entries directly.
    by_birth: dict[int, array[int]] = field(default_factory=dict)
    undated: frozenset[int] = frozenset()
    # Entries withdrawn since the build; their postings stay, and screening skips them.
    removed: set[int] = field(default_factory=set)

    def names_of(self, entry: int) -> list[tuple[Word, ...]]:
        """Return the normalised names of an entry, primary first."""
        names = []
        for name in range(self.entry_starts[entry], self.entry_starts[entry + 1]):
            start, end = self.name_starts[name], self.name_starts[name + 1]
            names.append(tuple(self.words[token] for token in self.tokens[start:end]))
        return names

    def pair(self, key: int) -> array[int] | int | None:
        """Return the entries under a pair key: one id, an array of ids, or None."""
        found = self.pair_postings.get(key)
        if found is None or found >= 0:
            return found
        return self.pair_lists[-found - 1]


class StoreBuilder:
    """Adds entries one by one, then compacts postings into arrays."""

    def __init__(self) -> None:
        self.store = Store()
        self._word_ids: dict[Word, int] = {}
        self._key_postings: list[list[int]] = [[]]
        self._pairs: dict[int, int | list[int]] = {}
        self._interned: dict[str, str] = {}

    def _word_id(self, word: Word) -> int:
        found = self._word_ids.get(word)
        if found is None:
            store = self.store
            found = len(store.words)
            self._word_ids[word] = found
            store.words.append(word)
            keys = []
            for key in word.keys:
                key_id = store.vocabulary.intern(key)
                if key_id == len(self._key_postings):
                    self._key_postings.append([])
                keys.append(key_id)
            for form in (*word.forms, word.surface):
                store.vocabulary.file_form(form, keys[0])
            store.word_keys.append(tuple(keys))
        return found

    def add(self, entry: WatchlistEntry) -> None:
        """Add one entry."""
        store = self.store
        number = len(store.entry_ids)
        keys: set[int] = set()
        pairs: set[int] = set()
        for raw in entry.names:
            name = normalize_name(raw)
            if not name.words:
                continue
            ids = [self._word_id(word) for word in name.words]
            store.tokens.extend(ids)
            store.name_starts.append(len(store.tokens))
            for word_id in ids:
                keys.update(store.word_keys[word_id])
            significant = [
                store.word_keys[i] for i, w in zip(ids, name.words, strict=True) if not w.low_information
            ]
            self.pairs_of(significant or [store.word_keys[i] for i in ids], pairs)
        store.entry_starts.append(len(store.name_starts) - 1)
        store.entry_ids.append(entry.id)
        store.birth_dates.append(pack(entry.birth_date))
        store.valid_until.append(pack_day(entry.valid_until) if entry.valid_until else 0)
        store.list_kinds.append(LIST_KINDS.index(entry.list_kind))
        nationality = entry.nationality
        store.nationalities.append(
            self._interned.setdefault(nationality, nationality) if nationality else None
        )
        for key_id in keys:
            self._key_postings[key_id].append(number)
        for key in pairs:
            held = self._pairs.get(key)
            if held is None:
                self._pairs[key] = number
            elif isinstance(held, int):
                self._pairs[key] = [held, number]
            else:
                held.append(number)
        for document in entry.documents:
            cast(list[int], store.documents.setdefault(document_key(document), [])).append(number)

    @staticmethod
    def pairs_of(words: list[tuple[int, ...]], pairs: set[int]) -> None:
        """Add the pair keys a name's significant words make (or its only word with ALONE) to `pairs`."""
        words = words[:_WORDS_PAIRED]
        if len(words) == 1:
            pairs.update(pair_key(key, ALONE) for key in words[0])
        for i, first in enumerate(words):
            for second in words[i + 1 :]:
                pairs.update(pair_key(a, b) for a in first for b in second if a != b)

    def finish(self) -> Store:
        """Compact the postings and compute rarities; the builder must not be used afterwards."""
        store = self.store
        store.key_postings = [array("i", postings) for postings in self._key_postings]
        self._key_postings = []
        store.vocabulary.finish(len(store.entry_ids), array("i", (len(p) for p in store.key_postings)))
        compact: dict[int, int] = {}
        for key, held in self._pairs.items():
            if isinstance(held, int):
                compact[key] = held
            else:
                compact[key] = -len(store.pair_lists) - 1
                store.pair_lists.append(array("i", held))
        self._pairs = {}
        store.pair_postings = compact
        by_birth: dict[int, list[int]] = {}
        for number, packed in enumerate(store.birth_dates):
            by_birth.setdefault(packed, []).append(number)
        store.undated = frozenset(by_birth.pop(0, ()))
        # As tuples the cycle collector stops scanning them (see Vocabulary.finish).
        store.documents = {number: tuple(entries) for number, entries in store.documents.items()}
        store.by_birth = {packed: array("i", numbers) for packed, numbers in by_birth.items()}
        return store


def build_store(entries: Iterable[WatchlistEntry]) -> Store:
    """Return the store of all entries."""
    builder = StoreBuilder()
    for entry in entries:
        builder.add(entry)
    return builder.finish()
