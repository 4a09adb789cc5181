"""Benchmark watchlist screening on two evaluations, tuning and sealed splits; prints one JSON object.

    python bench/screening_bench.py [--entries 1000000] [--queries 20000] [--baseline-queries 100]
                                    [--sets main,independent] [--splits tuning,sealed] [--busy]
                                    [--plot docs/screening-recall.svg] [--before REF]

Two evaluations: the main generator (gerbang.screening.evaluation.generator) and an independent one
with other name pools and other variation rules (gerbang.screening.evaluation.independent). Each runs
on a tuning split and a sealed split with seeds of their own (documented in the independent module);
the engine's limits were set on the tuning splits only. Every run is a fresh process, so its peak
memory is its own: the list is generated, the index built, every query screened and timed on one
core; with --busy a process spins on the other core the whole time. Scores are kept down to 0.6, so
one pass gives recall and false alerts at several thresholds (the precision/recall curve). Then a
sample of the queries goes through the RapidFuzz baseline, which compares the query with every
listed name (Jaro-Winkler over token-sorted, transliterated names, cutoff 0.9) and accepts a birth
date that is equal or consistent with a partial one.

With --before REF the same sets and splits are also screened by the engine as it was at the git
revision REF (the evaluation generators and this benchmark stay as they are now), so the figures
before and after a change come from one run on the same data, side by side under "before".
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import gc
import json
import multiprocessing
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from gerbang.screening import DEFAULT_THRESHOLD, ScreeningQuery, WatchlistEntry, WatchlistIndex
from gerbang.screening.candidates import find_candidates
from gerbang.screening.dates import pack, pack_day
from gerbang.screening.evaluation import Dataset, Outcome, evaluate, generate
from gerbang.screening.evaluation.independent import (
    MAIN_SEALED_SEED,
    MAIN_TUNING_SEED,
    SEALED_SEED,
    TUNING_SEED,
    generate_independent,
)
from gerbang.screening.normalize import normalize_name, split_words
from gerbang.screening.records import PartialDate
from gerbang.screening.store import document_key

SEEDS = {
    ("main", "tuning"): MAIN_TUNING_SEED,
    ("main", "sealed"): MAIN_SEALED_SEED,
    ("independent", "tuning"): TUNING_SEED,
    ("independent", "sealed"): SEALED_SEED,
}
CURVE_THRESHOLDS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
_CONSOLE = Console(stderr=True)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_CONSOLE,
        transient=True,
    )


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
        hits = process.extract(
            _plain(query.name),
            self.names,
            scorer=JaroWinkler.normalized_similarity,
            score_cutoff=0.9,
            limit=10,
        )
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


def _spin(stop: Any, cpu: int | None) -> None:
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    # The lowest priority: the core is kept busy whenever it would be idle, without taking it from
    # other work on a shared machine.
    os.nice(19)
    while not stop.is_set():
        sum(range(10_000))


def _quality(report: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "recall",
        "recall_name_variants",
        "recall_date_variants",
        "recall_by_phenomenon",
        "recall_by_phenomenon_full_date",
        "recall_by_listed_date",
        "positives",
        "false_alert_rate",
        "false_alert_by_phenomenon",
        "negatives",
    )
    return {key: report[key] for key in keys if key in report}


def _curve(data: Dataset, scores: dict[str, dict[str, float]]) -> list[dict[str, float]]:
    """Recall over listed people and false alerts over the others at each threshold."""
    rows = []
    for threshold in CURVE_THRESHOLDS:
        outcomes = {
            query_id: Outcome(query_id, frozenset(e for e, s in hits.items() if s >= threshold))
            for query_id, hits in scores.items()
        }
        report = evaluate(data.truth, outcomes)
        flagged = sum(len(o.matched) > 0 for o in outcomes.values())
        found = report.recall * report.positives
        precision = found / flagged if flagged else 1.0
        rows.append(
            {
                "threshold": threshold,
                "recall": round(report.recall, 4),
                "false_alert_rate": round(report.false_alert_rate, 5),
                "precision": round(precision, 4),
            }
        )
    return rows


def _slow_queries(index: WatchlistIndex, data: Dataset, timings: list[float]) -> dict[str, Any]:
    """What the slowest 1% of queries have in common, against all queries."""
    order = sorted(range(len(timings)), key=timings.__getitem__)
    slow = order[-max(1, len(order) // 100) :]

    def describe(positions: list[int]) -> dict[str, float]:
        names = [normalize_name(data.queries[p].name) for p in positions]
        candidates = [len(find_candidates(index._store, name)) for name in names]
        return {
            "median_candidates": statistics.median(candidates),
            "median_words": statistics.median(len(name.words) for name in names),
            "truncated_share": round(sum(name.truncated for name in names) / len(names), 3),
        }

    sample = random.Random(3).sample(order, min(len(order), 2000))
    return {
        "slowest_1_percent": describe(slow),
        "all": describe(sample),
        "slowest_examples": [data.queries[p].name for p in slow[-5:]],
    }


def run(kind: str, split: str, entries: int, queries: int, baseline_queries: int) -> dict[str, Any]:
    """Generate one evaluation, build, screen and score it; return its figures (run in a fresh process)."""
    seed = SEEDS[(kind, split)]
    started = time.perf_counter()
    data = (generate if kind == "main" else generate_independent)(entries, queries, seed=seed)
    generate_s = time.perf_counter() - started
    with _progress() as progress:
        task = progress.add_task(f"{kind}/{split}: indexing", total=len(data.entries))
        started, started_cpu = time.perf_counter(), time.thread_time()
        index = WatchlistIndex.build(
            data.entries, progress=lambda done: progress.update(task, completed=done)
        )
        build_s, build_cpu_s = time.perf_counter() - started, time.thread_time() - started_cpu
    started = time.thread_time()
    gc.collect()
    full_collection_ms = (time.thread_time() - started) * 1000
    scores: dict[str, dict[str, float]] = {}
    timings: list[float] = []
    # CPU time of the query itself, apart from time lost waiting for the core on a loaded machine.
    cpu: list[float] = []
    pauses: list[float] = []
    paused_at = [0.0]

    def watch(phase: str, info: dict[str, int]) -> None:
        if info["generation"] == 2:
            if phase == "start":
                paused_at[0] = time.perf_counter()
            else:
                pauses.append(time.perf_counter() - paused_at[0])

    gc.callbacks.append(watch)
    # Queries run on one core, the first, beside the spinning process on the second.
    cores = os.sched_getaffinity(0)
    if len(cores) >= 2:
        os.sched_setaffinity(0, {min(cores)})
    with _progress() as progress:
        task = progress.add_task(f"{kind}/{split}: screening", total=len(data.queries))
        for query in data.queries:
            started, started_cpu = time.perf_counter(), time.thread_time()
            hits = index.screen(query, on=data.on, threshold=CURVE_THRESHOLDS[0])
            timings.append(time.perf_counter() - started)
            cpu.append(time.thread_time() - started_cpu)
            scores[query.id] = {hit.entry_id: hit.score for hit in hits}
            progress.advance(task)
    gc.callbacks.remove(watch)
    os.sched_setaffinity(0, cores)
    outcomes = {
        q: Outcome(q, frozenset(e for e, s in hits.items() if s >= DEFAULT_THRESHOLD))
        for q, hits in scores.items()
    }
    figures: dict[str, Any] = {
        "seed": seed,
        "entries": entries,
        "queries": len(data.queries),
        "generate_s": round(generate_s, 1),
        "index_build_s": round(build_s, 1),
        "index_build_cpu_s": round(build_cpu_s, 1),
        "full_collection_ms": round(full_collection_ms, 1),
        "query_p50_ms": round(_percentile(timings, 0.5) * 1000, 3),
        "query_p99_ms": round(_percentile(timings, 0.99) * 1000, 3),
        "query_max_ms": round(max(timings) * 1000, 3),
        "query_cpu_p50_ms": round(_percentile(cpu, 0.5) * 1000, 3),
        "query_cpu_p99_ms": round(_percentile(cpu, 0.99) * 1000, 3),
        "full_collections_while_screening": len(pauses),
        "longest_full_collection_while_screening_ms": round(max(pauses, default=0.0) * 1000, 1),
        "peak_rss_mb": round(_peak_rss_mb()),
        "threshold": DEFAULT_THRESHOLD,
        **_quality(evaluate(data.truth, outcomes).to_dict()),
        "curve": _curve(data, scores),
        "slow_queries": _slow_queries(index, data, cpu),
    }
    figures["incremental_changes"] = _changes(index, data)
    del index
    if baseline_queries > 0:
        figures["baseline_rapidfuzz"] = _baseline(data, baseline_queries)
    return figures


def _changes(index: WatchlistIndex, data: Dataset, count: int = 200) -> dict[str, Any]:
    """Time listing a traveller in place (no rebuild) until screening stops them, then withdrawing them."""
    unlisted = [q for q, label in zip(data.queries, data.truth, strict=True) if label.expected_entry is None]
    chosen = random.Random(5).sample(unlisted, min(count, len(unlisted)))
    added_ms: list[float] = []
    decided_ms: list[float] = []
    removed_ms: list[float] = []
    stopped = released = 0
    for number, query in enumerate(chosen):
        assert query.birth_date is not None
        entry = WatchlistEntry(
            f"ADDED{number:05d}",
            (query.name,),
            PartialDate(query.birth_date.year, query.birth_date.month, query.birth_date.day),
            query.nationality,
            (),
            "wanted",
        )
        started = time.perf_counter()
        index.apply(added=[entry])
        added = time.perf_counter()
        hits = index.screen(query, on=data.on)
        decided_ms.append((time.perf_counter() - started) * 1000)
        added_ms.append((added - started) * 1000)
        stopped += any(hit.entry_id == entry.id and hit.match for hit in hits)
        started = time.perf_counter()
        index.apply(removed=[entry.id])
        removed_ms.append((time.perf_counter() - started) * 1000)
        released += not any(hit.entry_id == entry.id for hit in index.screen(query, on=data.on))
    return {
        "entries_added": len(chosen),
        "add_p50_ms": round(_percentile(added_ms, 0.5), 3),
        "add_max_ms": round(max(added_ms, default=0.0), 3),
        "listed_to_decision_p99_ms": round(_percentile(decided_ms, 0.99), 3),
        "remove_p50_ms": round(_percentile(removed_ms, 0.5), 3),
        "stopped_once_listed": round(stopped / max(1, len(chosen)), 4),
        "released_once_withdrawn": round(released / max(1, len(chosen)), 4),
    }


def _baseline(data: Dataset, sample: int) -> dict[str, Any]:
    chosen = random.Random(1).sample(range(len(data.queries)), min(sample, len(data.queries)))
    baseline = Baseline(data.entries)
    outcomes: dict[str, Outcome] = {}
    timings: list[float] = []
    for position in chosen:
        query = data.queries[position]
        started = time.perf_counter()
        outcomes[query.id] = Outcome(query.id, baseline.matched(query, data.on))
        timings.append(time.perf_counter() - started)
    report = evaluate([data.truth[p] for p in chosen], outcomes).to_dict()
    keys = ("recall", "recall_by_phenomenon", "false_alert_rate", "positives", "negatives")
    return {
        "queries": len(chosen),
        "query_p50_ms": round(_percentile(timings, 0.5) * 1000, 2),
        "query_p99_ms": round(_percentile(timings, 0.99) * 1000, 2),
        **{k: report[k] for k in keys},
    }


def _engine_tree(ref: str) -> Path:
    """Return a copy of the package with screening's engine as it was at `ref`, its evaluation as now."""
    root = Path(__file__).resolve().parent.parent
    target = Path(tempfile.mkdtemp(prefix="gerbang-engine-"))
    shutil.copytree(root / "src" / "gerbang", target / "gerbang")
    listed = subprocess.run(
        ["git", "-C", str(root), "ls-tree", "--name-only", ref, "src/gerbang/screening/"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    for path in listed:
        if path.endswith(".py"):
            text = subprocess.run(
                ["git", "-C", str(root), "show", f"{ref}:{path}"], check=True, capture_output=True
            ).stdout
            (target / "gerbang" / "screening" / Path(path).name).write_bytes(text)
    return target


def _measure(context: Any, args: argparse.Namespace, kind: str, split: str, tree: Path | None) -> Any:
    """Run one set and split in a fresh process, with the engine of `tree` when given."""
    if tree is not None:
        # A spawned process starts with its parent's import path, so it imports the engine from `tree`.
        sys.path.insert(0, str(tree))
    try:
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
            # The baseline does not depend on the engine: it runs beside the current one only.
            baseline = 0 if tree is not None else args.baseline_queries
            found = pool.submit(run, kind, split, args.entries, args.queries, baseline)
            return found.result()
    finally:
        if tree is not None:
            sys.path.remove(str(tree))


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the benchmark and return its figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--baseline-queries", type=int, default=100)
    parser.add_argument("--sets", default="main,independent")
    parser.add_argument("--splits", default="tuning,sealed")
    parser.add_argument(
        "--busy", action="store_true", help="keep the other core busy with a spinning process"
    )
    parser.add_argument("--plot", type=Path, help="also draw recall by variation as an SVG chart here")
    parser.add_argument("--before", help="also measure the screening engine as it was at this git revision")
    args = parser.parse_args(argv)
    context = multiprocessing.get_context("spawn")
    cores = os.sched_getaffinity(0)
    stop = context.Event()
    spinner = None
    if args.busy:
        spinner = context.Process(target=_spin, args=(stop, max(cores) if len(cores) >= 2 else None))
        spinner.start()
    figures: dict[str, Any] = {
        "entries": args.entries,
        "queries": args.queries,
        "other_core_busy": args.busy,
        "goals": {
            "recall": 0.97,
            "recall_single_variation_full_date": 0.99,
            "false_alert_rate": 0.005,
            "query_p99_ms": 5.0,
            "index_build_s": 60,
            "peak_rss_mb": 2048,
        },
        "sets": {},
    }
    tree = _engine_tree(args.before) if args.before else None
    if tree is not None:
        figures["before"] = {"revision": args.before, "sets": {}}
    try:
        for kind in args.sets.split(","):
            for split in args.splits.split(","):
                _CONSOLE.log(f"{kind}/{split}: generating {args.entries:,} entries")
                figures["sets"].setdefault(kind, {})[split] = _measure(context, args, kind, split, None)
                if tree is not None:
                    _CONSOLE.log(f"{kind}/{split}: the engine at {args.before}")
                    figures["before"]["sets"].setdefault(kind, {})[split] = _measure(
                        context, args, kind, split, tree
                    )
    finally:
        stop.set()
        if spinner is not None:
            spinner.join()
        if tree is not None:
            shutil.rmtree(tree, ignore_errors=True)
    if args.plot is not None:
        from recall_plot import draw

        draw(figures, args.plot)
    return figures


if __name__ == "__main__":
    json.dump(main(), sys.stdout, indent=2)
    sys.stdout.write("\n")
