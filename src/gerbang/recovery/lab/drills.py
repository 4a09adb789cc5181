"""The failover drills on a running lab: primary loss, replica loss and site loss, each with its figures.

The e2e tests assert on these figures and bench/failover.py prints them; both run the same code.
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from contextlib import suppress
from dataclasses import dataclass

import httpx

from gerbang.recovery.cluster import health
from gerbang.recovery.cluster.topology import PostgresMember
from gerbang.recovery.lab.load import (
    Crossings,
    Tally,
    book_all,
    booked_ids,
    center_crossing_ids,
    seed_applicants,
)
from gerbang.recovery.lab.run import CENTER_B, Lab


@dataclass(frozen=True)
class PrimaryLoss:
    killed: str
    new_primary: str
    write_outage_s: float
    acknowledged: int
    acknowledged_lost: int
    applicants_without_booking: int
    retried_503: int
    server_errors: int
    unexpected: list[str]
    crossings: int
    crossings_lost: int
    crossing_errors: list[str]


@dataclass(frozen=True)
class ReplicaLoss:
    killed: str
    write_stall_s: float
    writes_after: int
    synchronous_replica_left: bool
    center_states: list[str]


@dataclass(frozen=True)
class SiteLoss:
    refused_while_site_a_led: bool
    promotion_s: float
    promotion_to_first_write_s: float
    acknowledged_before_loss: int
    acknowledged_lost: int
    server_errors: int
    crossings: int
    crossings_lost: int
    crossing_errors: list[str]


def _run_in_threads(targets: list[threading.Thread]) -> None:
    for thread in targets:
        thread.start()


def _wait(check: object, *, timeout: float, what: str) -> object:
    return health.wait_for(check, timeout=timeout, what=what)


def edge_drained(lab: Lab, name: str = "cgk") -> bool:
    node = lab.node(name)
    try:
        body = httpx.get(
            f"{node.url}/api/v1/health", headers={"Authorization": f"Bearer {node.token}"}, timeout=5
        ).json()
    except (httpx.HTTPError, ValueError):
        return False
    return bool(body.get("center_reachable")) and body.get("outbox_backlog") == 0


def _crossing_loop(lab: Lab, crossings: Crossings, stop: threading.Event) -> None:
    cgk = lab.node("cgk")
    while not stop.is_set():
        try:
            crossings.cross(cgk.url, str(cgk.token), 3)
        except (httpx.HTTPError, AssertionError) as exc:
            # The checkpoint itself never goes down in these drills: note it, the test fails on it.
            crossings.errors.append(f"{type(exc).__name__}: {exc}")
        stop.wait(0.3)


def primary_loss(lab: Lab, *, applicants: int = 100, clients: int = 4) -> PrimaryLoss:
    """SIGKILL site A's primary while bookings and crossings flow; everything acknowledged must survive."""
    site = lab.topology.site("A")
    primary = health.primary_of(site)
    assert primary is not None, "site A has no primary to kill"
    people = seed_applicants(lab.database_url, applicants, prefix=f"p{random.randrange(10**6)}-")
    tally, crossings = Tally(), Crossings(random.randrange(10**6) * 100)
    stop, stop_crossing = threading.Event(), threading.Event()
    center = lab.node("central").url
    bookers = [
        threading.Thread(
            target=book_all,
            args=(center, people[i::clients], tally),
            kwargs={"stop": stop, "pace_s": 0.15},
            daemon=True,
        )
        for i in range(clients)
    ]
    crosser = threading.Thread(target=_crossing_loop, args=(lab, crossings, stop_crossing), daemon=True)
    _run_in_threads([*bookers, crosser])
    _wait(lambda: len(tally.acknowledged) >= 20, timeout=60, what="the first bookings")
    killed_at = time.monotonic()
    lab.kill(primary.name)
    new_primary: PostgresMember = health.wait_for(
        lambda: next((m for m in site.postgres if m != primary and health.answers(m, "primary")), None),
        timeout=90,
        what="a new primary in site A",
    )
    for thread in bookers:
        thread.join(timeout=240)
    stop.set()
    stop_crossing.set()
    crosser.join(timeout=30)
    first = tally.first_ack_after(killed_at)
    _wait(lambda: edge_drained(lab), timeout=120, what="the checkpoint's outbox to drain")
    booked = booked_ids(lab.database_url)
    acknowledged = {application for _, application in tally.acknowledged}
    central = lab.node("central")
    held = set(center_crossing_ids(central.url, str(central.token)))
    return PrimaryLoss(
        killed=primary.name,
        new_primary=new_primary.name,
        write_outage_s=round(first - killed_at, 2) if first else float("inf"),
        acknowledged=len(acknowledged),
        acknowledged_lost=len(acknowledged - booked),
        applicants_without_booking=len({p.application_id for p in people} - booked),
        retried_503=tally.retried_503,
        server_errors=tally.server_errors,
        unexpected=tally.unexpected,
        crossings=len(crossings.acknowledged),
        crossings_lost=len(set(crossings.acknowledged) - held),
        crossing_errors=crossings.errors,
    )


def rejoin(lab: Lab, name: str) -> None:
    """Start a killed member again and wait until it is the synchronous replica once more."""
    lab.cluster.restart_member(name)
    lab.write()
    member = next(m for m in lab.topology.members if m.name == name)
    health.wait_for(
        lambda: health.answers(member, "sync"), timeout=120, what=f"{name} to rejoin as sync replica"
    )


def center_states(lab: Lab) -> list[str]:
    """The states the status node shows for the center's services."""
    summary = httpx.get(f"{lab.node('status').url}/api/v1/status", timeout=5).json()
    return sorted({c["state"] for c in summary["components"] if c["group"] == "center"})


def replica_loss(lab: Lab, *, writes_after: int = 5) -> ReplicaLoss:
    """SIGKILL site A's synchronous replica: the primary goes on alone and the status node says degraded."""
    site = lab.topology.site("A")
    replica = next((m for m in site.postgres if health.answers(m, "sync")), None)
    assert replica is not None, "site A has no synchronous replica to kill"
    people = seed_applicants(lab.database_url, writes_after + 1, prefix=f"r{random.randrange(10**6)}-")
    center = lab.node("central").url
    killed_at = time.monotonic()
    lab.kill(replica.name)
    # One write at once: it waits while the primary still names the dead replica as synchronous.
    tally = Tally()
    book_all(center, people[:1], tally, stop=threading.Event(), pace_s=0, timeout_s=60)
    first = tally.first_ack_after(killed_at)
    stall = (first - killed_at) if first else float("inf")
    book_all(center, people[1:], tally, stop=threading.Event(), pace_s=0)
    left = health.has_synchronous_replica(health.cluster_view(site))
    seen: list[list[str]] = []

    def degraded() -> bool:
        seen.append(center_states(lab))
        return seen[-1] == ["degraded"]

    # On a timeout the figures carry what it said instead, and the test reports it.
    with suppress(TimeoutError):
        health.wait_for(degraded, timeout=60, every=1.0, what="the status node to say degraded")
    return ReplicaLoss(
        killed=replica.name,
        write_stall_s=round(stall, 2),
        writes_after=len(tally.acknowledged) + len(tally.confirmed_by_retry),
        synchronous_replica_left=left,
        center_states=seen[-1] if seen else [],
    )


def site_loss(lab: Lab, *, applicants: int = 80, during_outage: int = 20) -> SiteLoss:
    """Kill every site-A process under load, promote site B, switch the checkpoint, count what survived."""
    attempt = promote_command(lab)
    refused = attempt.returncode != 0 and health.primary_of(lab.topology.site("B")) is None
    people = seed_applicants(lab.database_url, applicants, prefix=f"s{random.randrange(10**6)}-")
    tally, crossings = Tally(), Crossings(random.randrange(10**6) * 100)
    stop, stop_crossing = threading.Event(), threading.Event()
    half = applicants // 2
    booker = threading.Thread(
        target=book_all,
        args=(lab.node("central").url, people[:half], tally),
        kwargs={"stop": stop, "pace_s": 0.05, "give_up_s": 5},
        daemon=True,
    )
    crosser = threading.Thread(target=_crossing_loop, args=(lab, crossings, stop_crossing), daemon=True)
    _run_in_threads([booker, crosser])
    _wait(lambda: len(tally.acknowledged) >= 10, timeout=120, what="bookings before the loss")
    lab.kill_site("A")
    stop.set()
    stop_crossing.set()
    booker.join(timeout=30)
    crosser.join(timeout=30)
    before = {application for _, application in tally.acknowledged}
    cgk = lab.node("cgk")
    crossings.cross(cgk.url, str(cgk.token), during_outage)  # the checkpoint decides and keeps them
    started = time.monotonic()
    promoted_by = promote_command(lab)
    promoted = time.monotonic()
    if promoted_by.returncode != 0:
        raise AssertionError(f"gerbang site promote B failed: {promoted_by.stderr}")
    center_b = lab.node(CENTER_B)
    after = Tally()
    book_all(center_b.url, people[half:], after, stop=threading.Event(), pace_s=0)
    first = min((at for at, _ in after.acknowledged), default=None)
    # The checkpoint knows both centers: it moves to site B's once that one can write, and re-sends.
    crossings.cross(cgk.url, str(cgk.token), 5)
    _wait(
        lambda: edge_drained(lab) and _holds_all(center_b.url, str(center_b.token), crossings),
        timeout=120,
        what="site B to hold every crossing",
    )
    held = set(center_crossing_ids(center_b.url, str(center_b.token)))
    on_b = booked_ids(lab.database_url)
    return SiteLoss(
        refused_while_site_a_led=refused,
        promotion_s=round(promoted - started, 2),
        promotion_to_first_write_s=round(first - started, 2) if first else float("inf"),
        acknowledged_before_loss=len(before),
        acknowledged_lost=len(before - on_b),
        server_errors=tally.server_errors + after.server_errors,
        crossings=len(crossings.acknowledged),
        crossings_lost=len(set(crossings.acknowledged) - held),
        crossing_errors=crossings.errors,
    )


def promote_command(lab: Lab, *extra: str) -> subprocess.CompletedProcess[str]:
    """`gerbang site promote B --data ROOT`, as an operator types it."""
    command = [sys.executable, "-m", "gerbang.cli", "site", "promote", "B", "--data", str(lab.root), *extra]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603


def _holds_all(url: str, token: str, crossings: Crossings) -> bool:
    try:
        return set(crossings.acknowledged) <= set(center_crossing_ids(url, token))
    except (httpx.HTTPError, ValueError, KeyError):
        return False
