"""Center only: issuing the keys that edge and status nodes present to the center."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from gerbang.infra import accounts
from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.web.deps import ClockDep, SessionDep, require
from gerbang.web.schemas import NodeCreate, NodeKeyRead

router = APIRouter(prefix="/api/v1", tags=["nodes"])


@router.post("/nodes", response_model=NodeKeyRead, status_code=201)
def issue_node_key(
    body: NodeCreate,
    session: SessionDep,
    clock: ClockDep,
    principal: Annotated[Principal, Depends(require(Permission.NODES_MANAGE))],
) -> NodeKeyRead:
    """Issue (or re-issue, revoking the old one) the key an edge or status node uses at the center."""
    key = accounts.create_node_credential(
        session, name=body.name, role=body.role, site=body.site, actor=principal.audit_name, at=clock.now()
    )
    return NodeKeyRead(name=body.name, key=key)
