"""HTTP probes of every node, all at once with timeouts, plus a control probe of the monitor's own reach."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx

from gerbang.status.domain import Probe
from gerbang.status.settings import Target


@dataclass(frozen=True)
class Targets:
    """Where the monitor looks: the center (with this node's key), checkpoints, offices and a control URL."""

    center_url: str | None
    node_key: str | None
    canary_path: str
    control_url: str
    checkpoints: list[Target] = field(default_factory=list)
    offices: list[Target] = field(default_factory=list)
    # Patroni REST URLs of the center's database members, read for whether a synchronous replica runs.
    database_members: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Observations:
    """What one round saw, keyed by what was probed."""

    control: Probe
    center_ready: Probe
    center_canary: Probe
    checkpoints: dict[str, Probe]
    offices: dict[str, Probe]
    database: Probe | None = None

    def targets(self) -> list[Probe]:
        """Every probe of a node (not the control), for telling blindness from an outage."""
        return [self.center_ready, self.center_canary, *self.checkpoints.values(), *self.offices.values()]


class Prober:
    """Runs a round of probes in parallel, so that one silent node cannot delay the others."""

    def __init__(self, targets: Targets, *, timeout: float) -> None:
        self.targets = targets
        # No kept-alive connections: each probe must show whether a new connection can be made now.
        self._http = httpx.Client(timeout=timeout, limits=httpx.Limits(max_keepalive_connections=0))
        workers = 4 + len(targets.checkpoints) + len(targets.offices)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="probe")

    def probe(self, url: str, *, token: str | None = None, want_body: bool = False) -> Probe:
        """GET `url`; ok only for a 2xx within the timeout (and, when wanted, a JSON object body)."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        started = time.monotonic()
        try:
            response = self._http.get(url, headers=headers)
        except httpx.TimeoutException:
            return Probe(ok=False, timed_out=True, seconds=time.monotonic() - started)
        except httpx.HTTPError:
            return Probe(ok=False, seconds=time.monotonic() - started)
        seconds = time.monotonic() - started
        body = None
        if want_body:
            try:
                parsed = response.json()
            except (json.JSONDecodeError, UnicodeDecodeError):
                parsed = None
            body = parsed if isinstance(parsed, dict) else None
        ok = response.is_success and (body is not None or not want_body)
        return Probe(ok=ok, status=response.status_code, seconds=seconds, body=body)

    def round(self) -> Observations:
        """Probe everything once, in parallel."""
        t = self.targets
        control = self._pool.submit(self.probe, t.control_url)
        if t.center_url:
            ready = self._pool.submit(self.center, "/readyz", want_body=True)
            canary = self._pool.submit(self.center, t.canary_path, token=t.node_key)
        checkpoints = {
            c.name: self._pool.submit(
                self.probe, f"{c.url.rstrip('/')}/api/v1/health", token=c.token, want_body=True
            )
            for c in t.checkpoints
        }
        offices = {o.name: self._pool.submit(self.probe, f"{o.url.rstrip('/')}/readyz") for o in t.offices}
        database = self._pool.submit(self.cluster) if t.database_members else None
        missing = Probe(ok=False)
        return Observations(
            control=control.result(),
            center_ready=ready.result() if t.center_url else missing,
            center_canary=canary.result() if t.center_url else missing,
            checkpoints={name: future.result() for name, future in checkpoints.items()},
            offices={name: future.result() for name, future in offices.items()},
            database=database.result() if database else None,
        )

    def center(self, path: str, *, token: str | None = None, want_body: bool = False) -> Probe:
        """`path` at the first of the center's URLs (center_url may list several) that serves and can write.

        The center is up while any of its processes answers; edges switch to that one too.
        """
        seen = Probe(ok=False)
        for url in (self.targets.center_url or "").split(","):
            if not url.strip():
                continue
            seen = self.probe(f"{url.strip().rstrip('/')}{path}", token=token, want_body=want_body)
            if seen.ok and (seen.body is None or seen.body.get("writable", True) is True):
                return seen
        return seen

    def cluster(self) -> Probe:
        """Patroni's /cluster from the first database member that answers (any member tells the whole)."""
        seen = Probe(ok=False)
        for url in self.targets.database_members:
            seen = self.probe(f"{url.rstrip('/')}/cluster", want_body=True)
            if seen.ok:
                return seen
        return seen

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._http.close()
