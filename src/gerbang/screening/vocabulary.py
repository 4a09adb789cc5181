"""The list's word keys with their rarity, and ways to reach near keys without scanning them all."""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from typing import cast

from gerbang.screening.edits import edit_cost
from gerbang.screening.normalize import Word, make_word, phonetic_key

# Key id 0 is reserved: paired with a word key it marks a name that has only that one word.
ALONE = 0
_SHORTEST_FUZZY_KEY = 4
_MOST_PREFIX_KEYS = 24
_MOST_NEAR_KEYS = 16
# Near keys are ranked by weighted edit cost; beyond this many found, only the commonest are costed,
# which bounds the work a short common word (ANDI, ADE) can cause.
_MOST_NEAR_COSTED = 64
# A word written together with a slip in it may be cut in several places; a few readings suffice.
_MOST_SPLITS = 8


_REPEATS = re.compile(r"(.)\1+")


def _deletions(key: str) -> Iterator[str]:
    for position in range(len(key)):
        deleted = key[:position] + key[position + 1 :]
        yield deleted
        # Keys hold no doubled letters, so a deletion that makes one (NGAGIYONO → NGAGIYOO) is also
        # filed folded (NGAGIYO), where a slip that dropped a letter between two alike lands.
        if position and position + 1 < len(key) and key[position - 1] == key[position + 1]:
            yield _REPEATS.sub(r"\1", deleted)


class Vocabulary:
    """Interned word keys, how many entries carry each, and indexes to near keys."""

    def __init__(self) -> None:
        self.keys: list[str] = ["\0"]
        self.ids: dict[str, int] = {"\0": ALONE}
        self.counts = array("i", [0])
        self._entries = 0
        self._by_deletion: dict[str, list[int] | tuple[int, ...]] = {}
        self._by_sound: dict[str, list[int] | tuple[int, ...]] = {}
        self._sorted: list[str] = []
        self._sorted_ids: list[int] = []
        self._idf_unknown = 0.0
        self._idf: list[float] = []
        # Spellings filed under another key (FAIZAL under FAISAL's family): slips of them are found too.
        self._member_forms: dict[str, int] = {}
        self._finished = False

    def intern(self, key: str) -> int:
        """Return the id of `key`, adding it if new."""
        found = self.ids.get(key)
        if found is None:
            found = len(self.keys)
            self.ids[key] = found
            self.keys.append(key)
            self.counts.append(0)
        return found

    def file_form(self, form: str, key_id: int) -> None:
        """Record that `form` is written for the key `key_id` (a family member, another reading)."""
        if form == self.keys[key_id]:
            return
        if not self._finished:
            self._member_forms.setdefault(form, key_id)
            return
        # After the build a new spelling goes straight into the deletion index.
        if len(form) >= _SHORTEST_FUZZY_KEY:
            for deleted in (form, *dict.fromkeys(_deletions(form))):
                held = self._by_deletion.get(deleted, ())
                if key_id not in held:
                    self._by_deletion[deleted] = (*held, key_id)

    def finish(self, entries: int, counts: array[int]) -> None:
        """Record document frequencies and build the near-key indexes; call once after interning."""
        self._entries = entries
        self.counts = counts
        self._idf_unknown = math.log((entries + 1) / 0.5)
        self._idf = [math.log((entries + 1) / (count + 0.5)) for count in counts]
        for key_id, key in enumerate(self.keys):
            if key_id == ALONE:
                continue
            cast(list[int], self._by_sound.setdefault(phonetic_key(key), [])).append(key_id)
            if len(key) >= _SHORTEST_FUZZY_KEY:
                for deleted in dict.fromkeys(_deletions(key)):
                    cast(list[int], self._by_deletion.setdefault(deleted, [])).append(key_id)
        for form, key_id in self._member_forms.items():
            if len(form) >= _SHORTEST_FUZZY_KEY:
                for deleted in (form, *dict.fromkeys(_deletions(form))):
                    held = cast(list[int], self._by_deletion.setdefault(deleted, []))
                    if key_id not in held:
                        held.append(key_id)
        self._member_forms = {}
        self._finished = True
        # Tuples of integers are left alone by the cycle collector, lists are not: millions of
        # lists here would make every full collection, and so some queries, tens of milliseconds slow.
        self._by_sound = {probe: tuple(ids) for probe, ids in self._by_sound.items()}
        self._by_deletion = {probe: tuple(ids) for probe, ids in self._by_deletion.items()}
        order = sorted(range(1, len(self.keys)), key=self.keys.__getitem__)
        self._sorted = [self.keys[i] for i in order]
        self._sorted_ids = order

    def add_key(self, key: str) -> int:
        """Return the id of `key`, filing a new one in every near-key index (after `finish`)."""
        found = self.ids.get(key)
        if found is not None:
            return found
        key_id = self.intern(key)
        self._idf.append(self._idf_unknown)
        sound = phonetic_key(key)
        self._by_sound[sound] = (*self._by_sound.get(sound, ()), key_id)
        if len(key) >= _SHORTEST_FUZZY_KEY:
            for deleted in dict.fromkeys(_deletions(key)):
                self._by_deletion[deleted] = (*self._by_deletion.get(deleted, ()), key_id)
        at = bisect_left(self._sorted, key)
        self._sorted.insert(at, key)
        self._sorted_ids.insert(at, key_id)
        return key_id

    def recount(self, key_ids: set[int], change: int) -> None:
        """Record an entry carrying these keys added (+1) or withdrawn (-1).

        Only these keys' rarities are worked out again; the others drift by the list's growth alone.
        """
        self._entries += change
        for key_id in key_ids:
            self.counts[key_id] += change
            self._idf[key_id] = math.log((self._entries + 1) / (self.counts[key_id] + 0.5))

    def rarity(self, word: Word) -> float:
        """Return the inverse document frequency of a word's primary key (rarest if unseen)."""
        key_id = self.ids.get(word.key)
        return self._idf_unknown if key_id is None else self._idf[key_id]

    def direct(self, word: Word) -> list[int]:
        """Return ids of the word's own keys (every reading of its spelling and family)."""
        return [self.ids[key] for key in word.keys if key in self.ids]

    def near(self, word: Word) -> list[int]:
        """Return ids of keys that sound alike or lie one edit away (a symmetric-deletion lookup, so no
        scan), likeliest slips first, then commonest, capped."""
        key = word.key
        sound = set(self._by_sound.get(phonetic_key(key), ()))
        found: set[int] = set()
        for written in dict.fromkeys((key, word.forms[0], word.surface)):
            if len(written) < _SHORTEST_FUZZY_KEY:
                continue
            for probe in (written, *_deletions(written)):
                found.update(self._by_deletion.get(probe, ()))
                own = self.ids.get(probe)
                if own is not None and own != ALONE:
                    found.add(own)
        direct = self.direct(word)
        sound.difference_update(direct)
        found.difference_update(direct)
        found.difference_update(sound)
        counts = self.counts
        ranked = sorted(found, key=lambda key_id: -counts[key_id])[:_MOST_NEAR_COSTED]
        keys = self.keys
        ranked.sort(key=lambda key_id: (edit_cost(key, keys[key_id]), -counts[key_id]))
        chosen = sorted(sound, key=lambda key_id: -counts[key_id])[: _MOST_NEAR_KEYS // 2]
        return chosen + ranked[: _MOST_NEAR_KEYS - len(chosen)]

    def starting_with(self, prefix: str) -> list[int]:
        """Return ids of keys that begin with `prefix` (a name cut short), capped."""
        start = bisect_left(self._sorted, prefix)
        found: list[int] = []
        for position in range(start, min(start + _MOST_PREFIX_KEYS, len(self._sorted))):
            if not self._sorted[position].startswith(prefix):
                break
            found.append(self._sorted_ids[position])
        return found

    def split_near(self, word: Word) -> list[tuple[int, int]]:
        """Return pairs of keys that spell the word with one slip in either part (JAZATGOENAWAN → JAJAT +
        GOENAWAN): one part known as written, the other one edit from a known key, capped."""
        surface = word.surface
        pairs: list[tuple[int, int]] = []
        for cut in range(2, len(surface) - 1):
            head, tail = surface[:cut], surface[cut:]
            head_id = self.ids.get(make_word(head).key)
            tail_id = self.ids.get(make_word(tail).key)
            if head_id is not None and tail_id is None:
                pairs.extend((head_id, near) for near in self._one_edit(make_word(tail).key))
            elif tail_id is not None and head_id is None:
                pairs.extend((near, tail_id) for near in self._one_edit(make_word(head).key))
            if len(pairs) >= _MOST_SPLITS:
                break
        return pairs[:_MOST_SPLITS]

    def _one_edit(self, key: str) -> list[int]:
        """Return ids of keys one deletion, insertion or substitution from `key` (symmetric deletions)."""
        if len(key) < _SHORTEST_FUZZY_KEY:
            return []
        found: set[int] = set()
        for probe in (key, *_deletions(key)):
            found.update(self._by_deletion.get(probe, ()))
            own = self.ids.get(probe)
            if own is not None and own != ALONE:
                found.add(own)
        counts = self.counts
        return sorted(found, key=lambda key_id: -counts[key_id])[:_MOST_SPLITS]

    def split(self, word: Word) -> list[tuple[int, int]]:
        """Return pairs of known keys that together spell the word (SRIWAHYUNI → SRI + WAHYUNI)."""
        surface = word.surface
        pairs: list[tuple[int, int]] = []
        for cut in range(2, len(surface) - 1):
            head = self.ids.get(make_word(surface[:cut]).key)
            tail = self.ids.get(make_word(surface[cut:]).key)
            if head is not None and tail is not None:
                pairs.append((head, tail))
        return pairs
