"""Checkpoint API for lanes and supervisors: decide a crossing, read it, override it, and node health."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, Request

from gerbang.border import service
from gerbang.border.metered import decide_and_count
from gerbang.border.schemas import CrossingCreate, CrossingRead, OverrideCreate
from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.web.deps import Caller, caller_with, current_principal, require

router = APIRouter(prefix="/api/v1", tags=["checkpoint"])


# Async: it only reads app state, and a sync dependency costs a hop to a worker thread and back.
async def checkpoint_of(request: Request) -> service.Checkpoint:
    checkpoint: service.Checkpoint = request.app.state.checkpoint
    return checkpoint


CheckpointDep = Annotated[service.Checkpoint, Depends(checkpoint_of)]


@router.post("/crossings", response_model=CrossingRead, status_code=201)
async def create_crossing(
    request: Request,
    body: CrossingCreate,
    checkpoint: CheckpointDep,
    caller: Annotated[Caller, Depends(caller_with(Permission.CROSSINGS_DECIDE))],
) -> CrossingRead:
    """Decide on this checkpoint's own data (the center is never asked) and record the crossing."""

    def work() -> CrossingRead:
        return decide_and_count(request, checkpoint, body=body, officer=caller.resolve())

    # A lane's hot path: the officer's token (if not cached), the decision and its durable write in
    # one worker-thread hop, which holds no lock while it waits for the thread (web/admission.py).
    return await anyio.to_thread.run_sync(work)


@router.get("/crossings/{crossing_id}", response_model=CrossingRead)
def get_crossing(
    crossing_id: uuid.UUID,
    checkpoint: CheckpointDep,
    _officer: Annotated[Principal, Depends(require(Permission.CROSSINGS_READ))],
) -> CrossingRead:
    """One crossing recorded here, with its latest override."""
    return service.read_crossing(checkpoint, crossing_id=crossing_id)


@router.post("/crossings/{crossing_id}/override", response_model=CrossingRead)
def override_crossing(
    crossing_id: uuid.UUID,
    body: OverrideCreate,
    checkpoint: CheckpointDep,
    officer: Annotated[Principal, Depends(require(Permission.CROSSINGS_OVERRIDE))],
) -> CrossingRead:
    """Change a decision with a reason (supervisors); the original decision stays on record."""
    return service.override_crossing(
        checkpoint, crossing_id=crossing_id, outcome=body.decision, reason=body.reason, officer=officer
    )


@router.get("/health")
def checkpoint_health(
    checkpoint: CheckpointDep, _caller: Annotated[Principal, Depends(current_principal)]
) -> dict[str, Any]:
    """Center reachability, upload backlog, and the reference data's version and age."""
    return service.health(checkpoint)
