"""A center that goes down and comes back opens no incident for a checkpoint that kept working."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from gerbang.status import repository
from gerbang.status.domain import Probe
from gerbang.status.monitor import Monitor
from gerbang.status.probes import Observations, Prober, Targets
from gerbang.status.rounds import apply_round

if TYPE_CHECKING:
    # The fixture's type only: at run time the fixture comes from this folder's conftest.
    from conftest import StatusNode

INTERVAL = timedelta(seconds=10)
UP = Probe(ok=True, status=200, seconds=0.05, body={"writable": True})
DOWN = Probe(ok=False)
SILENT = Probe(ok=False, timed_out=True, seconds=3.0)


def checkpoint(*, reachable: bool, backlog: int) -> Probe:
    body: dict[str, object] = {
        "center_reachable": reachable,
        "outbox_backlog": backlog,
        "reference_version": 7,
        "reference_stale": False,
    }
    return Probe(ok=True, status=200, seconds=0.02, body=body)


def monitor(node: StatusNode) -> Monitor:
    targets = Targets(center_url=None, node_key=None, canary_path="/x", control_url="http://127.0.0.1:9")
    prober = Prober(targets, timeout=0.1)
    prober.close()  # the rounds below bring their own observations
    return Monitor(
        node.database, node.clock, node.ctx, prober, interval=10, slow_after_s=2.0, draining_window=3
    )


def round_(node: StatusNode, watcher: Monitor, *, center: Probe, cgk: Probe) -> None:
    node.clock.advance(INTERVAL)
    seen = Observations(
        control=UP, center_ready=center, center_canary=center, checkpoints={"cgk": cgk}, offices={}
    )
    with node.database.transaction() as session:
        apply_round(session, ctx=node.ctx, states=watcher.judge(seen), blind=False, at=node.clock.now())


def checkpoint_incidents(node: StatusNode) -> list[str]:
    with node.database.transaction() as session:
        rows = repository.recent_incidents(
            session, kind="incident", since=node.clock.now() - timedelta(days=1), limit=50
        )
        return [row.state for row in rows if "checkpoint-cgk" in row.components]


def test_center_restart_opens_no_checkpoint_incident_while_it_catches_up(node: StatusNode) -> None:
    watcher = monitor(node)
    for _ in range(3):
        round_(node, watcher, center=UP, cgk=checkpoint(reachable=True, backlog=0))
    # The center goes down: the checkpoint works offline, and one health read fails as it goes.
    round_(node, watcher, center=DOWN, cgk=SILENT)
    round_(node, watcher, center=DOWN, cgk=SILENT)
    for backlog in range(10, 70, 10):
        round_(node, watcher, center=DOWN, cgk=checkpoint(reachable=False, backlog=backlog))
    # Back: for a minute the checkpoint still waits out its backoff, out of touch, nothing drained.
    for _ in range(6):
        round_(node, watcher, center=UP, cgk=checkpoint(reachable=False, backlog=60))
    for backlog in (40, 20, 0, 0, 0, 0):
        round_(node, watcher, center=UP, cgk=checkpoint(reachable=True, backlog=backlog))
    assert checkpoint_incidents(node) == []
    assert node.ctx.board.states["checkpoint-cgk"] == "operational"


def test_checkpoint_out_of_touch_long_after_the_center_is_back_opens_an_incident(node: StatusNode) -> None:
    watcher = monitor(node)
    round_(node, watcher, center=DOWN, cgk=checkpoint(reachable=False, backlog=5))
    round_(node, watcher, center=UP, cgk=checkpoint(reachable=False, backlog=5))
    for _ in range(18):  # 180 s: every edge has retried by now
        round_(node, watcher, center=UP, cgk=checkpoint(reachable=False, backlog=5))
    assert checkpoint_incidents(node) == ["open"]


def test_checkpoint_silent_while_the_center_is_steadily_down_is_an_outage(node: StatusNode) -> None:
    watcher = monitor(node)
    for _ in range(4):
        round_(node, watcher, center=DOWN, cgk=checkpoint(reachable=False, backlog=5))
    for _ in range(4):
        round_(node, watcher, center=DOWN, cgk=SILENT)
    assert checkpoint_incidents(node) == ["open"]
