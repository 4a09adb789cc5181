"""`gerbang screen`: Screen travellers against watchlists."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from gerbang.kernel.errors import InvalidInput
from gerbang.screening import (
    DEFAULT_THRESHOLD,
    ScreeningQuery,
    WatchlistEntry,
    WatchlistIndex,
    entry_to_dict,
    parse_entry,
    parse_query,
    query_to_dict,
)
from gerbang.screening.evaluation import Outcome, Truth, evaluate, generate

app = typer.Typer(help="Screen travellers against watchlists.", no_args_is_help=True)
errors = Console(stderr=True, soft_wrap=True)
Record = TypeVar("Record")

WatchlistOption = Annotated[Path, typer.Option("--watchlist", help="Watchlist, one JSON entry per line.")]
OnOption = Annotated[str | None, typer.Option("--on", help="Screening date YYYY-MM-DD (default: today).")]
ThresholdOption = Annotated[float, typer.Option("--threshold", help="Score from which a hit is a match.")]


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    )


def read_records(
    path: Path,
    parse: Callable[[dict[str, Any]], Record],
    malformed: list[str],
    progress: Progress | None = None,
) -> Iterator[Record]:
    """Yield parsed records of a JSON Lines file; report each malformed line with its number and skip it."""
    task = None
    if progress is not None:
        task = progress.add_task(f"reading {path.name}", total=path.stat().st_size)
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if task is not None and progress is not None:
                progress.advance(task, len(raw))
            if not raw.strip():
                continue
            try:
                yield parse(json.loads(raw))
            except (ValueError, InvalidInput) as error:
                message = error.message if isinstance(error, InvalidInput) else f"not JSON ({error})"
                report = f"{path}:{number}: skipped: {message}"
                malformed.append(report)
                errors.print(report, markup=False, highlight=False, soft_wrap=True)


def _date(text: str | None, option: str) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a YYYY-MM-DD date", param_hint=option) from None


def _build(path: Path, malformed: list[str]) -> tuple[WatchlistIndex, float]:
    with _progress() as progress:
        entries = list(read_records(path, parse_entry, malformed, progress))
        task = progress.add_task("indexing", total=len(entries))
        started = time.perf_counter()
        index = WatchlistIndex.build(entries, progress=lambda done: progress.update(task, completed=done))
        return index, time.perf_counter() - started


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@app.command()
def batch(
    watchlist: WatchlistOption,
    queries: Annotated[Path, typer.Option("--queries", help="Queries, one JSON object per line.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write one result line per query.")],
    stats: Annotated[Path, typer.Option("--stats", help="Where to write timing and counts as JSON.")],
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    on: OnOption = None,
) -> None:
    """Screen every query of a file against a watchlist and write the hits of each."""
    day = _date(on, "--on")
    bad_entries: list[str] = []
    bad_queries: list[str] = []
    index, build_seconds = _build(watchlist, bad_entries)
    timings: list[float] = []
    matched = 0
    with _progress() as progress, out.open("w", encoding="utf-8") as results:
        for query in read_records(queries, parse_query, bad_queries, progress):
            started = time.perf_counter()
            hits = index.screen(query, on=day, threshold=threshold)
            timings.append(time.perf_counter() - started)
            matched += any(hit.match for hit in hits)
            line = {"query_id": query.id, "hits": [hit.to_dict() for hit in hits]}
            results.write(json.dumps(line, ensure_ascii=False) + "\n")
    report = {
        "index_build_s": round(build_seconds, 3),
        "entries": len(index),
        "queries": len(timings),
        "query_p50_ms": round(_percentile(timings, 0.5) * 1000, 3),
        "query_p99_ms": round(_percentile(timings, 0.99) * 1000, 3),
        "query_max_ms": round(max(timings, default=0.0) * 1000, 3),
        "queries_matched": matched,
        "malformed_watchlist_lines": len(bad_entries),
        "malformed_query_lines": len(bad_queries),
        "threshold": threshold,
        "on": day.isoformat(),
    }
    stats.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    errors.print(f"{len(timings)} queries, {matched} matched; stats in {stats}", highlight=False)


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="The traveller's name as the document gives it.")],
    watchlist: WatchlistOption,
    birth_date: Annotated[str | None, typer.Option("--birth-date", help="YYYY-MM-DD.")] = None,
    nationality: Annotated[str | None, typer.Option("--nationality", help="ISO alpha-3 code.")] = None,
    document: Annotated[str | None, typer.Option("--document", help="Travel document number.")] = None,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    on: OnOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Screen one traveller and print the hits with their explanations."""
    day = _date(on, "--on")
    born = _date(birth_date, "--birth-date") if birth_date else None
    traveller = ScreeningQuery("cli", name, born, nationality.upper() if nationality else None, document)
    index, _ = _build(watchlist, [])
    hits = index.screen(traveller, on=day, threshold=threshold)
    if as_json:
        found = {"query": query_to_dict(traveller), "hits": [hit.to_dict(explain=True) for hit in hits]}
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    if not hits:
        typer.echo("no hits")
    for hit in hits:
        verdict = "MATCH" if hit.match else "no match"
        typer.echo(f"{hit.entry_id}  {hit.list_kind}  score {hit.score:.3f}  {verdict}")
        typer.echo(f"    listed as: {hit.explanation.matched_name}")
        typer.echo(f"    {hit.explanation.summary()}")


def _write_lines(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


@app.command("generate")
def generate_command(
    entries: Annotated[int, typer.Option("--entries", min=1, help="Watchlist size.")],
    queries: Annotated[int, typer.Option("--queries", min=1, help="Number of queries.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for watchlist, queries and truth files.")],
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same data.")] = 7,
    on: Annotated[str, typer.Option("--on", help="Screening date the data is made for.")] = "2026-06-01",
) -> None:
    """Write a synthetic watchlist, labelled queries and their ground truth."""
    dataset = generate(entries, queries, seed=seed, on=_date(on, "--on"))
    out.mkdir(parents=True, exist_ok=True)
    _write_lines(out / "watchlist.jsonl", [entry_to_dict(entry) for entry in dataset.entries])
    _write_lines(out / "queries.jsonl", [query_to_dict(query) for query in dataset.queries])
    _write_lines(out / "truth.jsonl", [truth.to_dict() for truth in dataset.truth])
    typer.echo(f"{len(dataset.entries)} entries, {len(dataset.queries)} queries for {dataset.on} in {out}")


def _truth(raw: dict[str, Any]) -> Truth:
    try:
        return Truth(
            str(raw["query_id"]),
            raw.get("expected_entry"),
            str(raw["phenomenon"]),
            raw.get("listed_date", ""),
        )
    except KeyError as missing:
        raise InvalidInput(
            "screen.result_missing", field=str(missing.args[0]), args=missing.args[0]
        ) from None


def _outcome(raw: dict[str, Any]) -> Outcome:
    try:
        matched = frozenset(str(hit["entry_id"]) for hit in raw["hits"] if hit.get("match"))
        return Outcome(str(raw["query_id"]), matched)
    except (KeyError, TypeError, AttributeError):
        raise InvalidInput("screen.result_shape", field="hits") from None


@app.command("evaluate")
def evaluate_command(
    results: Annotated[Path, typer.Option("--results", help="Result lines written by `screen batch`.")],
    truth: Annotated[Path, typer.Option("--truth", help="truth.jsonl written by `screen generate`.")],
) -> None:
    """Print recall by phenomenon and the false-alert rate of a batch run, as JSON."""
    malformed: list[str] = []
    outcomes = {outcome.query_id: outcome for outcome in read_records(results, _outcome, malformed)}
    labels = list(read_records(truth, _truth, malformed))
    report = evaluate(labels, outcomes).to_dict()
    report["malformed_lines"] = len(malformed)
    typer.echo(json.dumps(report, indent=2))


__all__ = ["WatchlistEntry", "app", "read_records"]
