"""Center API for checkpoints: the signed watchlist delta since the version a checkpoint holds."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from gerbang.border.center.watchlist_deltas import WatchlistDeltas
from gerbang.kernel.errors import NotFound
from gerbang.sync.center.catch_up import MAX_VERSION
from gerbang.sync.center.router import DatabaseDep, Reader, audience_of
from gerbang.web.deps import ClockDep

router = APIRouter(prefix="/api/v1", tags=["sync"])

Since = Annotated[int, Query(ge=0, le=MAX_VERSION, description="The list version the caller holds.")]
RestDigest = Annotated[
    str,
    Query(
        min_length=64,
        max_length=64,
        pattern="^[0-9a-f]{64}$",
        description="Fingerprint of the caller's other sections (everything but the watchlist).",
    ),
]


HaveDigest = Annotated[
    str | None, Query(max_length=64, description="Fingerprint of the caller's snapshot (no delta on top).")
]


@router.get(
    "/reference/watchlist-delta",
    response_class=Response,
    responses={
        200: {"description": "The signed delta from `since` to the newest version."},
        304: {"description": "The caller holds the newest version."},
        410: {
            "description": "No delta can be made (version unknown or too old, too many changes, or "
            "other sections changed): download the whole snapshot."
        },
    },
)
def watchlist_delta(
    request: Request,
    database: DatabaseDep,
    clock: ClockDep,
    principal: Reader,
    since: Since,
    rest_digest: RestDigest,
    have_digest: HaveDigest = None,
) -> Response:
    """The signed change to the watchlist since `since`, cut for the caller like its snapshot."""
    deltas: WatchlistDeltas = request.app.state.watchlist_deltas
    try:
        with database.reading() as session:
            delta = deltas.since(
                session,
                at=clock.now(),
                audience=audience_of(principal),
                held=since,
                rest_digest=rest_digest,
                have_digest=have_digest,
            )
    except NotFound as exc:
        return JSONResponse(exc.to_dict(), status_code=410)
    headers = {"X-Reference-Version": str(delta.version)}
    if delta.text is None:
        return Response(status_code=304, headers=headers)
    return Response(delta.text, media_type="application/json", headers=headers)
