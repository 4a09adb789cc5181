"""JSON API for signing in, accounts and the audit log (node credentials are the center's: nodes_router)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlalchemy import select

from gerbang.infra import accounts, audit, audit_heads
from gerbang.infra import sign_in as sign_ins
from gerbang.infra.accounts import Principal
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow
from gerbang.infra.roles import Permission
from gerbang.web.deps import ClockDep, SessionDep, current_principal, get_database, require, require_any
from gerbang.web.schemas import (
    AccountCreate,
    AccountRead,
    AuditEntryRead,
    AuditPage,
    AuditVerifyRead,
    PrincipalRead,
    TokenCreate,
    TokenRead,
)

router = APIRouter(prefix="/api/v1", tags=["accounts"])
DatabaseDep = Annotated[Database, Depends(get_database)]
SESSION_TOKEN_LIFETIME = timedelta(hours=12)


@router.post("/auth/token", response_model=TokenRead, status_code=201)
def sign_in(body: TokenCreate, request: Request, database: DatabaseDep, clock: ClockDep) -> TokenRead:
    """Exchange a username and password for a bearer token valid for 12 hours.

    Too many failures for one account, or from one address, lock sign-in for a while (429); every
    failure is audited.
    """
    now = clock.now()
    attempt = sign_ins.Attempt.of(body.username, request.client.host if request.client else None)
    account = sign_ins.sign_in(database, attempt, body.password, at=now)
    with database.transaction() as session:
        token = accounts.create_token(
            session,
            account=account,
            name=body.name,
            actor=f"account:{account.username}",
            at=now,
            valid_for=SESSION_TOKEN_LIFETIME,
        )
    return TokenRead(token=token, expires_at=now + SESSION_TOKEN_LIFETIME)


Manager = Annotated[Principal, Depends(require(Permission.ACCOUNTS_MANAGE))]
Username = Annotated[str, Path(min_length=1, max_length=120)]


@router.post("/accounts/{username}/disable", status_code=204)
def disable_account(username: Username, session: SessionDep, clock: ClockDep, principal: Manager) -> None:
    """Disable an account: its password no longer signs in and every token of it stops at once."""
    sign_ins.set_active(session, username=username, active=False, actor=principal.audit_name, at=clock.now())


@router.post("/accounts/{username}/enable", status_code=204)
def enable_account(username: Username, session: SessionDep, clock: ClockDep, principal: Manager) -> None:
    """Let a disabled account sign in again (its old tokens stay revoked)."""
    sign_ins.set_active(session, username=username, active=True, actor=principal.audit_name, at=clock.now())


@router.post("/accounts/{username}/tokens/revoke", status_code=204)
def revoke_account_tokens(
    username: Username, session: SessionDep, clock: ClockDep, principal: Manager
) -> None:
    """Revoke every live token of another person's account (a lost laptop, a leaked script)."""
    sign_ins.revoke_tokens(session, username=username, actor=principal.audit_name, at=clock.now())


@router.get("/me", response_model=PrincipalRead)
def who_am_i(principal: Annotated[Principal, Depends(current_principal)]) -> PrincipalRead:
    """The caller, its roles and what it may do."""
    return PrincipalRead(
        kind=principal.kind,
        id=principal.id,
        name=principal.name,
        site=principal.site,
        roles=sorted(principal.roles),
        permissions=sorted(principal.permissions),
    )


@router.post("/accounts", response_model=AccountRead, status_code=201)
def create_account(
    body: AccountCreate,
    session: SessionDep,
    clock: ClockDep,
    principal: Annotated[Principal, Depends(require(Permission.ACCOUNTS_MANAGE))],
) -> AccountRead:
    """Create an officer, operator or applicant account."""
    account = accounts.create_account(
        session,
        username=body.username,
        password=body.password,
        roles=accounts.parse_roles(body.roles),
        display_name=body.display_name,
        actor=principal.audit_name,
        at=clock.now(),
    )
    return AccountRead(
        id=account.id,
        username=account.username,
        display_name=account.display_name,
        roles=sorted(r.role for r in account.roles),
        active=account.active,
    )


@router.get("/audit", response_model=AuditPage)
def read_audit_log(
    session: SessionDep,
    _principal: Annotated[Principal, Depends(require(Permission.AUDIT_READ))],
    after_seq: Annotated[int, Query(ge=0, le=2**53)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AuditPage:
    """Audit entries in order, a page at a time."""
    rows = (
        session.execute(
            select(AuditEntryRow)
            .where(AuditEntryRow.seq > after_seq)
            .order_by(AuditEntryRow.seq)
            .limit(limit)
        )
        .scalars()
        .all()
    )
    entries = [AuditEntryRead.model_validate(row, from_attributes=True) for row in rows]
    return AuditPage(entries=entries, next_after_seq=entries[-1].seq if len(entries) == limit else None)


@router.get("/audit/head")
def audit_head(
    database: DatabaseDep,
    clock: ClockDep,
    _principal: Annotated[Principal, Depends(require_any(Permission.AUDIT_HEAD, Permission.AUDIT_READ))],
    anchor_seq: Annotated[int | None, Query(ge=1, le=2**53)] = None,
) -> dict[str, object]:
    """The chain's current head with its MAC under this node's audit key, for a witness to keep.

    With `anchor_seq` (the last head the witness kept) the answer also holds that entry's hash as the
    chain has it now (null once it is gone), so the witness sees at once a chain cut or rewritten under
    it, even one that has grown past its old length since.
    """
    with database.reading() as session:
        head = audit.current_head(session)
        anchor = audit.hash_at(session, anchor_seq) if anchor_seq is not None else None
    answer = audit_heads.sign_head(head, key=database.audit_key.get(), at=clock.now()).to_json()
    if anchor_seq is not None:
        answer["anchor"] = {"seq": anchor_seq, "hash": anchor}
    return answer


@router.get("/audit/verify", response_model=AuditVerifyRead)
def verify_audit_log(
    session: SessionDep, _principal: Annotated[Principal, Depends(require(Permission.AUDIT_READ))]
) -> AuditVerifyRead:
    """Walk the hash chain and report the first entry that was changed, inserted or deleted."""
    report = audit.verify_chain(session)
    first = report.first_break
    broken = {**asdict(first), "detail": first.detail} if first else None
    return AuditVerifyRead(intact=report.intact, entries=report.entries, first_break=broken)
