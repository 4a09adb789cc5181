"""The `gerbang screen` commands: batch with malformed lines reported, one query, generate, evaluate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from gerbang.cli.screen import app

runner = CliRunner()


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_batch_reports_malformed_lines_and_screens_the_rest(
    tmp_path: Path, listed: list[dict[str, Any]]
) -> None:
    watchlist = _write(tmp_path / "w.jsonl", [json.dumps(e) for e in listed] + ['{"id": "broken"}'])
    queries = _write(
        tmp_path / "q.jsonl",
        [
            json.dumps(
                {
                    "id": "q1",
                    "name": "MUHAMMAD YUSUF",
                    "birth_date": "1970-05-12",
                    "nationality": "IDN",
                    "document_number": "X1",
                }
            ),
            "{not json",
            json.dumps({"id": "q3", "name": "AGUS SALIM", "birth_date": "1980-02-31", "nationality": "IDN"}),
        ],
    )
    out, stats = tmp_path / "r.jsonl", tmp_path / "s.json"
    result = runner.invoke(
        app,
        [
            "batch",
            "--watchlist",
            str(watchlist),
            "--queries",
            str(queries),
            "--out",
            str(out),
            "--stats",
            str(stats),
            "--on",
            "2026-06-01",
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"w.jsonl:{len(listed) + 1}: skipped: names is missing" in result.output
    assert "q.jsonl:2: skipped: not JSON" in result.output
    assert "q.jsonl:3: skipped: birth_date '1980-02-31' is not a real date" in result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["query_id"] for line in lines] == ["q1"]
    assert lines[0]["hits"][0] == {
        "entry_id": "joesoef",
        "score": lines[0]["hits"][0]["score"],
        "match": True,
    }
    figures = json.loads(stats.read_text())
    assert figures["queries"] == 1
    assert figures["malformed_query_lines"] == 2
    assert figures["malformed_watchlist_lines"] == 1
    assert {"index_build_s", "query_p50_ms", "query_p99_ms"} <= set(figures)


def test_query_prints_hits_with_explanations(tmp_path: Path, listed: list[dict[str, Any]]) -> None:
    watchlist = _write(tmp_path / "w.jsonl", [json.dumps(e) for e in listed])
    args = [
        "query",
        "CAHYO NUGROHO",
        "--birth-date",
        "1965-03-04",
        "--watchlist",
        str(watchlist),
        "--on",
        "2026-06-01",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "tjahjo" in result.output
    assert "MATCH" in result.output
    assert "(reform)" in result.output
    as_json = json.loads(runner.invoke(app, [*args, "--json"]).output)
    assert as_json["hits"][0]["explanation"]["birth_date"] == "exact"


def test_generate_then_batch_then_evaluate(tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate", "--entries", "2000", "--queries", "100", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} == {"watchlist.jsonl", "queries.jsonl", "truth.jsonl"}
    out, stats = tmp_path / "r.jsonl", tmp_path / "s.json"
    runner.invoke(
        app,
        [
            "batch",
            "--watchlist",
            str(tmp_path / "watchlist.jsonl"),
            "--queries",
            str(tmp_path / "queries.jsonl"),
            "--out",
            str(out),
            "--stats",
            str(stats),
            "--on",
            "2026-06-01",
        ],
    )
    report = json.loads(
        runner.invoke(
            app, ["evaluate", "--results", str(out), "--truth", str(tmp_path / "truth.jsonl")]
        ).output
    )
    assert report["positives"] + report["negatives"] == 100
    assert report["recall"] > 0.9
