"""A lane's decision, counted and timed for the node's metrics, whether it came from the API or a page."""

from __future__ import annotations

import time

from fastapi import Request

from gerbang.border import service
from gerbang.border.schemas import CrossingCreate, CrossingRead
from gerbang.infra.accounts import Principal


def decide_and_count(
    request: Request, checkpoint: service.Checkpoint, *, body: CrossingCreate, officer: Principal
) -> CrossingRead:
    """Decide and record the crossing, then count its outcome and the time it took, durable write included."""
    started = time.perf_counter()
    answer = service.record_crossing(checkpoint, request=body, officer=officer)
    metrics = getattr(request.app.state, "metrics", None)
    if metrics is not None:
        kind = checkpoint.lanes[body.lane].value
        metrics.decisions.labels(str(answer.decision), body.lane, kind, str(answer.offline).lower()).inc()
        metrics.decision_latency.labels(kind).observe(time.perf_counter() - started)
    return answer
