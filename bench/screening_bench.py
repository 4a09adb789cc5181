"""Benchmark watchlist screening against a RapidFuzz brute-force baseline; prints one JSON object.

    python bench/screening_bench.py [--entries 1000000] [--queries 2000] [--baseline-queries 150]
                                    [--plot docs/screening-recall.svg]

Everything runs in one process on one core: the synthetic list is generated, the index built,
every query screened and timed; then a sample of the queries goes through the baseline, which
compares the query with every listed name (Jaro-Winkler over token-sorted, transliterated names,
cutoff 0.9) and accepts a birth date that is equal or consistent with a partial one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from gerbang.screening import ScreeningQuery, WatchlistEntry, WatchlistIndex
from gerbang.screening.dates import pack, pack_day
from gerbang.screening.evaluation import Dataset, Outcome, evaluate, generate
from gerbang.screening.normalize import split_words
from gerbang.screening.store import document_key
from recall_plot import draw


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True)  # fmt: skip


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _peak_rss_mb() -> float:
    # Linux reports kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _plain(name: str) -> str:
    return " ".join(sorted(split_words(name)))


class Baseline:
    """Brute force: every listed name compared with the query, then birth date, document, validity."""

    def __init__(self, entries: list[WatchlistEntry]) -> None:
        self.names: list[str] = []
        self.owner: list[int] = []
        self.entries = entries
        self.documents: dict[str, list[int]] = {}
        for number, entry in enumerate(entries):
            for name in entry.names:
                self.names.append(_plain(name))
                self.owner.append(number)
            for document in entry.documents:
                self.documents.setdefault(document_key(document), []).append(number)

    def matched(self, query: ScreeningQuery, on: dt.date) -> frozenset[str]:
        found: set[int] = set(self.documents.get(document_key(query.document_number or ""), ()))
        born = pack_day(query.birth_date) if query.birth_date else 0
        hits = process.extract(_plain(query.name), self.names, scorer=JaroWinkler.normalized_similarity,
                               score_cutoff=0.9, limit=10)  # fmt: skip
        for _, _, position in hits:
            number = self.owner[position]
            listed = pack(self.entries[number].birth_date)
            if listed in (0, born, born // 10000 * 10000, born // 100 * 100):
                found.add(number)
        today = pack_day(on)
        return frozenset(self.entries[n].id for n in found if not self._expired(n, today))

    def _expired(self, number: int, today: int) -> bool:
        until = self.entries[number].valid_until
        return until is not None and pack_day(until) < today


def _screen_all(index: WatchlistIndex, data: Dataset) -> tuple[dict[str, Outcome], list[float]]:
    outcomes: dict[str, Outcome] = {}
    timings: list[float] = []
    with _progress() as progress:
        task = progress.add_task("screening", total=len(data.queries))
        for query in data.queries:
            started = time.perf_counter()
            hits = index.screen(query, on=data.on)
            timings.append(time.perf_counter() - started)
            outcomes[query.id] = Outcome(query.id, frozenset(hit.entry_id for hit in hits if hit.match))
            progress.advance(task)
    return outcomes, timings


def _baseline(data: Dataset, sample: int) -> dict[str, Any]:
    chosen = random.Random(1).sample(range(len(data.queries)), min(sample, len(data.queries)))
    baseline = Baseline(data.entries)
    outcomes: dict[str, Outcome] = {}
    timings: list[float] = []
    with _progress() as progress:
        task = progress.add_task("baseline", total=len(chosen))
        for position in chosen:
            query = data.queries[position]
            started = time.perf_counter()
            outcomes[query.id] = Outcome(query.id, baseline.matched(query, data.on))
            timings.append(time.perf_counter() - started)
            progress.advance(task)
    report = evaluate([data.truth[p] for p in chosen], outcomes).to_dict()
    return {"queries": len(chosen), "query_p50_ms": round(_percentile(timings, 0.5) * 1000, 2),
            "query_p99_ms": round(_percentile(timings, 0.99) * 1000, 2), **_quality(report)}  # fmt: skip


def _name_spread(data: Dataset) -> dict[str, Any]:
    """How often primary names repeat on the list: the chance-namesake pressure the test puts on screening."""
    counts = Counter(_plain(entry.names[0]) for entry in data.entries if entry.names)
    listed = sum(counts.values()) or 1
    return {
        "distinct_primary_names": len(counts),
        "entries_with_a_unique_name": round(sum(1 for n in counts.values() if n == 1) / listed, 4),
        "entries_sharing_with_10_or_more": round(sum(n for n in counts.values() if n >= 10) / listed, 4),
        "largest_namesake_group": max(counts.values(), default=0),
    }


def _quality(report: dict[str, Any]) -> dict[str, Any]:
    keys = ("recall", "recall_name_variants", "recall_date_variants", "recall_by_phenomenon",
            "recall_by_listed_date", "positives", "false_alert_rate", "false_alert_by_phenomenon",
            "negatives")  # fmt: skip
    return {key: report[key] for key in keys}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the benchmark and return its figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--baseline-queries", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--plot", type=Path, help="also draw recall and false alerts as an SVG chart here")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    data = generate(args.entries, args.queries, seed=args.seed)
    generate_s = time.perf_counter() - started
    with _progress() as progress:
        task = progress.add_task("indexing", total=len(data.entries))
        started = time.perf_counter()
        index = WatchlistIndex.build(
            data.entries, progress=lambda done: progress.update(task, completed=done)
        )
        build_s = time.perf_counter() - started
    outcomes, timings = _screen_all(index, data)
    ours = evaluate(data.truth, outcomes).to_dict()
    figures: dict[str, Any] = {
        "entries": args.entries,
        "queries": len(data.queries),
        "generate_s": round(generate_s, 1),
        "index_build_s": round(build_s, 1),
        "query_p50_ms": round(_percentile(timings, 0.5) * 1000, 3),
        "query_p99_ms": round(_percentile(timings, 0.99) * 1000, 3),
        "query_max_ms": round(max(timings) * 1000, 3),
        "peak_rss_mb": round(_peak_rss_mb()),
        **_quality(ours),
        "list_names": _name_spread(data),
    }
    if args.baseline_queries > 0:
        figures["baseline_rapidfuzz"] = _baseline(data, args.baseline_queries)
    figures["peak_rss_mb_with_baseline"] = round(_peak_rss_mb())
    if args.plot is not None:
        draw(figures, args.plot)
    return figures


if __name__ == "__main__":
    json.dump(main(), sys.stdout, indent=2)
    sys.stdout.write("\n")
