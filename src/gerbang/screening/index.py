"""The watchlist index: build it once from a list snapshot, then screen each traveller."""

from __future__ import annotations

import datetime as dt
import gc
import heapq
import math
from collections.abc import Callable, Iterable

from gerbang.screening.candidates import find_candidate_sets
from gerbang.screening.changes import add_entry, remove_entry
from gerbang.screening.dates import DATE_EVIDENCE, DATE_FACTORS, compatible_dates, describe, pack_day
from gerbang.screening.hits import Explanation, Hit
from gerbang.screening.normalize import NormalizedName, normalize_name
from gerbang.screening.records import LIST_KINDS, ScreeningQuery, WatchlistEntry
from gerbang.screening.scoring import NameAgreement, agree
from gerbang.screening.store import Store, StoreBuilder, document_key, pair_key

DEFAULT_THRESHOLD = 0.8
# Hits below this are not worth an officer's glance; they are left out of the answer.
REPORT_FLOOR = 0.5
# Without an exact birth date a name must be rare enough that the whole list would hold few
# namesakes of the traveller born compatibly by chance; otherwise common names would stop everyone.
# The limit depends on how the date agrees, because the estimate is more cautious for some
# agreements than others. Measured on two synthetic million-entry lists (seeds 7 and 11, 20,000
# queries each; recall on name variants / on date variants / false alerts on travellers not listed):
#   0.05 everywhere, 0.5 undated (before):   0.988 / 0.77 / 0.13-0.26%
#   the limits below:                        0.995 / 0.86-0.87 / 0.27-0.41%
#   no limit at all:                         0.999 / 1.00 / 4.6%
#   undated entries always stopped:          stops 4.2% of innocent travellers by themselves
# What stays out of reach is people listed with no birth date under a common name: nothing in a
# passport tells them from their namesakes, and the 0.5% false-alert budget cannot pay for them.
NAMESAKE_LIMITS: dict[str, float] = {
    "exact": 1.0,
    "year and month agree, day not listed": 0.5,
    "day and month swapped": 0.5,
    "year agrees, month and day not listed": 0.3,
    "one digit differs": 0.04,
    "year off by one": 0.02,
    "not listed": 0.5,
    "not given": 0.05,
}
TWO_DIFFERENCES = 0.9
# Each tenfold fewer namesakes expected beyond one in ten adds this much to a name's score, up to the most.
EVIDENCE_BONUS_FROM = 1.0
EVIDENCE_BONUS_STEP = 0.1
EVIDENCE_BONUS_MOST = 0.25
BONUS_FLOOR = 0.5
# The score evidence alone earns: the default threshold at one namesake in a hundred expected by
# chance (a rate the false-alert budget can pay for), this much more for each tenfold fewer.
EVIDENCE_SCORE_FROM = 2.0
EVIDENCE_SCORE_STEP = 0.05
EVIDENCE_SCORE_MOST = 0.95
# Up to this many candidates, each one's birth date is looked up; beyond, set operations pick them.
_SMALL_CANDIDATE_SET = 2_000
# The share of listed people who present another nationality than the list's (an assumption: dual
# nationals and the naturalised are a minority); it divides the evidence of a differing nationality.
SAME_PERSON_OTHER_NATIONALITY = 0.1
NATIONALITY_FACTORS = {"same": 1.0, "not listed": 0.97, "not given": 0.97, "different": 0.9}


def evidence_score(namesakes: float) -> float:
    """Return the score that the matched evidence earns by itself, from the namesakes it leaves.

    Fewer than one namesake in a hundred expected by chance reaches the default threshold, each
    tenfold fewer adds a little more; it stands in for the coverage score only when the names differ
    by words on one side (added, missing or cut), never when a word was replaced by another.
    """
    if namesakes <= 0:
        return EVIDENCE_SCORE_MOST
    certainty = -math.log10(namesakes) - EVIDENCE_SCORE_FROM
    return max(0.0, min(EVIDENCE_SCORE_MOST, DEFAULT_THRESHOLD + EVIDENCE_SCORE_STEP * certainty))


def evidence_bonus(namesakes: float) -> float:
    """Return what the rarity of the agreement adds to a name's coverage score.

    A name whose matched words and birth date leave fewer than a hundredth of a namesake expected by
    chance is that person even with a word added or missing (a second given name, a dropped middle
    name, a father's name), so the evidence that matched raises the score rather than the words that
    did not lower it; a common agreement adds nothing.
    """
    if namesakes <= 0:
        return EVIDENCE_BONUS_MOST
    certainty = -math.log10(namesakes) - EVIDENCE_BONUS_FROM
    return max(0.0, min(EVIDENCE_BONUS_MOST, EVIDENCE_BONUS_STEP * certainty))


class WatchlistIndex:
    """An in-memory index of one watchlist snapshot; safe to share between readers once built."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._by_id: dict[str, list[int]] | None = None

    @classmethod
    def build(
        cls, entries: Iterable[WatchlistEntry], *, progress: Callable[[int], None] | None = None
    ) -> WatchlistIndex:
        """Return the index of `entries`; `progress` is told the count every 10,000 entries."""
        # The index is millions of long-lived objects that never form cycles: collections while it
        # grows would scan them again and again. The collector is paused for the build only and
        # restored as it was, so the rest of the process keeps its own collection (no gc.freeze,
        # which would pin every object of the process). One full collection at the end lets the
        # collector untrack the index's tuples of integers, so later collections skip them.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            builder = StoreBuilder()
            count = 0
            for count, entry in enumerate(entries, start=1):
                builder.add(entry)
                if progress is not None and count % 10_000 == 0:
                    progress(count)
            if progress is not None:
                progress(count)
            index = cls(builder.finish())
        finally:
            if was_enabled:
                gc.enable()
        gc.collect()
        return index

    def __len__(self) -> int:
        return len(self._store.entry_ids) - len(self._store.removed)

    def apply(self, *, added: Iterable[WatchlistEntry] = (), removed: Iterable[str] = ()) -> None:
        """Withdraw entries by id and add new ones in place, without a rebuild (a changed entry is both).

        Meant for a writer that holds the index alone, or for small changes between decisions: a
        screening running meanwhile sees each entry either whole or not at all.
        """
        store = self._store
        numbers = self._numbers()
        for entry_id in removed:
            for number in numbers.pop(entry_id, ()):
                remove_entry(store, number)
        for entry in added:
            for number in numbers.pop(entry.id, ()):
                remove_entry(store, number)
            numbers[entry.id] = [add_entry(store, entry)]

    def _numbers(self) -> dict[str, list[int]]:
        # Built on the first change only: a list that never changes never pays for it.
        if self._by_id is None:
            removed = self._store.removed
            self._by_id = {}
            for number, entry_id in enumerate(self._store.entry_ids):
                if number not in removed:
                    self._by_id.setdefault(entry_id, []).append(number)
        return self._by_id

    def screen(
        self, query: ScreeningQuery, *, on: dt.date, threshold: float | None = None, limit: int = 10
    ) -> list[Hit]:
        """Return the entries in force on `on` that resemble the traveller, best first."""
        threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        store = self._store
        today = pack_day(on)
        name = normalize_name(query.name)
        valid_until = store.valid_until
        hits: dict[int, Hit] = {}
        number = document_key(query.document_number or "")
        removed = store.removed
        for entry in store.documents.get(number, ()) if number else ():
            if entry not in removed and not (valid_until[entry] and valid_until[entry] < today):
                hits[entry] = self._hit(entry, query, name, "document number matches", threshold, {})
        dates = compatible_dates(query.birth_date) if query.birth_date else None
        found, long = find_candidate_sets(store, name)
        candidates: Iterable[int] = found | long
        if dates is not None:
            candidates = [
                *self._born_compatibly(found, dates),
                *self._born_compatibly(long, dates, undated=False),
            ]
        # Names agree the same way wherever they are listed: common names recur across candidates.
        memo: dict[tuple[int, ...], tuple[NameAgreement, str | None]] = {}
        scored: list[tuple[float, str, int]] = []
        floor = min(REPORT_FLOOR, threshold)
        for entry in candidates:
            if entry in hits or entry in removed or (valid_until[entry] and valid_until[entry] < today):
                continue
            score = self._score(entry, query, name, threshold, memo)[0]
            if score >= floor:
                scored.append((-score, store.entry_ids[entry], entry))
        # Only the hits that will be returned are explained.
        for _, _, entry in heapq.nsmallest(limit, scored):
            hits[entry] = self._hit(entry, query, name, None, threshold, memo)
        return sorted(hits.values(), key=lambda hit: (-hit.score, hit.entry_id))[:limit]

    def _born_compatibly(
        self, candidates: set[int], dates: dict[int, str], *, undated: bool = True
    ) -> Iterable[int]:
        """Return the candidates whose listed birth date the traveller's may stand for (undated ones too
        unless told not to)."""
        store = self._store
        if len(candidates) <= _SMALL_CANDIDATE_SET:
            birth_dates = store.birth_dates
            return [
                entry
                for entry in candidates
                if birth_dates[entry] in dates and (undated or birth_dates[entry])
            ]
        # Many candidates (a common single name): pick the few born compatibly by set operations
        # in C rather than looking at every candidate's date.
        dated: set[int] = set()
        for packed in dates:
            held = store.by_birth.get(packed)
            if held is not None:
                dated.update(held)
        if not undated:
            return candidates.intersection(dated)
        return candidates.intersection(dated) | candidates.intersection(store.undated)

    def _best_name(
        self, entry: int, name: NormalizedName, memo: dict[tuple[int, ...], tuple[NameAgreement, str | None]]
    ) -> tuple[NameAgreement, str | None]:
        store = self._store
        rarity = store.vocabulary.rarity
        best: tuple[NameAgreement, str | None] | None = None
        for position in range(store.entry_starts[entry], store.entry_starts[entry + 1]):
            tokens = tuple(store.tokens[store.name_starts[position] : store.name_starts[position + 1]])
            found = memo.get(tokens)
            if found is None:
                listed = tuple(store.words[token] for token in tokens)
                agreement = agree(
                    name.words, listed, rarity, truncated=name.truncated, patronymic_from=name.patronymic_from
                )
                found = memo[tokens] = (agreement, " ".join(word.surface for word in listed))
            if best is None or found[0].score > best[0].score:
                best = found
        return best or (NameAgreement(0.0, (), tuple(word.surface for word in name.words), ()), None)

    def _score(
        self,
        entry: int,
        query: ScreeningQuery,
        name: NormalizedName,
        threshold: float,
        memo: dict[tuple[int, ...], tuple[NameAgreement, str | None]],
    ) -> tuple[float, NameAgreement, str | None, str, str, float | None]:
        """Return the score of an entry and the evidence behind it, without building a Hit."""
        store = self._store
        agreement, matched = (
            self._best_name(entry, name, memo) if name.words else (NameAgreement(0.0, (), (), ()), None)
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
        name_score = agreement.score
        namesakes = None
        if date_outcome in DATE_EVIDENCE:
            # Nationality is left out: names and nationality go together, so it would count twice.
            namesakes = len(self) * math.exp(-agreement.evidence - DATE_EVIDENCE[date_outcome])
            namesakes *= self._together(agreement)
            if nationality == "different":
                # A listed person seldom travels on another country's passport (dual nationals, the
                # naturalised), while a namesake abroad often does: the agreement is that much weaker.
                namesakes /= SAME_PERSON_OTHER_NATIONALITY
            # Only for words added or missing on one side: a word replaced by another on both sides
            # (AGUS SALIM / AGUS HALIM) is another person however rare the rest.
            if not (agreement.unmatched_query and agreement.unmatched_entry) and name_score >= BONUS_FLOOR:
                name_score = min(1.0, max(name_score + evidence_bonus(namesakes), evidence_score(namesakes)))
        score = name_score * DATE_FACTORS.get(date_outcome, 0.5) * NATIONALITY_FACTORS[nationality]
        if date_outcome != "exact" and any(match.kind == "typo" for match in agreement.matches):
            # A slip in the name and a birth date that differs too are two unexplained differences
            # at once: as likely a relative or another person as the listed one.
            score *= TWO_DIFFERENCES
        if namesakes is not None and namesakes > NAMESAKE_LIMITS[date_outcome]:
            score = min(score, threshold * 0.99)
        return score, agreement, matched, date_outcome, nationality, namesakes

    def _together(self, agreement: NameAgreement) -> float:
        """Return how much more often the two rarest matched words are listed together than by chance."""
        store = self._store
        counts = store.vocabulary.counts
        ids = store.vocabulary.ids
        keys = sorted({ids[key] for key in agreement.explained if key in ids}, key=counts.__getitem__)
        if len(keys) < 2:
            return 1.0
        first, second = keys[0], keys[1]
        # Names within a tradition go together (LIU with WEI, KOSASIH with HERMAWAN): the pair postings
        # count the entries that really carry both, which word rarities alone would underestimate.
        held = store.pair(pair_key(first, second))
        # The entry itself carries both words; namesakes are the others.
        others = 0 if held is None or isinstance(held, int) else len(held) - 1
        expected = counts[first] * counts[second] / max(1, len(self))
        return max(1.0, others / expected) if expected > 0 else 1.0

    def _hit(
        self,
        entry: int,
        query: ScreeningQuery,
        name: NormalizedName,
        document: str | None,
        threshold: float,
        memo: dict[tuple[int, ...], tuple[NameAgreement, str | None]],
    ) -> Hit:
        store = self._store
        score, agreement, matched, date_outcome, nationality, namesakes = self._score(
            entry, query, name, threshold, memo
        )
        listed_date = store.birth_dates[entry]
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
