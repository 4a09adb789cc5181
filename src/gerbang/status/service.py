"""Use cases of incidents: open, speak, resolve, and what operators write; every operator step is audited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from gerbang.infra import audit
from gerbang.infra.accounts import Principal
from gerbang.infra.clock import new_id
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import Conflict, InvalidInput, NotFound
from gerbang.status import outages, repository
from gerbang.status.board import Board
from gerbang.status.domain import Kind, Rules, update_due
from gerbang.status.domain import messages as words
from gerbang.status.orm import StatusDeliveryRow, StatusIncidentRow, StatusUpdateRow


@dataclass(frozen=True)
class Context:
    """What the use cases need to know about this status node."""

    board: Board
    rules: Rules
    timezone: ZoneInfo
    zone_label: str = "WIB"
    outage_group: str = "center"


def situation(ctx: Context, components: list[str], started_at: datetime) -> words.Situation:
    """The facts an automatic message states, from the incident's components and the live board."""
    # In catalogue order, so that titles read the same however the components were listed.
    parts = [c for c in ctx.board.components if c.id in set(components)]
    return words.Situation(
        affected_id=[p.name_id for p in parts] or components,
        affected_en=[p.name_en for p in parts] or components,
        center_affected=any(p.kind is Kind.CENTER for p in parts),
        working_checkpoints=ctx.board.working(Kind.CHECKPOINT),
        working_offices=ctx.board.working(Kind.OFFICE),
        started_at=started_at.astimezone(ctx.timezone),
        zone=ctx.zone_label,
    )


def post_update(
    session: Session, *, incident: StatusIncidentRow, text: words.Text, author: str, event: str, at: datetime
) -> StatusUpdateRow:
    """Add a public update and queue it for every subscriber, in the same transaction."""
    row = StatusUpdateRow(
        id=new_id(at),
        incident_id=incident.id,
        at=at,
        text_id=text.id,
        text_en=text.en,
        author=author,
        edited_at=None,
    )
    session.add(row)
    session.flush()
    incident.last_update_at = at
    for subscriber in repository.active_subscribers(session):
        session.add(
            StatusDeliveryRow(
                id=new_id(at),
                subscriber_id=subscriber.id,
                update_id=row.id,
                event=event,
                attempts=0,
                next_attempt_at=at,
                delivered_at=None,
                failed_at=None,
                last_error=None,
                created_at=at,
            )
        )
    return row


def open_incident(
    session: Session,
    *,
    ctx: Context,
    group: str | None,
    components: list[str],
    started_at: datetime,
    author: str,
    at: datetime,
    title: words.Text | None = None,
    first: words.Text | None = None,
) -> StatusIncidentRow:
    """Open an incident and say so at once; a center outage is also declared to the passport service."""
    facts = situation(ctx, components, started_at)
    title = title or words.title(facts)
    incident = StatusIncidentRow(
        id=new_id(at),
        kind="incident",
        title_id=title.id[:300],
        title_en=title.en[:300],
        state="open",
        node_group=group,
        components=sorted(components),
        started_at=started_at,
        resolved_at=None,
        ends_at=None,
        last_update_at=at,
        created_by=author,
    )
    session.add(incident)
    session.flush()
    next_by = (at + ctx.rules.update_every).astimezone(ctx.timezone)
    post_update(
        session,
        incident=incident,
        text=first or words.opened(facts, next_update_by=next_by),
        author=author,
        event="incident.opened",
        at=at,
    )
    if group == ctx.outage_group:
        outages.declare(session, incident=incident, at=at)
    return incident


def resolve_incident(
    session: Session,
    *,
    ctx: Context,
    incident: StatusIncidentRow,
    author: str,
    at: datetime,
    text: words.Text | None = None,
) -> None:
    """Close an incident with a last update; the end of a center outage goes to the passport service."""
    facts = situation(ctx, list(incident.components), as_utc(incident.started_at))
    incident.state, incident.resolved_at = "resolved", at
    post_update(
        session,
        incident=incident,
        text=text or words.resolved(facts, now=at.astimezone(ctx.timezone)),
        author=author,
        event="incident.resolved",
        at=at,
    )
    if incident.node_group == ctx.outage_group:
        outages.end(session, incident=incident, at=at)


def speak_if_due(session: Session, *, ctx: Context, incident: StatusIncidentRow, at: datetime) -> bool:
    """Post the periodic update of an open incident when it is due; True if one was posted."""
    if not update_due(last_update_at=as_utc(incident.last_update_at), now=at, rules=ctx.rules):
        return False
    facts = situation(ctx, list(incident.components), as_utc(incident.started_at))
    local_now = at.astimezone(ctx.timezone)
    next_by = (at + ctx.rules.update_every).astimezone(ctx.timezone)
    text = words.continuing(facts, now=local_now, next_update_by=next_by)
    post_update(session, incident=incident, text=text, author="monitor", event="incident.updated", at=at)
    return True


# -- operators -------------------------------------------------------------------------------


def _check_components(ctx: Context, components: list[str]) -> list[str]:
    known = ctx.board.by_id()
    unknown = [c for c in components if c not in known]
    if unknown or not components:
        reason = "incident.unknown_components" if unknown else "incident.no_components"
        raise InvalidInput(reason, field="components", known=", ".join(known), unknown=", ".join(unknown))
    return sorted(set(components))


def create_incident(
    session: Session,
    *,
    ctx: Context,
    title: words.Text,
    components: list[str],
    text: words.Text,
    operator: Principal,
    at: datetime,
) -> StatusIncidentRow:
    """An operator opens an incident the monitor cannot see (e.g. a payment provider failing)."""
    chosen = _check_components(ctx, components)
    incident = open_incident(
        session,
        ctx=ctx,
        group=None,
        components=chosen,
        started_at=at,
        author=operator.audit_name,
        at=at,
        title=title,
        first=text,
    )
    audit.record(
        session,
        actor=operator.audit_name,
        action="status.incident.create",
        record_type="status_incident",
        record_id=str(incident.id),
        details={"components": chosen, "title_en": title.en},
        at=at,
    )
    return incident


def add_update(
    session: Session,
    *,
    ctx: Context,
    incident_id: uuid.UUID,
    text: words.Text,
    resolve: bool,
    operator: Principal,
    at: datetime,
) -> StatusUpdateRow:
    """An operator's word on an incident; `resolve` closes it with that word as the last update."""
    incident = repository.incident(session, incident_id)
    if incident is None or incident.kind != "incident":
        raise NotFound("incident.not_found", incident_id=incident_id)
    if incident.state != "open":
        raise Conflict("incident.already_resolved")
    if resolve:
        resolve_incident(session, ctx=ctx, incident=incident, author=operator.audit_name, at=at, text=text)
        row = repository.updates_of(session, [incident.id])[incident.id][0]
    else:
        row = post_update(
            session, incident=incident, text=text, author=operator.audit_name, event="incident.updated", at=at
        )
    audit.record(
        session,
        actor=operator.audit_name,
        action="status.update.create",
        record_type="status_update",
        record_id=str(row.id),
        details={"incident": str(incident.id), "resolve": resolve},
        at=at,
    )
    return row


def edit_update(
    session: Session, *, update_id: uuid.UUID, text: words.Text, operator: Principal, at: datetime
) -> StatusUpdateRow:
    """Correct an update's words; the audit log keeps what it said before."""
    row = repository.update(session, update_id)
    if row is None:
        raise NotFound("incident.update_not_found", update_id=update_id)
    before = {"text_id": row.text_id, "text_en": row.text_en}
    row.text_id, row.text_en, row.edited_at = text.id, text.en, at
    audit.record(
        session,
        actor=operator.audit_name,
        action="status.update.edit",
        record_type="status_update",
        record_id=str(row.id),
        details={"before": before},
        at=at,
    )
    return row


MAINTENANCE_AHEAD = timedelta(days=366)
LONGEST_MAINTENANCE = timedelta(days=31)


def cancel_maintenance(session: Session, *, window_id: uuid.UUID, operator: Principal, at: datetime) -> None:
    """Call off a maintenance window (or remove one that should never have been scheduled)."""
    window = session.get(StatusIncidentRow, window_id)
    if window is None or window.kind != "maintenance":
        raise NotFound("maintenance.not_found", field="id")
    window.state, window.resolved_at = "cancelled", at
    audit.record(
        session,
        actor=operator.audit_name,
        action="status.maintenance.cancel",
        record_type="status_incident",
        record_id=str(window.id),
        at=at,
    )


def schedule_maintenance(
    session: Session,
    *,
    ctx: Context,
    title: words.Text,
    components: list[str],
    starts_at: datetime,
    ends_at: datetime,
    text: words.Text,
    operator: Principal,
    at: datetime,
) -> StatusIncidentRow:
    """Announce a maintenance window; the monitor opens no incident for its components while it runs."""
    chosen = _check_components(ctx, components)
    if ends_at <= starts_at:
        raise InvalidInput("maintenance.ends_before_start", field="ends_at")
    if not at - timedelta(days=1) <= starts_at <= at + MAINTENANCE_AHEAD:
        raise InvalidInput("maintenance.start_range", field="starts_at")
    if ends_at - starts_at > LONGEST_MAINTENANCE:
        raise InvalidInput("maintenance.too_long", field="ends_at")
    window = StatusIncidentRow(
        id=new_id(at),
        kind="maintenance",
        title_id=title.id,
        title_en=title.en,
        state="scheduled",
        node_group=None,
        components=chosen,
        started_at=starts_at,
        resolved_at=None,
        ends_at=ends_at,
        last_update_at=at,
        created_by=operator.audit_name,
    )
    session.add(window)
    session.flush()
    post_update(
        session, incident=window, text=text, author=operator.audit_name, event="maintenance.scheduled", at=at
    )
    audit.record(
        session,
        actor=operator.audit_name,
        action="status.maintenance.schedule",
        record_type="status_incident",
        record_id=str(window.id),
        details={"components": chosen, "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()},
        at=at,
    )
    return window
