"""Read the cluster's state from what Patroni and etcd publish: REST endpoints and the leader key."""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass
from typing import Any

import httpx

from gerbang.recovery.cluster.topology import PostgresMember, Site

TIMEOUT_S = 2.0


@dataclass(frozen=True)
class MemberState:
    """One member as its Patroni REST API reports it (/patroni), or None fields when it does not answer."""

    name: str
    answered: bool
    role: str | None = None
    state: str | None = None
    timeline: int | None = None


def member_state(member: PostgresMember, *, timeout: float = TIMEOUT_S) -> MemberState:
    """GET /patroni on the member: its role (primary, replica, standby_leader) and its state."""
    try:
        body = httpx.get(f"{member.rest_url}/patroni", timeout=timeout).json()
    except (httpx.HTTPError, ValueError):
        return MemberState(member.name, answered=False)
    role = body.get("role")
    # Patroni before 3.0 says master; one name for it here.
    return MemberState(
        member.name,
        answered=True,
        role="primary" if role == "master" else role,
        state=body.get("state"),
        timeline=body.get("timeline"),
    )


def answers(member: PostgresMember, endpoint: str, *, timeout: float = TIMEOUT_S) -> bool:
    """True when Patroni's health endpoint (/primary, /replica, /sync, /standby-leader, /health) says 200."""
    try:
        return httpx.get(f"{member.rest_url}/{endpoint.lstrip('/')}", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def cluster_view(site: Site, *, timeout: float = TIMEOUT_S) -> dict[str, Any] | None:
    """Patroni's /cluster from the first member of `site` that answers: members, roles, lag."""
    for member in site.postgres:
        try:
            response = httpx.get(f"{member.rest_url}/cluster", timeout=timeout)
        except httpx.HTTPError:
            continue
        if response.status_code == 200:
            body = response.json()
            return body if isinstance(body, dict) else None
    return None


def has_synchronous_replica(view: dict[str, Any] | None) -> bool:
    """True when /cluster lists a running synchronous replica: acknowledged commits have two copies."""
    if not view:
        return False
    return any(
        m.get("role") == "sync_standby" and m.get("state") in ("running", "streaming")
        for m in view.get("members", [])
    )


def primary_of(site: Site, *, timeout: float = TIMEOUT_S) -> PostgresMember | None:
    """The member of `site` whose Patroni answers /primary with 200, if any."""
    for member in site.postgres:
        if answers(member, "primary", timeout=timeout):
            return member
    return None


def wait_for(check: Any, *, timeout: float, every: float = 0.5, what: str = "the cluster") -> Any:
    """Call `check()` until it returns something truthy; TimeoutError naming `what` if it never does."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} was not ready within {timeout:.0f} s")
        time.sleep(every)


@dataclass(frozen=True)
class LeaderKey:
    """What a site's etcd says about its Patroni leader lock."""

    reachable: bool
    holder: str | None = None


def leader_key(site: Site, *, timeout: float = TIMEOUT_S) -> LeaderKey:
    """Read the site's leader key from its etcd (v3 JSON gateway); unreachable if no member answers."""
    key = base64.b64encode(site.leader_key.encode()).decode()
    for member in site.etcd:
        try:
            response = httpx.post(f"{member.client_url}/v3/kv/range", json={"key": key}, timeout=timeout)
        except httpx.HTTPError:
            continue
        if response.status_code != 200:
            continue
        kvs = response.json().get("kvs") or []
        holder = base64.b64decode(kvs[0]["value"]).decode() if kvs else None
        return LeaderKey(reachable=True, holder=holder)
    return LeaderKey(reachable=False)


def etcd_healthy(site: Site, *, timeout: float = TIMEOUT_S) -> bool:
    """True when every etcd member of `site` answers /health with health true."""
    for member in site.etcd:
        try:
            body = httpx.get(f"{member.client_url}/health", timeout=timeout).json()
        except (httpx.HTTPError, ValueError):
            return False
        if str(body.get("health")).lower() != "true":
            return False
    return True
