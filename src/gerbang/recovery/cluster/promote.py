"""Fenced promotion of a standby site: refuse while the other site still leads, then detach and wait.

Two sites alone cannot tell "site A is gone" from "the link to site A is gone": both look like
silence. Patroni does not promote a standby cluster by itself for exactly that reason, and neither
does this: an operator runs `gerbang site promote B` after deciding site A is lost, and the command
still refuses while it can see site A leading (its etcd holds a leader key, its Patroni or its
PostgreSQL answers as primary). `--force` skips those checks for when site A is known lost but
parts of it still answer (for example a machine that must not be trusted any more); the operator
must then make sure site A's members cannot take writes again (power them off) before using it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
import psycopg

from gerbang.kernel.errors import Conflict, InvalidInput, Unavailable
from gerbang.recovery.cluster import health
from gerbang.recovery.cluster.topology import PostgresMember, Site, Topology


@dataclass
class Fence:
    """Why the other site may still be leading; promotion is safe only when `reasons` is empty."""

    reasons: list[str] = field(default_factory=list)


def takes_writes(member: PostgresMember, password: str | None, *, timeout: int = 2) -> bool:
    """True when the member's PostgreSQL itself accepts a read-write session (even if Patroni is gone)."""
    try:
        with psycopg.connect(
            host=member.host,
            port=member.pg_port,
            user="postgres",
            password=password or None,
            dbname="postgres",
            connect_timeout=timeout,
            target_session_attrs="read-write",
        ):
            return True
    except psycopg.Error:
        return False


def fence_of(other: Site, topology: Topology) -> Fence:
    """Look at `other` site through every channel it has: its etcd, its Patroni APIs, its PostgreSQL."""
    fence = Fence()
    key = health.leader_key(other)
    if key.reachable and key.holder:
        fence.reasons.append(f"site {other.name}'s etcd still holds the leader key for {key.holder}")
    for member in other.postgres:
        if health.answers(member, "primary"):
            fence.reasons.append(f"{member.name} (site {other.name}) answers as primary through Patroni")
        elif takes_writes(member, topology.passwords.get("postgres")):
            fence.reasons.append(f"{member.name} (site {other.name}) accepts writes on port {member.pg_port}")
    return fence


def promote_site(
    topology: Topology, name: str, *, force: bool = False, timeout: float = 60.0
) -> PostgresMember:
    """Detach site `name` from its upstream (drop standby_cluster) and wait until it has a primary."""
    try:
        site = topology.site(name)
    except KeyError:
        known = ", ".join(s.name for s in topology.sites)
        raise InvalidInput("promote.no_site", field="site", name=name, known=known) from None
    if site.standby_of is None and health.primary_of(site):
        raise Conflict("promote.has_primary", name=site.name)
    if site.standby_of is not None and not force:
        fence = fence_of(topology.site(site.standby_of), topology)
        if fence.reasons:
            raise Conflict(
                "promote.fence_first",
                name=site.name,
                standby_of=site.standby_of,
                reasons="; ".join(fence.reasons),
            )
    leader = next((m for m in site.postgres if health.answers(m, "leader")), None)
    if leader is None:
        raise Unavailable("promote.no_standby_leader", name=site.name)
    # Patroni's dynamic configuration lives in the site's own etcd; PATCH merges, null deletes the key.
    response = httpx.patch(f"{leader.rest_url}/config", json={"standby_cluster": None}, timeout=10)
    if response.status_code != 200:
        raise Unavailable(
            "promote.patroni_refused", name=leader.name, status_code=response.status_code, text=response.text
        )
    primary: PostgresMember = health.wait_for(
        lambda: health.primary_of(site), timeout=timeout, what=f"a primary in site {site.name}"
    )
    return primary
