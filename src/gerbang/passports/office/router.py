"""Office node API: the day's appointments, interviews, hand-overs, and the node's health."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.passports.office import service
from gerbang.passports.office.schemas import (
    HandoverCreate,
    HandoverRead,
    InterviewCreate,
    InterviewRead,
    QueueRead,
)
from gerbang.web.deps import current_principal, require

router = APIRouter(prefix="/api/v1", tags=["office"])
Officer = Annotated[Principal, Depends(require(Permission.APPLICATIONS_PROCESS))]


def office_of(request: Request) -> service.Office:
    office: service.Office = request.app.state.office
    return office


OfficeDep = Annotated[service.Office, Depends(office_of)]


@router.get("/office/appointments", response_model=QueueRead)
def appointments(office: OfficeDep, _officer: Officer, day: date | None = None) -> QueueRead:
    """The day's appointments in slot order (today when no day is given) and the passports ready here."""
    return service.day_queue(office, day=day)


@router.post("/office/interviews", response_model=InterviewRead, status_code=201)
def create_interview(body: InterviewCreate, office: OfficeDep, officer: Officer) -> InterviewRead:
    """Record an interview here, center or no center; it is uploaded when the center answers."""
    return service.record_interview(office, request=body, officer=officer)


@router.post("/office/handovers", response_model=HandoverRead, status_code=201)
def create_handover(body: HandoverCreate, office: OfficeDep, officer: Officer) -> HandoverRead:
    """Hand a ready passport over once the collector's e-KTP matches; a mismatch is refused (409)."""
    return service.record_handover(office, request=body, officer=officer)


@router.get("/health")
def office_health(
    office: OfficeDep, _caller: Annotated[Principal, Depends(current_principal)]
) -> dict[str, Any]:
    """Center reachability, upload backlog, and the appointment data's version and age."""
    return service.health(office)
