"""Watchlist changes applied to a built store in place: entries added or removed without a rebuild."""

from __future__ import annotations

from array import array

from gerbang.screening.dates import pack, pack_day
from gerbang.screening.normalize import normalize_name
from gerbang.screening.records import LIST_KINDS, WatchlistEntry
from gerbang.screening.store import Store, StoreBuilder, document_key


def add_entry(store: Store, entry: WatchlistEntry) -> int:
    """Add one entry to a finished store and return its number.

    Every per-entry array is filled before any posting names the entry, so a screening running
    meanwhile either does not find it yet or finds it whole.
    """
    vocabulary = store.vocabulary
    number = len(store.entry_ids)
    keys: set[int] = set()
    pairs: set[int] = set()
    for raw in entry.names:
        name = normalize_name(raw)
        if not name.words:
            continue
        ids = []
        significant: list[tuple[int, ...]] = []
        for word in name.words:
            word_keys = tuple(vocabulary.add_key(key) for key in word.keys)
            for form in (*word.forms, word.surface):
                vocabulary.file_form(form, word_keys[0])
            ids.append(len(store.words))
            store.words.append(word)
            store.word_keys.append(word_keys)
            keys.update(word_keys)
            if not word.low_information:
                significant.append(word_keys)
        store.tokens.extend(ids)
        store.name_starts.append(len(store.tokens))
        StoreBuilder.pairs_of(significant or [store.word_keys[i] for i in ids], pairs)
    store.birth_dates.append(pack(entry.birth_date))
    store.valid_until.append(pack_day(entry.valid_until) if entry.valid_until else 0)
    store.list_kinds.append(LIST_KINDS.index(entry.list_kind))
    store.nationalities.append(entry.nationality)
    store.entry_starts.append(len(store.name_starts) - 1)
    store.entry_ids.append(entry.id)
    while len(store.key_postings) < len(vocabulary.keys):
        store.key_postings.append(array("i"))
    for key_id in keys:
        store.key_postings[key_id].append(number)
    vocabulary.recount(keys, 1)
    for key in pairs:
        held = store.pair_postings.get(key)
        if held is None:
            store.pair_postings[key] = number
        elif held >= 0:
            store.pair_lists.append(array("i", (held, number)))
            store.pair_postings[key] = -len(store.pair_lists)
        else:
            store.pair_lists[-held - 1].append(number)
    packed = store.birth_dates[number]
    if packed:
        store.by_birth.setdefault(packed, array("i")).append(number)
    else:
        store.undated = store.undated | {number}
    for document in entry.documents:
        number_key = document_key(document)
        store.documents[number_key] = (*store.documents.get(number_key, ()), number)
    return number


def remove_entry(store: Store, number: int) -> None:
    """Withdraw an entry: it is never returned again, and its words count as rarer from now on."""
    if number in store.removed:
        return
    store.removed.add(number)
    keys = {
        key_id
        for position in range(store.entry_starts[number], store.entry_starts[number + 1])
        for token in store.tokens[store.name_starts[position] : store.name_starts[position + 1]]
        for key_id in store.word_keys[token]
    }
    store.vocabulary.recount(keys, -1)
