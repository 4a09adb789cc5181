"""Visa JSON API at the center: applications, decisions, credentials and the signed revocation list."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from gerbang.border.center.watchlist import CenterIndex
from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.infra.signing import Signer, load_signer
from gerbang.sync.center.publisher import SectionProvider
from gerbang.visas.center import service
from gerbang.visas.center.repository import ApplicationView, CredentialView
from gerbang.visas.center.schemas import (
    ApplicationCreate,
    ApplicationPage,
    ApplicationRead,
    ApprovalCreate,
    CredentialRead,
    HolderRead,
    ReasonCreate,
    Status,
    WatchlistMatch,
)
from gerbang.visas.domain.credential import Holder
from gerbang.web.deps import ClockDep, SessionDep, require, require_any

router = APIRouter(prefix="/api/v1/visas", tags=["visas"])

_P = Permission
Applicant = Annotated[Principal, Depends(require(_P.VISAS_APPLY))]
Issuer = Annotated[Principal, Depends(require(_P.VISAS_ISSUE))]
Revoker = Annotated[Principal, Depends(require(_P.VISAS_REVOKE))]
Reader = Annotated[Principal, Depends(require_any(_P.VISAS_APPLY, _P.VISAS_ISSUE, _P.VISAS_REVOKE))]
EdgeOrIssuer = Annotated[Principal, Depends(require_any(_P.SYNC_REFERENCE, _P.VISAS_ISSUE))]


def visa_signer(request: Request) -> Signer:
    # Read at each use, so a rotated key directory takes effect without a restart.
    return load_signer(request.app.state.visa_keys)


def center_index(request: Request) -> CenterIndex:
    # One index per app: ids of reference versions are only meaningful within one database.
    index: CenterIndex | None = getattr(request.app.state, "visa_center_index", None)
    if index is None:
        index = request.app.state.visa_center_index = CenterIndex()
    return index


SignerDep = Annotated[Signer, Depends(visa_signer)]
IndexDep = Annotated[CenterIndex, Depends(center_index)]


def revocations_section(signer_dir: Path) -> SectionProvider:
    """The snapshot section `visa_revocations`: the signed revocation list text, for edges to verify."""

    def provide(session: Session, at: datetime) -> tuple[str, Any]:
        return "visa_revocations", service.revocation_list(session, signer=load_signer(signer_dir), at=at)[1]

    return provide


@router.post("/applications", response_model=ApplicationRead, status_code=201)
def apply(
    body: ApplicationCreate, session: SessionDep, clock: ClockDep, applicant: Applicant, index: IndexDep
) -> ApplicationRead:
    """Apply for a visa for oneself; the fee comes from the visa policy in force today."""
    view = service.apply(
        session,
        applicant=applicant,
        type=body.type,
        name=body.name,
        passport_number=body.passport_number,
        nationality=body.nationality,
        birth_date=body.birth_date,
        watchlist=index,
        at=clock.now(),
    )
    return application_read(view)


@router.get("/applications", response_model=ApplicationPage)
def list_applications(
    session: SessionDep,
    principal: Reader,
    status: Status | None = None,
    before: Annotated[uuid.UUID | None, Query(description="next_before of the previous page.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> ApplicationPage:
    """Applications newest first: applicants see their own, visa officers everyone's."""
    views = service.list_applications(session, principal=principal, status=status, before=before, limit=limit)
    return ApplicationPage(
        applications=[application_read(v) for v in views],
        next_before=views[-1].id if len(views) == limit else None,
    )


@router.get("/applications/{application_id}", response_model=ApplicationRead)
def get_application(application_id: uuid.UUID, session: SessionDep, principal: Reader) -> ApplicationRead:
    """One application (one's own, or any for a visa officer)."""
    return application_read(
        service.get_application(session, application_id=application_id, principal=principal)
    )


@router.post("/applications/{application_id}/approve", response_model=ApplicationRead)
def approve(
    application_id: uuid.UUID,
    body: ApprovalCreate,
    session: SessionDep,
    clock: ClockDep,
    officer: Issuer,
    signer: SignerDep,
    index: IndexDep,
) -> ApplicationRead:
    """Approve and issue the signed credential; an entry-ban match found now refuses instead."""
    view = service.approve(
        session,
        application_id=application_id,
        officer=officer,
        signer=signer,
        watchlist=index,
        screening_reviewed=body.screening_reviewed,
        at=clock.now(),
    )
    return application_read(view)


@router.post("/applications/{application_id}/refuse", response_model=ApplicationRead)
def refuse(
    application_id: uuid.UUID, body: ReasonCreate, session: SessionDep, clock: ClockDep, officer: Issuer
) -> ApplicationRead:
    """Refuse with a reason the applicant will read."""
    view = service.refuse(
        session, application_id=application_id, officer=officer, reason=body.reason, at=clock.now()
    )
    return application_read(view)


@router.get("/credentials/{credential_id}", response_model=CredentialRead)
def get_credential(credential_id: uuid.UUID, session: SessionDep, principal: Reader) -> CredentialRead:
    """One credential with its text (one's own, or any for a visa officer)."""
    return credential_read(service.get_credential(session, credential_id=credential_id, principal=principal))


@router.post("/credentials/{credential_id}/extend", response_model=CredentialRead, status_code=201)
def extend(
    credential_id: uuid.UUID, session: SessionDep, clock: ClockDep, officer: Issuer, signer: SignerDep
) -> CredentialRead:
    """Extend the stay: a new credential supersedes this one, which is revoked."""
    view = service.extend(
        session, credential_id=credential_id, officer=officer, signer=signer, at=clock.now()
    )
    return credential_read(view)


@router.post("/credentials/{credential_id}/revoke", response_model=CredentialRead)
def revoke(
    credential_id: uuid.UUID,
    body: ReasonCreate,
    session: SessionDep,
    clock: ClockDep,
    officer: Revoker,
    signer: SignerDep,
) -> CredentialRead:
    """Revoke a credential; the edges receive the new signed list with the next reference version."""
    view = service.revoke(
        session,
        credential_id=credential_id,
        officer=officer,
        reason=body.reason,
        signer=signer,
        at=clock.now(),
    )
    return credential_read(view)


@router.get("/revocations", response_class=Response)
def revocations(session: SessionDep, clock: ClockDep, _caller: EdgeOrIssuer, signer: SignerDep) -> Response:
    """The newest signed revocation list, as `read_revocation_list` reads it."""
    version, text = service.revocation_list(session, signer=signer, at=clock.now())
    return Response(text, media_type="application/json", headers={"X-Revocation-List-Version": str(version)})


def application_read(view: ApplicationView) -> ApplicationRead:
    return ApplicationRead(
        id=view.id,
        type=view.type,
        status=view.status,
        holder=_holder(view.holder),
        fee_idr=view.fee_idr,
        created_at=view.created_at,
        decided_at=view.decided_at,
        decided_by=view.decided_by,
        reason=view.reason,
        credential_id=view.credential_id,
        watchlist_matches=[WatchlistMatch(**match) for match in view.watchlist_matches],
    )


def credential_read(view: CredentialView) -> CredentialRead:
    return CredentialRead(
        id=view.id,
        application_id=view.application_id,
        type=view.type,
        holder=_holder(view.holder),
        valid_from=view.valid_from,
        valid_until=view.valid_until,
        stay_days=view.stay_days,
        entries="unlimited" if view.entries is None else view.entries,
        issued_at=view.issued_at,
        text=view.text,
        extended_from=view.extended_from,
        superseded_by=view.superseded_by,
        revoked_at=view.revoked_at,
        revocation_reason=view.revocation_reason,
    )


def _holder(holder: Holder) -> HolderRead:
    return HolderRead(
        name=holder.name,
        passport_number=holder.passport_number,
        nationality=holder.nationality,
        birth_date=holder.birth_date,
    )
