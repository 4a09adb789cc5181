"""The watchlist index: build it once from a list snapshot, then screen each traveller."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable

from gerbang.screening.candidates import find_candidates
from gerbang.screening.dates import DATE_EVIDENCE, DATE_FACTORS, compatible_dates, describe, pack_day
from gerbang.screening.hits import Explanation, Hit
from gerbang.screening.normalize import NormalizedName, normalize_name
from gerbang.screening.records import LIST_KINDS, ScreeningQuery, WatchlistEntry
from gerbang.screening.scoring import NameAgreement, agree
from gerbang.screening.store import Store, StoreBuilder, document_key

DEFAULT_THRESHOLD = 0.8
# Hits below this are not worth an officer's glance; they are left out of the answer.
REPORT_FLOOR = 0.5
# Without an exact birth date a name must be rare enough that the whole list would hold fewer
# than this many namesakes of the traveller by chance; otherwise common names would stop everyone.
MAX_EXPECTED_NAMESAKES = 0.05
# An entry listed with no birth date at all still stops a traveller whose name is rare on the list
# (expected namesakes well under one): an officer would rather check one rare namesake than let the
# listed person through. Innocent travellers pay for it only when they carry such a rare name.
MAX_NAMESAKES_UNDATED = 0.5
NATIONALITY_FACTORS = {"same": 1.0, "not listed": 0.97, "not given": 0.97, "different": 0.9}


class WatchlistIndex:
    """An in-memory index of one watchlist snapshot; safe to share between readers once built."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @classmethod
    def build(
        cls, entries: Iterable[WatchlistEntry], *, progress: Callable[[int], None] | None = None
    ) -> WatchlistIndex:
        """Return the index of `entries`; `progress` is told the count every 10,000 entries."""
        builder = StoreBuilder()
        count = 0
        for count, entry in enumerate(entries, start=1):
            builder.add(entry)
            if progress is not None and count % 10_000 == 0:
                progress(count)
        if progress is not None:
            progress(count)
        return cls(builder.finish())

    def __len__(self) -> int:
        return len(self._store.entry_ids)

    def screen(
        self, query: ScreeningQuery, *, on: dt.date, threshold: float | None = None, limit: int = 10
    ) -> list[Hit]:
        """Return the entries in force on `on` that resemble the traveller, best first."""
        threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        store = self._store
        today = pack_day(on)
        name = normalize_name(query.name)
        hits: dict[int, Hit] = {}
        number = document_key(query.document_number or "")
        for entry in store.documents.get(number, ()) if number else ():
            if not (store.valid_until[entry] and store.valid_until[entry] < today):
                hits[entry] = self._hit(entry, query, name, "document number matches", threshold)
        dates = compatible_dates(query.birth_date) if query.birth_date else None
        birth_dates, valid_until = store.birth_dates, store.valid_until
        for entry in find_candidates(store, name):
            if entry in hits or (valid_until[entry] and valid_until[entry] < today):
                continue
            if dates is not None and birth_dates[entry] not in dates:
                continue
            hit = self._hit(entry, query, name, None, threshold)
            if hit.score >= REPORT_FLOOR or hit.match:
                hits[entry] = hit
        return sorted(hits.values(), key=lambda hit: (-hit.score, hit.entry_id))[:limit]

    def _best_name(self, entry: int, name: NormalizedName) -> tuple[NameAgreement, str | None]:
        rarity = self._store.vocabulary.rarity
        nothing = NameAgreement(0.0, (), tuple(word.surface for word in name.words), ())
        best: tuple[NameAgreement, str | None] = (nothing, None)
        for listed in self._store.names_of(entry):
            agreement = agree(name.words, listed, rarity, truncated=name.truncated)
            if agreement.score > best[0].score:
                best = (agreement, " ".join(word.surface for word in listed))
        return best

    def _hit(
        self, entry: int, query: ScreeningQuery, name: NormalizedName, document: str | None, threshold: float
    ) -> Hit:
        store = self._store
        agreement, matched = (
            self._best_name(entry, name) if name.words else (NameAgreement(0.0, (), (), ()), None)
        )
        listed_date = store.birth_dates[entry]
        if query.birth_date is None:
            date_outcome = "not given"
        else:
            date_outcome = compatible_dates(query.birth_date).get(listed_date, "differs")
        listed_nationality = store.nationalities[entry]
        if listed_nationality is None:
            nationality = "not listed"
        elif query.nationality is None:
            nationality = "not given"
        else:
            nationality = "same" if listed_nationality == query.nationality else "different"
        score = agreement.score * DATE_FACTORS.get(date_outcome, 0.5) * NATIONALITY_FACTORS[nationality]
        namesakes = None
        if date_outcome in DATE_EVIDENCE:
            # Nationality is left out: names and nationality go together, so it would count twice.
            namesakes = len(self) * math.exp(-agreement.evidence - DATE_EVIDENCE[date_outcome])
            limit = MAX_NAMESAKES_UNDATED if date_outcome == "not listed" else MAX_EXPECTED_NAMESAKES
            if namesakes > limit:
                score = min(score, threshold * 0.99)
        if listed_date and date_outcome != "exact":
            date_outcome += f" (listed {describe(listed_date)})"
        if document is not None:
            score = 1.0
        explanation = Explanation(
            matched_name=matched,
            words=agreement.matches,
            unmatched_query_words=agreement.unmatched_query,
            unmatched_entry_words=agreement.unmatched_entry,
            name_score=agreement.score,
            birth_date=date_outcome,
            nationality=nationality,
            document=document,
            expected_namesakes=namesakes,
        )
        return Hit(
            entry_id=store.entry_ids[entry],
            list_kind=LIST_KINDS[store.list_kinds[entry]],
            score=min(1.0, score),
            match=document is not None or score >= threshold,
            explanation=explanation,
        )
