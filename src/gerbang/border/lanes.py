"""The supervisor's hand on the queues: mark a lane closed or out of order, count a line, load flights.

Every change is written with its audit entry in one transaction, on the checkpoint's own store: none
of it needs the center.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gerbang.border.domain.queueing.forecast import QUEUES, Flight, read_schedule
from gerbang.border.domain.queueing.measure import LANE_STATUSES, Lane
from gerbang.border.lanes_orm import FlightScheduleRow, LaneStateRow, QueueCountRow
from gerbang.border.service import Checkpoint
from gerbang.infra import audit
from gerbang.infra.accounts import Principal
from gerbang.infra.clock import new_id
from gerbang.kernel.errors import InvalidInput

MAX_PEOPLE = 5000


def default_queue(kind: str) -> str:
    """Until a supervisor says otherwise: autogates take citizens, counters take foreigners."""
    return "citizens" if kind == "autogate" else "foreigners"


def current_lanes(checkpoint: Checkpoint, session: Session) -> list[Lane]:
    """Every configured lane, with the queue and status a supervisor last set (open by default)."""
    rows = {row.lane: row for row in session.execute(select(LaneStateRow)).scalars()}
    lanes = []
    for name, kind in checkpoint.lanes.items():
        row = rows.get(name)
        queue = row.queue if row else default_queue(kind.value)
        lanes.append(Lane(name, kind.value, queue, row.status if row else "open"))
    return lanes


def set_lane(
    checkpoint: Checkpoint, *, lane: str, status: str, queue: str | None, note: str, officer: Principal
) -> Lane:
    """Set a lane's status (open, closed, down) and optionally its queue; audited as lane.change."""
    kind = checkpoint.lanes.get(lane)
    if kind is None:
        known = ", ".join(checkpoint.lanes)
        raise InvalidInput("lane.unknown_known", field="lane", lane=lane[:40], known=known)
    if status not in LANE_STATUSES:
        raise InvalidInput("lane.status_choice", field="status", statuses=", ".join(LANE_STATUSES))
    if status == "down" and kind.value != "autogate":
        # A counter without its officer is closed; "out of order" is the gates' failure.
        raise InvalidInput("lane.only_autogate_broken", field="status")
    if queue is not None and queue not in QUEUES:
        raise InvalidInput("lane.queue_choice", field="queue", queues=", ".join(QUEUES))
    text = " ".join(note.split())[:200]
    now = checkpoint.clock.now()
    with checkpoint.database.transaction() as session:
        row = session.get(LaneStateRow, lane)
        before = (row.status, row.queue) if row else ("open", default_queue(kind.value))
        if row is None:
            row = LaneStateRow(
                lane=lane, queue=before[1], status="open", note="", changed_by="", changed_at=now
            )
            session.add(row)
        row.status, row.queue, row.note = status, queue or row.queue, text
        row.changed_by, row.changed_at = officer.audit_name, now
        audit.record(
            session,
            actor=officer.audit_name,
            action="lane.change",
            record_type="lane",
            record_id=lane,
            details={"from": before[0], "to": status, "queue": row.queue, "note": text},
            at=now,
        )
        return Lane(lane, kind.value, row.queue, status)


def count_queue(checkpoint: Checkpoint, *, queue: str, people: int, officer: Principal) -> None:
    """Record a head count of one queue's line; the estimate restarts from it. Audited as queue.count."""
    if queue not in QUEUES:
        raise InvalidInput("queue.names", field="queue", queues=", ".join(QUEUES))
    if not 0 <= people <= MAX_PEOPLE:
        raise InvalidInput("queue.head_count", field="people", max_people=MAX_PEOPLE)
    now = checkpoint.clock.now()
    with checkpoint.database.transaction() as session:
        session.add(
            QueueCountRow(
                id=new_id(now), queue=queue, people=people, counted_by=officer.audit_name, counted_at=now
            )
        )
        audit.record(
            session,
            actor=officer.audit_name,
            action="queue.count",
            record_type="queue",
            record_id=queue,
            details={"people": people},
            at=now,
        )


def load_schedule(checkpoint: Checkpoint, *, text: str, officer: Principal) -> list[Flight]:
    """Read a CSV or JSON schedule for today (checkpoint-local) and keep it; audited as schedule.load."""
    now = checkpoint.clock.now()
    day = now.astimezone(checkpoint.timezone).date()
    flights = read_schedule(text, day=day, tz=checkpoint.timezone)
    if not flights:
        raise InvalidInput("queue.no_flights", field="schedule")
    stored = {"flights": [_flight_json(flight) for flight in flights]}
    with checkpoint.database.transaction() as session:
        session.add(FlightScheduleRow(day=day, flights=stored, loaded_by=officer.audit_name, loaded_at=now))
        audit.record(
            session,
            actor=officer.audit_name,
            action="schedule.load",
            record_type="schedule",
            record_id=day.isoformat(),
            details={"flights": len(flights)},
            at=now,
        )
    return flights


def schedule_for(session: Session, day: date) -> tuple[list[Flight], datetime | None]:
    """The newest schedule loaded for `day` and when it was loaded (none: empty, None)."""
    row = session.execute(
        select(FlightScheduleRow)
        .where(FlightScheduleRow.day == day)
        .order_by(FlightScheduleRow.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if row is None:
        return [], None
    return [_flight_from(item) for item in row.flights["flights"]], row.loaded_at


def latest_counts(session: Session) -> dict[str, tuple[int, datetime]]:
    """Each queue's newest head count."""
    found: dict[str, tuple[int, datetime]] = {}
    rows = session.execute(
        select(QueueCountRow).order_by(QueueCountRow.counted_at.desc()).limit(200)
    ).scalars()
    for row in rows:
        found.setdefault(row.queue, (row.people, row.counted_at))
    return found


def last_lane_change(session: Session) -> datetime | None:
    return session.execute(
        select(LaneStateRow.changed_at).order_by(LaneStateRow.changed_at.desc()).limit(1)
    ).scalar()


def _flight_json(flight: Flight) -> dict[str, object]:
    return {
        "flight": flight.flight,
        "scheduled_on_block": flight.scheduled_on_block.isoformat(),
        "actual_on_block": flight.actual_on_block.isoformat() if flight.actual_on_block else None,
        "passengers": flight.passengers,
        "citizen_share": flight.citizen_share,
        "crew": flight.crew,
        "priority_share": flight.priority_share,
    }


def _flight_from(item: dict[str, object]) -> Flight:
    actual = item.get("actual_on_block")
    return Flight(
        flight=str(item["flight"]),
        scheduled_on_block=datetime.fromisoformat(str(item["scheduled_on_block"])),
        actual_on_block=datetime.fromisoformat(str(actual)) if actual else None,
        passengers=int(str(item["passengers"])),
        citizen_share=float(str(item["citizen_share"])),
        crew=int(str(item.get("crew") or 0)),
        priority_share=float(str(item.get("priority_share") or 0)),
    )
