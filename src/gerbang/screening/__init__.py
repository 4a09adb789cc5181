"""Watchlist screening: name normalisation, variants, index, matching (pure)."""

from __future__ import annotations

from gerbang.screening.hits import Explanation, Hit
from gerbang.screening.index import DEFAULT_THRESHOLD, WatchlistIndex
from gerbang.screening.normalize import NormalizedName, Word, normalize_name
from gerbang.screening.records import (
    LIST_KINDS,
    ListKind,
    PartialDate,
    ScreeningQuery,
    WatchlistEntry,
    entry_to_dict,
    parse_entry,
    parse_query,
    query_to_dict,
)
from gerbang.screening.scoring import WordMatch

__all__ = [
    "DEFAULT_THRESHOLD",
    "LIST_KINDS",
    "Explanation",
    "Hit",
    "ListKind",
    "NormalizedName",
    "PartialDate",
    "ScreeningQuery",
    "WatchlistEntry",
    "WatchlistIndex",
    "Word",
    "WordMatch",
    "entry_to_dict",
    "normalize_name",
    "parse_entry",
    "parse_query",
    "query_to_dict",
]
