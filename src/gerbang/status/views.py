"""What the public reads: component states, incidents with their updates, maintenance and history."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from gerbang.kernel.clock import as_utc
from gerbang.status import repository
from gerbang.status.domain import State, worst
from gerbang.status.domain.history import DayCell, DayCounts, day_bar, observed_rounds, uptime
from gerbang.status.domain.incidents import Window
from gerbang.status.orm import StatusIncidentRow, StatusUpdateRow
from gerbang.status.service import Context

HISTORY_DAYS = 90


def _iso(moment: datetime | None) -> str | None:
    return as_utc(moment).isoformat() if moment else None


def update_dict(row: StatusUpdateRow) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "at": _iso(row.at),
        "text_id": row.text_id,
        "text_en": row.text_en,
        "edited_at": _iso(row.edited_at),
    }


def incident_dict(row: StatusIncidentRow, updates: list[StatusUpdateRow], *, lang: str) -> dict[str, Any]:
    """An incident as the JSON API, the feed and webhooks show it; updates newest first."""
    return {
        "id": str(row.id),
        "title": row.title_id if lang == "id" else row.title_en,
        "title_id": row.title_id,
        "title_en": row.title_en,
        "state": row.state,
        "components": list(row.components),
        "started_at": _iso(row.started_at),
        "resolved_at": _iso(row.resolved_at),
        "automatic": row.node_group is not None,
        "updates": [update_dict(u) for u in updates],
    }


def maintenance_dict(
    row: StatusIncidentRow, updates: list[StatusUpdateRow], *, lang: str, now: datetime
) -> dict[str, Any]:
    window = Window(as_utc(row.started_at), as_utc(row.ends_at or row.started_at), frozenset(row.components))
    return {
        "id": str(row.id),
        "title": row.title_id if lang == "id" else row.title_en,
        "title_id": row.title_id,
        "title_en": row.title_en,
        "state": window.phase(now),
        "components": list(row.components),
        "starts_at": _iso(row.started_at),
        "ends_at": _iso(row.ends_at),
        "updates": [update_dict(u) for u in updates],
    }


def public_status(
    session: Session, ctx: Context, *, now: datetime, lang: str, stale_after: timedelta
) -> dict[str, Any]:
    """The contract of GET /api/v1/status: components, incidents newest first, maintenance."""
    states = ctx.board.current(now=now, stale_after=stale_after)
    incidents = repository.recent_incidents(
        session, kind="incident", since=now - timedelta(days=HISTORY_DAYS), limit=50
    )
    windows = repository.maintenance_windows(session, ending_after=now - timedelta(days=7))
    updates = repository.updates_of(session, [i.id for i in [*incidents, *windows]])
    components = [
        {"id": c.id, "name": c.name(lang), "state": states[c.id].value, "group": c.group}
        for c in ctx.board.components
    ]
    overall = worst(list(states.values()))
    if states and all(s is State.UNKNOWN for s in states.values()):
        overall = State.UNKNOWN
    return {
        "overall": overall.value,
        "observed_at": _iso(ctx.board.last_round_at),
        "center_backup": ctx.board.center_backup,
        "components": components,
        "incidents": [incident_dict(i, updates[i.id], lang=lang) for i in incidents],
        "maintenance": [maintenance_dict(w, updates[w.id], lang=lang, now=now) for w in windows],
    }


@dataclass(frozen=True)
class History:
    """One component's bar of days and its uptime over them."""

    cells: list[DayCell]
    uptime: float | None
    # Rounds that could see it: the uptime speaks for this much time only.
    observed_rounds: int = 0


def history(session: Session, ctx: Context, *, today: date) -> dict[str, History]:
    """The last 90 local days of every component."""
    first = today - timedelta(days=HISTORY_DAYS - 1)
    by_component: dict[str, dict[date, DayCounts]] = defaultdict(dict)
    for row in repository.days_since(session, first=first):
        counts = {State(k): int(v) for k, v in row.counts.items() if k in State._value2member_map_}
        by_component[row.component][row.day] = DayCounts(counts)
    return {
        c.id: History(
            day_bar(by_component[c.id], today=today, length=HISTORY_DAYS),
            uptime(by_component[c.id]),
            observed_rounds(by_component[c.id]),
        )
        for c in ctx.board.components
    }
