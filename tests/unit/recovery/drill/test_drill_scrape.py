"""A node's Prometheus text boiled down to the report's figures; what a node does not publish stays None."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest

from gerbang import words
from gerbang.recovery.drill.scrape import figures


def checkpoint_text() -> str:
    registry = CollectorRegistry()
    decisions = Counter(
        "gerbang_decisions", "d", ["outcome", "lane", "lane_kind", "offline"], registry=registry
    )
    decisions.labels("admit", "A1", "autogate", "false").inc(700)
    decisions.labels("admit", "C1", "counter", "true").inc(801)
    decisions.labels("refuse", "C2", "counter", "false").inc(2)
    backlog = Gauge("gerbang_outbox_backlog", "b", ["record_type"], registry=registry)
    backlog.labels("crossing").set(0)
    return generate_latest(registry).decode()


def center_text() -> str:
    registry = CollectorRegistry()
    requests = Counter("gerbang_http_requests", "r", ["method", "route", "status"], registry=registry)
    requests.labels("POST", "/api/v1/sync/batches", "200").inc(9)
    requests.labels("POST", "/api/v1/sync/batches", "503").inc(4)
    requests.labels("GET", "/readyz", "200").inc(50)
    records = Counter("gerbang_upload_records", "u", ["node"], registry=registry)
    records.labels("cgk").inc(1503)
    records.labels("jks").inc(6)
    repeats = Counter("gerbang_upload_repeats", "u", ["node"], registry=registry)
    repeats.labels("cgk").inc(30)
    Counter("gerbang_notices_sent", "n", registry=registry).inc(14)
    return generate_latest(registry).decode()


def test_a_checkpoint_reports_its_decisions_by_outcome_and_its_backlog() -> None:
    found = figures(checkpoint_text())
    assert found["decisions"] == {"admit": 1501, "refuse": 2}
    assert found["outbox_backlog"] == 0
    assert found["upload_batches"] is None
    assert found["notices_sent"] is None


def test_an_empty_outbox_reads_as_zero_waiting() -> None:
    registry = CollectorRegistry()
    Gauge("gerbang_outbox_backlog", "b", ["record_type"], registry=registry)
    assert figures(generate_latest(registry).decode())["outbox_backlog"] == 0


def test_the_center_counts_accepted_batches_records_repeats_and_notices() -> None:
    found = figures(center_text())
    assert found["upload_batches"] == 9
    assert (found["upload_records"], found["upload_repeats"]) == (1509, 30)
    assert found["notices_sent"] == 14
    assert found["decisions"] is None


def test_the_status_node_reports_incidents_open() -> None:
    registry = CollectorRegistry()
    Gauge("gerbang_incidents_open", "i", registry=registry).set(0)
    assert figures(generate_latest(registry).decode())["incidents_open"] == 0


def test_every_node_and_column_of_the_table_is_in_the_catalogue() -> None:
    # Repeats share the records' column, in brackets.
    keys = [f"drill.node_{n}" for n in ("central", "checkpoint", "jks", "status")] + [
        f"drill.metric_{k}" for k in figures("") if k != "upload_repeats"
    ]
    keys += ["drill.metric_node", "drill.report_metrics", "drill.report_metrics_note"]
    for key in keys:
        assert words.known(key), key
