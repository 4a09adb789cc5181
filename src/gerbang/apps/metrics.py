"""Figures each node's metrics read from its own store when scraped: backlogs, ages, totals by kind."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import text

from gerbang.infra.database import Database
from gerbang.kernel.clock import Clock, as_utc
from gerbang.web.observe import NodeMetrics

log = logging.getLogger("gerbang.metrics")

# Each query returns rows of (labels..., value); run when Prometheus scrapes, never on a request path.
EDGE_QUERIES: dict[str, tuple[str, str, list[str], str]] = {
    "gerbang_outbox_backlog": (
        "gauge",
        "Records not yet acknowledged by the center, by type.",
        ["record_type"],
        "SELECT record_type, COUNT(*) FROM outbox WHERE sent_at IS NULL GROUP BY record_type",
    ),
}
CENTER_QUERIES: dict[str, tuple[str, str, list[str], str]] = {
    "gerbang_upload_records": (
        "counter",
        "Records received from each edge.",
        ["node"],
        "SELECT node, records_received FROM sync_nodes",
    ),
    "gerbang_upload_repeats": (
        "counter",
        "Records an edge sent again that the center already held.",
        ["node"],
        "SELECT node, duplicates_received FROM sync_nodes",
    ),
    "gerbang_bookings": (
        "counter",
        "Interview bookings made, by how they ended.",
        ["ended"],
        "SELECT COALESCE(end_reason, 'active'), COUNT(*) FROM passport_bookings "
        "GROUP BY COALESCE(end_reason, 'active')",
    ),
    "gerbang_payments": (
        "counter",
        "Ledger entries: charges, payments and refunds, by kind.",
        ["kind"],
        "SELECT kind, COUNT(*) FROM payment_ledger GROUP BY kind",
    ),
    "gerbang_notices_sent": (
        "counter",
        "Notices mailed to applicants.",
        [],
        "SELECT COUNT(*) FROM passport_email_outbox WHERE sent_at IS NOT NULL",
    ),
}
STATUS_QUERIES: dict[str, tuple[str, str, list[str], str]] = {
    "gerbang_incidents_open": (
        "gauge",
        "Incidents open on the public status page.",
        [],
        "SELECT COUNT(*) FROM status_incidents WHERE state = 'open' AND kind = 'incident'",
    ),
}
QUERIES_BY_ROLE = {
    "central": CENTER_QUERIES,
    "checkpoint": EDGE_QUERIES,
    "office": EDGE_QUERIES,
    "status": STATUS_QUERIES,
}


class StoreFigures(Collector):
    """Reads the node's own tables at scrape time; a query that fails is logged and left out."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        queries: dict[str, tuple[str, str, list[str], str]],
        ages: dict[str, Callable[[], datetime | None]],
    ) -> None:
        self.database = database
        self.clock = clock
        self.queries = queries
        self.ages = ages

    def collect(self) -> Iterator[Metric]:
        for name, (kind, documentation, labels, query) in self.queries.items():
            family: Any = (CounterMetricFamily if kind == "counter" else GaugeMetricFamily)(
                name, documentation, labels=labels
            )
            try:
                with self.database.engine.connect() as connection:
                    for row in connection.execute(text(query)):
                        *values, number = row
                        family.add_metric([str(v) for v in values], float(number or 0))
            except Exception as exc:  # a metric never breaks a scrape, nor the node
                log.warning("metric %s not read: %s", name, type(exc).__name__)
                continue
            yield family
        now = self.clock.now()
        for name, since in self.ages.items():
            try:
                moment = since()
            except Exception as exc:
                log.warning("metric %s not read: %s", name, type(exc).__name__)
                continue
            what = name.removeprefix("gerbang_").removesuffix("_age_seconds").replace("_", " ")
            age = GaugeMetricFamily(name, f"Seconds since the {what}.")
            if moment is not None:
                age.add_metric([], (now - as_utc(moment)).total_seconds())
            yield age


def oldest_unsent(database: Database) -> Callable[[], datetime | None]:
    """When the oldest record still waiting for the center was written."""

    def read() -> datetime | None:
        with database.engine.connect() as connection:
            value = connection.execute(
                text("SELECT MIN(created_at) FROM outbox WHERE sent_at IS NULL")
            ).scalar()
        if isinstance(value, str):  # SQLite hands back text for an aggregate over a datetime column
            return datetime.fromisoformat(value)
        return value if isinstance(value, datetime) else None

    return read


def install(
    metrics: NodeMetrics,
    *,
    role: str,
    database: Database,
    clock: Clock,
    ages: dict[str, Callable[[], datetime | None]] | None = None,
) -> None:
    """Register the store figures of a node of `role` on its metrics."""
    every_age = dict(ages or {})
    if role in ("checkpoint", "office"):
        every_age.setdefault("gerbang_outbox_oldest_age_seconds", oldest_unsent(database))
    metrics.registry.register(StoreFigures(database, clock, QUERIES_BY_ROLE.get(role, {}), every_age))
