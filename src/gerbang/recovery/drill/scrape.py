"""Each node's Prometheus /metrics read at the end of the drill, boiled down to the report's figures."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

BATCHES_ROUTE = "/api/v1/sync/batches"


def figures(exposition: str) -> dict[str, Any]:
    """Decisions by outcome, upload batches and records, notices sent, incidents open, outbox backlog.

    A figure the node does not publish stays None, so the report tells "not measured here" from zero.
    """
    found: dict[str, Any] = {
        "decisions": None,
        "upload_batches": None,
        "upload_records": None,
        "upload_repeats": None,
        "notices_sent": None,
        "incidents_open": None,
        "outbox_backlog": None,
    }
    decisions: dict[str, float] = defaultdict(float)
    for family in text_string_to_metric_families(exposition):
        if family.name == "gerbang_outbox_backlog" and found["outbox_backlog"] is None:
            # Counted by record type: an empty outbox publishes the family with no sample at all.
            found["outbox_backlog"] = 0
        for sample in family.samples:
            name, labels, value = sample.name, sample.labels, sample.value
            if name == "gerbang_decisions_total":
                decisions[labels["outcome"]] += value
            elif name == "gerbang_http_requests_total" and labels.get("route") == BATCHES_ROUTE:
                if labels.get("method") == "POST" and str(labels.get("status", "")).startswith("2"):
                    found["upload_batches"] = (found["upload_batches"] or 0) + int(value)
            elif name == "gerbang_upload_records_total":
                found["upload_records"] = (found["upload_records"] or 0) + int(value)
            elif name == "gerbang_upload_repeats_total":
                found["upload_repeats"] = (found["upload_repeats"] or 0) + int(value)
            elif name == "gerbang_notices_sent_total":
                found["notices_sent"] = int(value)
            elif name == "gerbang_incidents_open":
                found["incidents_open"] = int(value)
            elif name == "gerbang_outbox_backlog":
                found["outbox_backlog"] = (found["outbox_backlog"] or 0) + int(value)
    if decisions:
        found["decisions"] = {outcome: int(n) for outcome, n in sorted(decisions.items())}
    return found


def scrape(urls: dict[str, str], tokens: dict[str, str], *, timeout: float = 10.0) -> dict[str, Any]:
    """Every node's figures, or the reason its /metrics could not be read."""
    read: dict[str, Any] = {}
    for node in urls:
        headers = {"Authorization": f"Bearer {tokens[node]}"} if node in tokens else {}
        try:
            answer = httpx.get(f"{urls[node]}/metrics", headers=headers, timeout=timeout)
        except httpx.TransportError as exc:
            read[node] = {"error": type(exc).__name__}
            continue
        if answer.status_code != 200:
            read[node] = {"error": f"HTTP {answer.status_code}"}
            continue
        read[node] = figures(answer.text)
    return read
