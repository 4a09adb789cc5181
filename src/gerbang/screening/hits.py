"""What screening returns: hits with the reasons a person can read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gerbang.screening.records import ListKind
from gerbang.screening.scoring import WordMatch


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why an entry scored as it did: the name it met, word by word, and the other evidence."""

    matched_name: str | None
    words: tuple[WordMatch, ...]
    unmatched_query_words: tuple[str, ...]
    unmatched_entry_words: tuple[str, ...]
    name_score: float
    birth_date: str
    nationality: str
    document: str | None
    expected_namesakes: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "matched_name": self.matched_name,
            "words": [match.to_dict() for match in self.words],
            "unmatched_query_words": list(self.unmatched_query_words),
            "unmatched_entry_words": list(self.unmatched_entry_words),
            "name_score": round(self.name_score, 3),
            "birth_date": self.birth_date,
            "nationality": self.nationality,
            "document": self.document,
            "expected_namesakes": None
            if self.expected_namesakes is None
            else round(self.expected_namesakes, 4),
        }

    def summary(self) -> str:
        """Return one line a duty officer can read."""
        parts = [f"{m.query_word}~{m.entry_word} ({m.kind})" for m in self.words]
        if self.unmatched_query_words:
            parts.append("traveller only: " + " ".join(self.unmatched_query_words))
        if self.unmatched_entry_words:
            parts.append("list only: " + " ".join(self.unmatched_entry_words))
        parts.append(f"birth date: {self.birth_date}")
        parts.append(f"nationality: {self.nationality}")
        if self.expected_namesakes is not None:
            parts.append(f"namesakes expected by chance: {self.expected_namesakes:.3g}")
        if self.document:
            parts.append(f"document: {self.document}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Hit:
    """One listed entry that resembles the traveller; `match` sends the traveller to secondary."""

    entry_id: str
    list_kind: ListKind
    score: float
    match: bool
    explanation: Explanation

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """Return the JSON form, with the explanation when asked."""
        found: dict[str, Any] = {
            "entry_id": self.entry_id,
            "score": round(self.score, 4),
            "match": self.match,
        }
        if explain:
            found["list"] = self.list_kind
            found["explanation"] = self.explanation.to_dict()
        return found
