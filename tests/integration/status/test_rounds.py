"""Probe rounds against a real store: incidents open, speak on schedule, resolve, and queue outages."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from gerbang.status import repository, subscribers
from gerbang.status.domain import State
from gerbang.status.orm import StatusDeliveryRow, StatusSubscriberRow
from gerbang.status.rounds import apply_round
from gerbang.sync.orm import OutboxRow

if TYPE_CHECKING:
    # The fixture's type only: at run time the fixture comes from this folder's conftest.
    from conftest import StatusNode

INTERVAL = timedelta(seconds=10)
CENTER = ("passports", "portal", "visas", "evoa")


def states(center: State, checkpoint: State = State.OPERATIONAL) -> dict[str, State]:
    return {**dict.fromkeys(CENTER, center), "checkpoint-cgk": checkpoint}


def round_(node: StatusNode, seen: dict[str, State], *, blind: bool = False) -> None:
    node.clock.advance(INTERVAL)
    with node.database.transaction() as session:
        apply_round(session, ctx=node.ctx, states=seen, blind=blind, at=node.clock.now())


def summary(node: StatusNode) -> dict[str, object]:
    response = node.client.get("/api/v1/status", params={"lang": "en"})
    assert response.status_code == 200
    result: dict[str, object] = response.json()
    return result


def test_center_outage_opens_one_incident_on_the_third_round_and_says_what_still_works(
    node: StatusNode,
) -> None:
    round_(node, states(State.OPERATIONAL))
    round_(node, states(State.MAJOR_OUTAGE))
    round_(node, states(State.MAJOR_OUTAGE))
    assert summary(node)["incidents"] == []
    round_(node, states(State.MAJOR_OUTAGE))
    incidents = summary(node)["incidents"]
    assert isinstance(incidents, list)
    assert len(incidents) == 1
    incident = incidents[0]
    assert incident["state"] == "open"
    assert incident["components"] == sorted(CENTER)
    assert incident["started_at"] == (node.clock.now() - 2 * INTERVAL).isoformat()
    assert "checkpoints CGK are clearing travellers in offline mode" in incident["updates"][0]["text_en"]
    with node.database.transaction() as session:
        queued = session.execute(select(OutboxRow.record_type, OutboxRow.payload)).all()
    assert [r for r, _ in queued] == ["outage.declare"]
    assert queued[0][1]["ends_at"] is None


def test_open_incident_speaks_every_interval_and_resolves_after_m_good_rounds(node: StatusNode) -> None:
    with node.database.transaction() as session:
        # A public address, from a resolver of the test's own: no test looks a real name up.
        subscribers.subscribe(
            session,
            kind="webhook",
            address="https://hooks.example.id/x",
            key=b"k" * 32,
            at=node.clock.now(),
            resolver=lambda _h, _p: ["93.184.216.34"],
        )
        for row in session.execute(select(StatusSubscriberRow)).scalars().all():
            row.confirmed_at = node.clock.now()
    for _ in range(3):
        round_(node, states(State.MAJOR_OUTAGE))
    node.clock.advance(timedelta(minutes=30))
    round_(node, states(State.MAJOR_OUTAGE))
    incident = summary(node)["incidents"][0]  # type: ignore[index]
    assert len(incident["updates"]) == 2
    assert "still going on" in incident["updates"][0]["text_en"]
    for _ in range(2):
        round_(node, states(State.OPERATIONAL))
    assert summary(node)["incidents"][0]["state"] == "open"  # type: ignore[index]
    round_(node, states(State.OPERATIONAL))
    incident = summary(node)["incidents"][0]  # type: ignore[index]
    assert incident["state"] == "resolved"
    assert "back to normal" in incident["updates"][0]["text_en"]
    with node.database.transaction() as session:
        kinds = session.execute(select(OutboxRow.record_type).order_by(OutboxRow.seq)).scalars().all()
        events = session.execute(
            select(StatusDeliveryRow.event).order_by(StatusDeliveryRow.created_at)
        ).scalars()
        assert list(kinds) == ["outage.declare", "outage.end"]
        assert list(events) == ["incident.opened", "incident.updated", "incident.resolved"]


def test_blind_rounds_show_unknown_and_neither_open_nor_resolve(node: StatusNode) -> None:
    round_(node, states(State.OPERATIONAL))
    for _ in range(5):
        round_(node, states(State.MAJOR_OUTAGE), blind=True)
    status = summary(node)
    assert status["overall"] == "unknown"
    assert {c["state"] for c in status["components"]} == {"unknown"}  # type: ignore[union-attr]
    assert status["incidents"] == []
    with node.database.transaction() as session:
        days = {
            row.component: row.counts for row in repository.days_since(session, first=node.clock.now().date())
        }
    assert days["passports"] == {"operational": 1, "unknown": 5}


def test_board_goes_unknown_when_rounds_stop(node: StatusNode) -> None:
    round_(node, states(State.OPERATIONAL))
    assert summary(node)["overall"] == "operational"
    node.clock.advance(timedelta(minutes=5))
    assert summary(node)["overall"] == "unknown"


def test_a_failing_checkpoint_has_its_own_incident_beside_the_centers(node: StatusNode) -> None:
    for _ in range(3):
        round_(node, states(State.MAJOR_OUTAGE, State.MAJOR_OUTAGE))
    incidents = summary(node)["incidents"]
    assert sorted(tuple(i["components"]) for i in incidents) == [("checkpoint-cgk",), tuple(sorted(CENTER))]  # type: ignore[union-attr]
    with node.database.transaction() as session:
        assert len(session.execute(select(OutboxRow)).all()) == 1  # only the center's outage is declared


def test_maintenance_window_keeps_the_monitor_from_opening_an_incident(node: StatusNode) -> None:
    start = node.clock.now()
    body = {
        "title_id": "Pemeliharaan visa",
        "title_en": "Visa maintenance",
        "components": ["visas"],
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat(),
        "text_id": "Layanan visa dipelihara.",
        "text_en": "Visa service maintenance.",
    }
    assert node.client.post("/api/v1/status/maintenance", json=body, headers=node.operator).status_code == 201
    seen = {**states(State.OPERATIONAL), "visas": State.MAJOR_OUTAGE}
    for _ in range(4):
        round_(node, seen)
    status = summary(node)
    assert status["incidents"] == []
    assert status["maintenance"][0]["state"] == "in_progress"  # type: ignore[index]
