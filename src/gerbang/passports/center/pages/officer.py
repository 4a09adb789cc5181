"""The center's officer console: applications by status; approve or reject, mark printed, mark ready."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from gerbang.infra.accounts import Principal
from gerbang.kernel.errors import GerbangError, InvalidInput
from gerbang.passports.center import applications, issuance
from gerbang.passports.center.orm import GuardianRow
from gerbang.passports.center.pages.auth import STATIC, Officer, OfficerForm, Pages, refusal
from gerbang.passports.center.pages.track import application_id
from gerbang.passports.center.views import ApplicationView
from gerbang.passports.domain.lifecycle import Status
from gerbang.passports.pages_common import clock_of, database_of, render
from gerbang.web.session_pages import form_key, is_htmx, on_refusal

router = APIRouter(route_class=Pages)
CONSOLE = "/passports/officer"
# The statuses an officer acts on here, in the order work flows; the office node does interviews.
FILTERS = (Status.INTERVIEWED, Status.APPROVED, Status.PRINTED, Status.READY, Status.PAID)
STEPS = {"approve": issuance.approve, "printed": issuance.mark_printed, "ready": issuance.mark_ready}


def _status(text: str) -> Status:
    try:
        return Status(text)
    except ValueError:
        return Status.INTERVIEWED


@router.get(CONSOLE, response_model=None)
def console(request: Request, who: Officer, status: str = "interviewed", done: str = "") -> Response:
    """Applications in one status, oldest work first, each with the step that comes next."""
    return _page(request, who, _status(status), done_id=done)


def guardians_of(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, GuardianRow]:
    """The consenting parent or guardian of each child among `ids`, so the officer sees who signed."""
    wanted = list(ids)
    if not wanted:
        return {}
    rows = session.execute(select(GuardianRow).where(GuardianRow.application_id.in_(wanted))).scalars()
    return {row.application_id: row for row in rows}


def _page(request: Request, who: Principal, status: Status, code: int = 200, **extra: Any) -> Response:
    with database_of(request).transaction() as session:
        items = applications.list_applications(session, principal=who, status=status, before=None, limit=200)
        guardians = guardians_of(session, (item.id for item in items))
    return render(
        "paspor_officer.html", code, who=who, key=form_key(request), items=items[::-1], status=status.value,
        filters=FILTERS, static=STATIC, guardians=guardians, **extra,
    )  # fmt: skip


@router.post(CONSOLE + "/{ident}/{step}", response_model=None)
def take_step(
    request: Request,
    who: OfficerForm,
    ident: str,
    step: str,
    reason: Annotated[str, Form(max_length=1000)] = "",
    status: Annotated[str, Form(max_length=30)] = "interviewed",
) -> Response:
    """One officer step through the issuance service (which audits it); a refusal stays on the card."""
    now = clock_of(request).now()
    on_refusal(request, lambda exc: _problem(request, who, ident, exc, _status(status)))
    ident_id = application_id(ident)
    with database_of(request).transaction() as session:
        if step == "reject":
            if len(reason.strip()) < 3:
                raise InvalidInput("officer.reason_required", field="reason")
            view = issuance.reject(session, application_id=ident_id, officer=who, reason=reason, at=now)
        elif step in STEPS:
            view = STEPS[step](session, application_id=ident_id, officer=who, at=now)
        else:
            raise InvalidInput("officer.no_step", step=step[:20])
        guardians = guardians_of(session, [view.id])
    if is_htmx(request):
        return render(
            "paspor_officer_card.html", a=view, key=form_key(request), done=True,
            status=_status(status).value, guardians=guardians,
        )  # fmt: skip
    return RedirectResponse(f"{CONSOLE}?status={view.status.value}&done={view.id}", status_code=303)


def _problem(request: Request, who: Principal, ident: str, exc: GerbangError, status: Status) -> Response:
    view: ApplicationView | None = None
    try:
        with database_of(request).transaction() as session:
            view = applications.get_application(session, application_id=application_id(ident), principal=who)
            guardians = guardians_of(session, [view.id])
    except GerbangError:  # the card itself cannot be shown: the refusal page says why the step failed
        return refusal(request, exc)
    if is_htmx(request):
        return render(
            "paspor_officer_card.html", 409, a=view, key=form_key(request), problem=exc.text(),
            status=status.value, guardians=guardians,
        )  # fmt: skip
    return _page(request, who, status, 409, problem_for=str(view.id), problem=exc.text())
