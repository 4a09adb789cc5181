"""Status JSON API: the public summary and subscriptions, and the operators' incidents and maintenance."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.status import repository, service, subscribers, views
from gerbang.status.domain.messages import Text
from gerbang.status.schemas import (
    ConfirmCreate,
    CreatedRead,
    DeliveryRead,
    IncidentCreate,
    MaintenanceCreate,
    SubscriberCreate,
    SubscriptionRead,
    TextCreate,
    UpdateCreate,
)
from gerbang.web.deps import ClockDep, SessionDep, require

router = APIRouter(prefix="/api/v1/status", tags=["status"])
Operator = Annotated[Principal, Depends(require(Permission.STATUS_OPERATE))]
Lang = Annotated[str, Query(pattern="^(id|en)$", description="Language of names and titles.")]


def context(request: Request) -> service.Context:
    ctx: service.Context = request.app.state.status_context
    return ctx


ContextDep = Annotated[service.Context, Depends(context)]


def stale_after(request: Request) -> timedelta:
    """After three missed rounds the board is no longer news: it reads as unknown."""
    value: timedelta = request.app.state.status_stale_after
    return value


def public_url(request: Request) -> str:
    url: str = request.app.state.status_public_url
    return url


@router.get("")
def status_summary(
    request: Request, session: SessionDep, clock: ClockDep, ctx: ContextDep, lang: Lang = "id"
) -> dict[str, Any]:
    """Components and their states, incidents newest first with their updates, and maintenance."""
    return views.public_status(session, ctx, now=clock.now(), lang=lang, stale_after=stale_after(request))


@router.post("/subscribers", response_model=SubscriptionRead, status_code=201)
def subscribe(
    body: SubscriberCreate, request: Request, session: SessionDep, clock: ClockDep
) -> SubscriptionRead:
    """Hear of every incident update by email or by a webhook signed with the returned secret.

    Nothing is sent until the subscription is confirmed: an email by the link it is sent, a webhook by
    answering the confirmation ping with its token (or posting the token to /subscribers/confirm).
    The same answer whether or not the address was subscribed already, never with another's secret.
    """
    made = subscribers.subscribe(
        session,
        kind=body.kind,
        address=body.address,
        key=request.app.state.status_key,
        at=clock.now(),
        allow_private=getattr(request.app.state, "allow_private_webhooks", False),
    )
    token = made.unsubscribe_token
    link = f"{public_url(request)}/unsubscribe?token={token}" if token else None
    how = "email link" if made.kind == "email" else "webhook ping answered with its confirm_token"
    return SubscriptionRead(kind=made.kind, confirmation=how, unsubscribe_url=link, secret=made.secret)


@router.post("/subscribers/confirm", status_code=204)
def confirm_subscription(body: ConfirmCreate, request: Request, session: SessionDep, clock: ClockDep) -> None:
    """Confirm a subscription with the token its confirmation carried."""
    subscribers.confirm(session, token=body.token, key=request.app.state.status_key, at=clock.now())


@router.post("/incidents", response_model=CreatedRead, status_code=201)
def create_incident(
    body: IncidentCreate, session: SessionDep, clock: ClockDep, ctx: ContextDep, operator: Operator
) -> CreatedRead:
    """Open an incident by hand with its first update."""
    row = service.create_incident(
        session,
        ctx=ctx,
        title=Text(body.title_id, body.title_en),
        components=body.components,
        text=Text(body.text_id, body.text_en),
        operator=operator,
        at=clock.now(),
    )
    return CreatedRead(id=row.id)


@router.post("/incidents/{incident_id}/updates", response_model=CreatedRead, status_code=201)
def add_update(
    incident_id: uuid.UUID,
    body: UpdateCreate,
    session: SessionDep,
    clock: ClockDep,
    ctx: ContextDep,
    operator: Operator,
) -> CreatedRead:
    """Post an update on an open incident; `resolve: true` closes it with these words."""
    row = service.add_update(
        session,
        ctx=ctx,
        incident_id=incident_id,
        text=Text(body.text_id, body.text_en),
        resolve=body.resolve,
        operator=operator,
        at=clock.now(),
    )
    return CreatedRead(id=row.id)


@router.patch("/updates/{update_id}", response_model=CreatedRead)
def edit_update(
    update_id: uuid.UUID, body: TextCreate, session: SessionDep, clock: ClockDep, operator: Operator
) -> CreatedRead:
    """Correct the words of an update (the audit log keeps the old ones)."""
    row = service.edit_update(
        session, update_id=update_id, text=Text(body.text_id, body.text_en), operator=operator, at=clock.now()
    )
    return CreatedRead(id=row.id)


@router.post("/maintenance", response_model=CreatedRead, status_code=201)
def schedule_maintenance(
    body: MaintenanceCreate, session: SessionDep, clock: ClockDep, ctx: ContextDep, operator: Operator
) -> CreatedRead:
    """Announce a maintenance window; no automatic incident opens for its components while it runs."""
    row = service.schedule_maintenance(
        session,
        ctx=ctx,
        title=Text(body.title_id, body.title_en),
        components=body.components,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        text=Text(body.text_id, body.text_en),
        operator=operator,
        at=clock.now(),
    )
    return CreatedRead(id=row.id)


@router.post("/maintenance/{window_id}/cancel", status_code=204)
def cancel_maintenance(
    window_id: uuid.UUID, session: SessionDep, clock: ClockDep, operator: Operator
) -> None:
    """Call off a maintenance window; the page stops showing it."""
    service.cancel_maintenance(session, window_id=window_id, operator=operator, at=clock.now())


@router.get("/deliveries", response_model=list[DeliveryRead])
def delivery_log(
    session: SessionDep, _operator: Operator, limit: Annotated[int, Query(ge=1, le=500)] = 100
) -> list[DeliveryRead]:
    """The newest deliveries to subscribers and how each went."""
    return [
        DeliveryRead(
            id=r.id,
            subscriber_id=r.subscriber_id,
            update_id=r.update_id,
            event=r.event,
            attempts=r.attempts,
            next_attempt_at=r.next_attempt_at,
            delivered_at=r.delivered_at,
            failed_at=r.failed_at,
            last_error=r.last_error,
        )
        for r in repository.delivery_log(session, limit=limit)
    ]
