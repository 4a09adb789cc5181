"""Center API for edges: upload batches, ask what the center holds, fetch signed reference data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from gerbang.infra.accounts import Principal
from gerbang.infra.database import Database
from gerbang.infra.roles import Permission
from gerbang.kernel.clock import Clock
from gerbang.kernel.errors import PermissionDenied
from gerbang.sync.center import ingest
from gerbang.sync.center.catch_up import MAX_VERSION, catch_up
from gerbang.sync.center.publisher import Audience, PublishedSnapshot, ReferencePublisher, StaysPublisher
from gerbang.sync.center.versions import SNAPSHOT_STREAM, STAYS_STREAM
from gerbang.sync.domain import UploadRecord
from gerbang.sync.schemas import SyncStateRead, UploadBatchCreate, UploadResultRead
from gerbang.web.deps import ClockDep, SessionDep, get_database, require

router = APIRouter(prefix="/api/v1", tags=["sync"])
Uploader = Annotated[Principal, Depends(require(Permission.SYNC_UPLOAD))]


def _node_name(principal: Principal) -> str:
    # Records are filed under the authenticated node, never under a name the body claims.
    if principal.kind != "node":
        raise PermissionDenied("sync.edge_only")
    return principal.name


def _uploads_of(request: Request, principal: Principal) -> frozenset[str]:
    # Each role uploads only its own record types: an office key cannot send crossings, nor a checkpoint
    # key interviews. The table is the central app's (apps/central.py), beside the handlers.
    by_role: dict[str, frozenset[str]] = getattr(request.app.state, "ingest_roles", {})
    allowed: frozenset[str] = frozenset()
    for role in principal.roles:
        allowed |= by_role.get(role.value, frozenset())
    return allowed


@router.post("/sync/batches", response_model=UploadResultRead)
def upload_batch(
    body: UploadBatchCreate, request: Request, session: SessionDep, clock: ClockDep, principal: Uploader
) -> UploadResultRead:
    """Store a batch idempotently by record id: a repeat is counted, never stored twice."""
    records = [UploadRecord(r.id, r.record_type, r.edge_seq, r.payload) for r in body.records]
    node = _node_name(principal)
    result = ingest.ingest_batch(
        session,
        node=node,
        records=records,
        handlers=request.app.state.ingest_handlers,
        reviewers=request.app.state.ingest_reviewers,
        allowed=_uploads_of(request, principal),
        at=clock.now(),
    )
    return UploadResultRead(
        accepted=result.accepted,
        duplicates=result.duplicates,
        held_through_seq=result.held_through_seq,
        alerts=result.alerts,
    )


@router.get("/sync/state", response_model=SyncStateRead)
def sync_state(session: SessionDep, principal: Uploader) -> SyncStateRead:
    """How far the center holds this node's records (a restored center may hold less than it acknowledged)."""
    node = _node_name(principal)
    return SyncStateRead(node=node, held_through_seq=ingest.held_through(session, node))


def audience_of(principal: Principal) -> Audience | None:
    """A node gets the snapshot cut to its role and site; a person with the permission sees it whole."""
    if principal.kind != "node":
        return None
    role = next(iter(principal.roles)).value.removeprefix("node-")
    return Audience(role=role, site=principal.site)


Reader = Annotated[Principal, Depends(require(Permission.SYNC_REFERENCE))]
DatabaseDep = Annotated[Database, Depends(get_database)]
HaveDigest = Annotated[str | None, Query(max_length=64, description="Fingerprint of the caller's copy.")]
HaveVersion = Annotated[
    int | None, Query(ge=0, le=MAX_VERSION, description="Version of the caller's copy (nodes only).")
]


@router.get("/reference/snapshot", response_class=Response)
def reference_snapshot(
    request: Request,
    database: DatabaseDep,
    clock: ClockDep,
    principal: Reader,
    have_digest: HaveDigest = None,
    have_version: HaveVersion = None,
) -> Response:
    """The signed snapshot cut for the caller, or 304 when the caller's copy already has the same content.

    A node holding a newer version than the center's raises the center's past it first.
    """
    publisher: ReferencePublisher = request.app.state.reference_publisher
    raised = _catch_up(database, principal, have_version, stream=SNAPSHOT_STREAM, clock=clock)
    with database.reading() as session:
        snapshot = publisher.latest(session, at=clock.now(), audience=audience_of(principal), fresh=raised)
    return _signed_or_not_modified(request, snapshot, have_digest, version_header="X-Reference-Version")


@router.get("/reference/stays", response_class=Response)
def foreigner_stays(
    request: Request,
    database: DatabaseDep,
    clock: ClockDep,
    principal: Reader,
    have_digest: HaveDigest = None,
    have_version: HaveVersion = None,
) -> Response:
    """Foreigners in the country now, signed, keyed by a hash of their passport; 304 when unchanged."""
    audience = audience_of(principal)
    if audience is not None and audience.role != "checkpoint":
        raise PermissionDenied("sync.stays_checkpoints_only")
    publisher: StaysPublisher = request.app.state.stays_publisher
    raised = _catch_up(database, principal, have_version, stream=STAYS_STREAM, clock=clock)
    with database.reading() as session:
        document = publisher.latest(session, at=clock.now(), fresh=raised)
    return _signed_or_not_modified(request, document, have_digest, version_header="X-Stays-Version")


def _catch_up(
    database: Database, principal: Principal, have_version: int | None, *, stream: int, clock: Clock
) -> bool:
    # Only a node's own copy counts: a person reading with the permission holds nothing edges decide with.
    if principal.kind != "node" or have_version is None:
        return False
    held = catch_up(database, actor=principal.audit_name, held=have_version, stream=stream, at=clock.now())
    return held is not None


def _signed_or_not_modified(
    request: Request, document: PublishedSnapshot, have_digest: str | None, *, version_header: str
) -> Response:
    etag = f'"{document.digest}"'
    headers = {version_header: str(document.version), "ETag": etag}
    if have_digest == document.digest or request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(document.text, media_type="application/json", headers=headers)
