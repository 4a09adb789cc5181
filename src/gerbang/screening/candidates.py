"""Which entries are worth scoring for a name, found through postings rather than a scan."""

from __future__ import annotations

import itertools
from array import array

from gerbang.screening.normalize import NormalizedName, Word, make_word
from gerbang.screening.store import Store, pair_key
from gerbang.screening.tables import JOINS_WITH_NEXT
from gerbang.screening.vocabulary import ALONE

# A pair of words is nearly always specific; a pair shared by this many entries says little and
# is left out (rarer words of the same name still find the person).
PAIR_CAP = 20_000
# A single word is followed only when it is the only significant word of the name, or when no
# pair found anything, and only while it is rare enough to be evidence.
SINGLE_CAP_ALONE = 20_000
SINGLE_CAP_FALLBACK = 2_000
_SHORTEST_CUT_PREFIX = 3


# An entry with no listed birth date is followed only through postings this short: reached only
# through a longer one it shares nothing but common words with the traveller, and with no date to
# corroborate them it has far more namesakes than a match allows. This bounds the work a common
# name causes (MUHAMMAD AHMAD: ten thousand entries, a hundred of them undated) without a scan.
UNDATED_POSTING_CAP = 2_000


def _add(found: set[int], long: set[int], held: int | array[int] | None) -> None:
    if held is None:
        return
    if isinstance(held, int):
        found.add(held)
    elif len(held) <= UNDATED_POSTING_CAP:
        found.update(held)
    elif len(held) <= PAIR_CAP:
        long.update(held)


def _expansions(store: Store, name: NormalizedName, words: list[Word]) -> list[list[int]]:
    vocabulary = store.vocabulary
    expansions: list[list[int]] = []
    for word in words:
        keys = vocabulary.direct(word) + vocabulary.near(word)
        # A cut may fall inside a digraph (OE, DJ), so the last two letters are not trusted.
        head = make_word(word.surface[:-2]).forms[0] if len(word.surface) > 2 else ""
        # Given names first, the cut word stands before the surname: any word may be the cut one.
        if name.truncated and len(head) >= _SHORTEST_CUT_PREFIX:
            keys += vocabulary.starting_with(head)
        expansions.append(list(dict.fromkeys(keys)))
    # Words written apart in one name and together in the other.
    for word in words:
        parts = vocabulary.split(word)
        if not parts and not vocabulary.direct(word):
            # A word the list does not know may be two listed words written together with a slip.
            parts = vocabulary.split_near(word)
        for first_part, second_part in parts:
            expansions.extend(([first_part], [second_part]))
    pairs = list(itertools.pairwise(words))
    pairs += [(a, b) for a in words if a.key in JOINS_WITH_NEXT for b in words if b is not a]
    for first, second in pairs:
        joined = vocabulary.ids.get(make_word(first.surface + second.surface).key)
        if joined is not None:
            expansions.append([joined])
    return expansions


def find_candidates(store: Store, name: NormalizedName) -> set[int]:
    """Return ids of entries sharing two words (or their only word) with the name, near forms included."""
    short, long = find_candidate_sets(store, name)
    return short | long


def find_candidate_sets(store: Store, name: NormalizedName) -> tuple[set[int], set[int]]:
    """Return the candidates found through short postings, and those found only through long ones."""
    words = [word for word in name.words if not word.low_information] or list(name.words)
    if not words:
        return set(), set()
    expansions = _expansions(store, name, words)
    found: set[int] = set()
    long: set[int] = set()
    postings = store.pair_postings
    lists = store.pair_lists
    for i, first in enumerate(expansions):
        for a in first:
            _add(found, long, store.pair(pair_key(a, ALONE)))
        for second in expansions[i + 1 :]:
            for a in first:
                for b in second:
                    if a != b:
                        held = postings.get((a << 32) | b if a < b else (b << 32) | a)
                        if held is not None:
                            _add(found, long, held if held >= 0 else lists[-held - 1])
    counts = store.vocabulary.counts
    # A word the list does not know is most likely a slip that no pair reached; the rarer other words
    # are then followed alone too, within the same bound.
    unknown = any(not store.vocabulary.direct(word) for word in words)
    cap = (
        SINGLE_CAP_ALONE
        if len(words) == 1
        else (SINGLE_CAP_FALLBACK if not (found or long) or unknown else 0)
    )
    for word in words:
        for key_id in store.vocabulary.direct(word):
            if counts[key_id] <= cap:
                entries = store.key_postings[key_id]
                (found if len(entries) <= UNDATED_POSTING_CAP else long).update(entries)
    long.difference_update(found)
    return found, long
