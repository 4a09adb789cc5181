"""What every node tells its operators: a request id on every request, and Prometheus metrics at /metrics."""

from __future__ import annotations

import re
import time
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gerbang.infra.accounts import Principal
from gerbang.infra.logs import REQUEST_ID_HEADER, request_id
from gerbang.infra.roles import Permission
from gerbang.web.deps import require

# A request id from another node is kept only if it looks like one: it ends up in every log line.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class NodeMetrics:
    """One node's metrics, in a registry of its own (several apps can live in one test process)."""

    def __init__(self, role: str) -> None:
        self.role = role
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "gerbang_http_requests",
            "HTTP requests answered, by route and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "gerbang_http_request_seconds",
            "Time to answer an HTTP request, by route.",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "gerbang_http_requests_in_flight",
            "Requests being served or waiting for admission.",
            registry=self.registry,
        )
        self.waiting = Gauge(
            "gerbang_admission_queue_length",
            "Requests waiting their turn at admission.",
            registry=self.registry,
        )
        self.decisions = Counter(
            "gerbang_decisions",
            "Entry and exit decisions taken here, by outcome and lane.",
            ["outcome", "lane", "lane_kind", "offline"],
            registry=self.registry,
        )
        self.decision_latency = Histogram(
            "gerbang_decision_seconds",
            "Time to decide and durably record a crossing.",
            ["lane_kind"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )

    def exposition(self) -> bytes:
        """The metrics in Prometheus' text format."""
        return generate_latest(self.registry)


class Observed:
    """ASGI middleware: gives each request an id (kept from a peer's X-Request-ID) and measures it."""

    def __init__(self, app: ASGIApp, *, metrics: NodeMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(REQUEST_ID_HEADER.encode(), b"").decode("latin-1")
        current = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(current)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (REQUEST_ID_HEADER.encode(), current.encode()),
                ]
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self.metrics.in_flight.dec()
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - started)
            request_id.reset(token)


router = APIRouter(tags=["health"])


@router.get("/metrics", response_class=Response, include_in_schema=False)
def metrics(
    request: Request, _principal: Annotated[Principal, Depends(require(Permission.METRICS_READ))]
) -> Response:
    """This node's metrics for Prometheus (operators and the status node only)."""
    node_metrics: NodeMetrics = request.app.state.metrics
    return Response(node_metrics.exposition(), media_type=CONTENT_TYPE_LATEST)
