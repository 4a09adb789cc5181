"""Word and name similarity: how two names agree, word by word, weighted by rarity."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from gerbang.screening.edits import edit_cost, typo_similarity
from gerbang.screening.normalize import Word, make_word
from gerbang.screening.tables import JOINS_WITH_NEXT, LOW_INFORMATION_WEIGHT

# What each kind of word agreement is worth. A known equivalence (a spelling reform, a
# transliteration, a name family) is nearly as good as the same letters; an unexplained letter
# change is worth much less, so AGUS SALIM and AGUS HALIM stay apart while SOEHARTO meets SUHARTO.
KIND_SIMILARITY: dict[str, float] = {
    "exact": 1.0,
    "reform": 0.97,
    "variant": 0.95,
    "joined": 0.95,
    "prefix": 0.92,
    "phonetic": 0.88,
    "initial": 0.6,
}
# Two weighted edits are allowed only in words this long; a shorter word two edits away is another name.
_LONG_WORD = 8
_SHORTEST_TYPO_WORD = 4
# Two words written as one make a long word; shorter ones are not compared with joined pairs for slips.
_SHORTEST_JOINED_SLIP = 8
# Agreements that identify: how rare the listed words they cover are counts as evidence. A typing
# slip counts too, in proportion to its similarity (KURNIAWN for KURNIAWAN nearly fully).
_EXPLAINED = frozenset({"exact", "reform", "variant", "joined", "prefix", "phonetic", "typo"})
_SHORTEST_PREFIX = 2
# What an unmatched word costs against the evidence that matched, as a share of its weight: words the
# traveller has and the list lacks (a second given name, a father's name) are common, listed words
# the traveller lacks (aliases' words, a dropped middle name) commoner; a patronymic costs little.
QUERY_EXTRA = 0.3
ENTRY_EXTRA = 0.25
ENTRY_EXTRA_TRUNCATED = 0.1
PATRONYMIC_EXTRA = 0.05


@dataclass(frozen=True, slots=True)
class WordMatch:
    """How one word of the query met a word of the listed name."""

    query_word: str
    entry_word: str
    kind: str
    similarity: float

    def to_dict(self) -> dict[str, object]:
        """Return the JSON form."""
        return {
            "query": self.query_word,
            "entry": self.entry_word,
            "kind": self.kind,
            "similarity": round(self.similarity, 3),
        }


@dataclass(frozen=True, slots=True)
class NameAgreement:
    """The best alignment of two names and the score it earns."""

    score: float
    matches: tuple[WordMatch, ...]
    unmatched_query: tuple[str, ...]
    unmatched_entry: tuple[str, ...]
    evidence: float = 0.0
    # Keys of the listed words that an identifying agreement covered.
    explained: tuple[str, ...] = ()


def compare_words(query: Word, entry: Word, *, last_of_truncated: bool) -> tuple[str, float] | None:
    """Return (kind, similarity) of two words, or None when they do not meet at all."""
    if query.surface == entry.surface:
        return "exact", 1.0
    if not set(query.forms).isdisjoint(entry.forms):
        return "reform", KIND_SIMILARITY["reform"]
    if not set(query.keys).isdisjoint(entry.keys):
        return "variant", KIND_SIMILARITY["variant"]
    head = query.forms[0]
    cut = len(query.surface)
    # A listed word's folded form may start with the cut one (DJOJOHADIKOESOEMO / JOJOHADI), or a cut
    # inside OE or DJ may fold differently, so the listed word's same-length start is folded too.
    if (
        last_of_truncated
        and len(query.surface) >= _SHORTEST_PREFIX
        and len(entry.surface) > cut
        and (
            any(form.startswith(head) for form in entry.forms)
            or not set(make_word(entry.surface[:cut]).forms).isdisjoint(query.forms)
        )
    ):
        return "prefix", KIND_SIMILARITY["prefix"]
    if len(query.surface) == 1 or len(entry.surface) == 1:
        if query.surface[0] == entry.surface[0]:
            return "initial", KIND_SIMILARITY["initial"]
        return None
    if query.phonetic == entry.phonetic:
        return "phonetic", KIND_SIMILARITY["phonetic"]
    # Folding may carry a slip far (POERKARONGSO folds to PURKARONGSO, POWERKARONGSO does not), so the
    # letters as written are compared too.
    folded = typo(head, entry.forms[0])
    unfolded = query.surface != head or entry.surface != entry.forms[0]
    written = typo(query.surface, entry.surface) if unfolded else None
    return max(folded, written, key=lambda met: met[1] if met else 0.0)


def typo(query: str, entry: str) -> tuple[str, float] | None:
    """Return ("typo", similarity) when one word is a slip of the other, weighted by what slips are likely."""
    longest = max(len(query), len(entry))
    if min(len(query), len(entry)) < _SHORTEST_TYPO_WORD - 1 or longest < _SHORTEST_TYPO_WORD:
        return None
    limit = 2 if longest >= _LONG_WORD else 1
    # The C-coded distance rules most pairs out before the weighted one is worked out.
    if Levenshtein.distance(query, entry, score_cutoff=limit + 1) > limit + 1:
        return None
    cost = edit_cost(query, entry, float(limit))
    if cost > limit:
        return None
    similarity = typo_similarity(cost, longest)
    return ("typo", similarity) if similarity > 0 else None


def word_weight(word: Word, rarity: Callable[[Word], float]) -> float:
    """Return a word's evidential weight: its rarity, much reduced for prefixes and birth-order names."""
    weight = rarity(word)
    return weight * LOW_INFORMATION_WEIGHT if word.low_information else weight


def _joinable(words: Sequence[Word]) -> list[tuple[int, int]]:
    """Return (first, second) positions that may be one word written apart: neighbours, or ABDUL + any."""
    # Neighbours either way round: a name written surname first may be glued so (LIMANKEVIN).
    pairs = [(i, i + 1) for i in range(len(words) - 1)] + [(i + 1, i) for i in range(len(words) - 1)]
    for i, word in enumerate(words):
        if word.key in JOINS_WITH_NEXT:
            pairs.extend((i, k) for k in range(len(words)) if k not in (i, i + 1))
    return pairs


def _options(
    query: Sequence[Word], entry: Sequence[Word], truncated: bool
) -> list[tuple[float, tuple[int, ...], tuple[int, ...], str]]:
    found: list[tuple[float, tuple[int, ...], tuple[int, ...], str]] = []
    last = len(query) - 1
    for i, q in enumerate(query):
        for j, e in enumerate(entry):
            # A cut name written given names first ends its cut word before the surname, so in a
            # truncated name any word may be the one cut.
            met = compare_words(q, e, last_of_truncated=truncated and (i == last or len(q.surface) > 2))
            if met is not None and met[1] > 0:
                found.append((met[1], (i,), (j,), met[0]))
    # A word written as two (ABDUL RAHMAN / ABDULRAHMAN, SRI WAHYUNI / SRIWAHYUNI), either side.
    for j, k in _joinable(entry):
        joined = make_word(entry[j].surface + entry[k].surface).forms
        for i, q in enumerate(query):
            if not set(joined).isdisjoint(q.forms):
                found.append((KIND_SIMILARITY["joined"], (i,), (j, k), "joined"))
            elif len(q.surface) >= _SHORTEST_JOINED_SLIP and (slip := typo(q.forms[0], joined[0])):
                # Written together and mistyped (JAZATGOENAWAN for JAJAT GOENAWAN): a slip like any other.
                found.append((slip[1], (i,), (j, k), "typo"))
    for i, k in _joinable(query):
        joined = make_word(query[i].surface + query[k].surface).forms
        found.extend(
            (KIND_SIMILARITY["joined"], (i, k), (j,), "joined")
            for j, e in enumerate(entry)
            if not set(joined).isdisjoint(e.forms)
        )
    return found


def agree(
    query: Sequence[Word],
    entry: Sequence[Word],
    rarity: Callable[[Word], float],
    *,
    truncated: bool,
    patronymic_from: int | None = None,
) -> NameAgreement:
    """Align two names greedily, best word pairs first, and score the evidence that matched.

    The score is the rarity-weighted evidence that matched over itself plus a share of each word
    left unmatched, so an added father's name or a dropped middle name lowers it a little, never
    to nothing. Query words from `patronymic_from` on follow BIN/BINTI and may be missing from lists.
    """
    query_weights = [word_weight(word, rarity) for word in query]
    entry_weights = [word_weight(word, rarity) for word in entry]
    used_query: set[int] = set()
    used_entry: set[int] = set()
    matches: list[WordMatch] = []
    matched = possible = evidence = 0.0
    explained: list[str] = []
    for similarity, qs, es, kind in sorted(_options(query, entry, truncated), key=lambda o: -o[0]):
        if used_query.intersection(qs) or used_entry.intersection(es):
            continue
        used_query.update(qs)
        used_entry.update(es)
        weight = (sum(query_weights[i] for i in qs) + sum(entry_weights[j] for j in es)) / 2
        matched += similarity * weight
        possible += weight
        if kind in _EXPLAINED:
            share = similarity if kind == "typo" else 1.0
            evidence += share * sum(entry_weights[j] for j in es)
            explained.extend(entry[j].key for j in es)
        matches.append(
            WordMatch(
                " ".join(query[i].surface for i in qs),
                " ".join(entry[j].surface for j in es),
                kind,
                similarity,
            )
        )
    entry_share = ENTRY_EXTRA_TRUNCATED if truncated else ENTRY_EXTRA
    missing = 0.0
    for i, weight in enumerate(query_weights):
        if i not in used_query:
            late = patronymic_from is not None and i >= patronymic_from
            missing += weight * (PATRONYMIC_EXTRA if late else QUERY_EXTRA)
    missing += entry_share * sum(w for j, w in enumerate(entry_weights) if j not in used_entry)
    score = matched / (possible + missing) if possible else 0.0
    return NameAgreement(
        score=score,
        matches=tuple(matches),
        unmatched_query=tuple(w.surface for i, w in enumerate(query) if i not in used_query),
        unmatched_entry=tuple(w.surface for j, w in enumerate(entry) if j not in used_entry),
        evidence=evidence,
        explained=tuple(explained),
    )
