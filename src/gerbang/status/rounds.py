"""One probe round applied to the store: daily counts, streaks, incidents opened, grown, resolved, spoken."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy.orm import Session

from gerbang.kernel.clock import as_utc
from gerbang.status import repository, service
from gerbang.status.domain import State, Streak, Window, advance, plan_group
from gerbang.status.domain import messages as words
from gerbang.status.domain.incidents import under_maintenance
from gerbang.status.orm import StatusIncidentRow
from gerbang.status.service import Context

MONITOR = "monitor"


def apply_round(
    session: Session,
    *,
    ctx: Context,
    states: dict[str, State],
    blind: bool,
    at: datetime,
    silent: frozenset[str] = frozenset(),
) -> None:
    """Record what a round saw and act on it; a blind round is counted as unknown and changes nothing else.

    `silent` names the components whose failure this round was only probes timing out.
    """
    day = at.astimezone(ctx.timezone).date()
    for component in ctx.board.components:
        seen = State.UNKNOWN if blind else states.get(component.id, State.UNKNOWN)
        repository.count_round(session, component=component.id, day=day, state=seen.value)
    ctx.board.record(states, blind=blind, at=at)
    if blind:
        # A monitor that cannot see must neither open nor resolve anything: it knows nothing new.
        return
    streaks = ctx.board.streaks
    for component in ctx.board.components:
        seen = states.get(component.id, State.UNKNOWN)
        streaks[component.id] = advance(
            streaks.get(component.id, Streak()), seen, at=at, silent=component.id in silent
        )
    windows = [
        Window(as_utc(w.started_at), as_utc(w.ends_at), frozenset(w.components))
        for w in repository.maintenance_windows(session, ending_after=at)
        if w.ends_at is not None
    ]
    suppressed = under_maintenance(windows, at)
    open_by_group = {row.node_group: row for row in repository.open_incidents(session) if row.node_group}
    groups: dict[str, list[str]] = defaultdict(list)
    for component in ctx.board.components:
        groups[component.group].append(component.id)
    for group, ids in groups.items():
        incident = open_by_group.get(group)
        plan = plan_group(
            {i: streaks[i] for i in ids},
            open_components=frozenset(incident.components) if incident else None,
            rules=ctx.rules,
            suppressed=suppressed,
            at=at,
        )
        if plan.open:
            started = min(streaks[c].failing_since or at for c in plan.open)
            service.open_incident(
                session,
                ctx=ctx,
                group=group,
                components=list(plan.open),
                started_at=started,
                author=MONITOR,
                at=at,
            )
        elif incident is not None and plan.join:
            _grow(session, ctx=ctx, incident=incident, join=plan.join, at=at)
        elif incident is not None and plan.resolve:
            service.resolve_incident(session, ctx=ctx, incident=incident, author=MONITOR, at=at)
    for incident in repository.open_incidents(session):
        service.speak_if_due(session, ctx=ctx, incident=incident, at=at)


def _grow(
    session: Session, *, ctx: Context, incident: StatusIncidentRow, join: tuple[str, ...], at: datetime
) -> None:
    """More of the same node failed: the incident covers them too, and the public hears it now."""
    incident.components = sorted({*incident.components, *join})
    facts = service.situation(ctx, list(incident.components), as_utc(incident.started_at))
    title = words.title(facts)
    incident.title_id, incident.title_en = title.id[:300], title.en[:300]
    next_by = (at + ctx.rules.update_every).astimezone(ctx.timezone)
    text = words.continuing(facts, now=at.astimezone(ctx.timezone), next_update_by=next_by)
    service.post_update(
        session, incident=incident, text=text, author=MONITOR, event="incident.updated", at=at
    )
