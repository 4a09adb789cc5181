"""The single-machine platform the drill plays against: provisioned and started as `gerbang up` does."""

from __future__ import annotations

import json
import math
import os
import secrets
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from gerbang.apps import launcher, provision
from gerbang.infra import accounts
from gerbang.infra.clock import SystemClock
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.kernel.errors import Unavailable
from gerbang.recovery.drill.driver.operator import center_database
from gerbang.sync.center.ingest import BROKEN_INGEST_ENV

DRILL = "shell:gerbang-drill"


def status_env(speed: float) -> dict[str, str]:
    """The status node's schedule in compressed time: rounds and automatic updates scaled by `speed`.

    Its promise is an incident within 60 s of wall time (probe_interval * fail_after + timeout), and an
    update at least every 30 scenario minutes: automatic updates come every 15 scenario minutes.
    Rounds this short make three timed-out probes only a few seconds of a busy machine (traffic
    starting, the center starting again): silence alone must last 20 wall seconds, as three of a
    real node's 10 s rounds do, before it is an outage; a refused connection still counts at once.
    """
    every = 1800.0 / speed
    interval = min(2.0, every / 4)
    return {
        "GERBANG_STATUS_PROBE_INTERVAL_S": f"{interval:.3f}",
        # A backlog that has not fallen is judged over 20 wall seconds too, not over five short rounds
        # in which traffic starting on a crowded machine fills the outbox faster than one upload.
        "GERBANG_STATUS_DRAINING_WINDOW": str(max(5, math.ceil(20 / interval))),
        "GERBANG_STATUS_PROBE_TIMEOUT_S": "1.5",
        "GERBANG_STATUS_FAIL_AFTER": "3",
        "GERBANG_STATUS_SILENCE_FOR_S": "20",
        "GERBANG_STATUS_RECOVER_AFTER": "2",
        "GERBANG_STATUS_UPDATE_INTERVAL_S": f"{every / 2:.3f}",
        "GERBANG_STATUS_DELIVER_INTERVAL_S": "0.5",
    }


def node_env(speed: float, *, status: bool, fault: int = 0) -> dict[str, str]:
    """What the drill sets for a node: short polls, the status node's schedule, the center's fault."""
    # An edge's retry cap is 30 real seconds; at `speed` that would be hours of scenario time.
    env = {
        "GERBANG_REFERENCE_POLL_S": "1",
        "GERBANG_UPLOAD_BATCH_SIZE": "200",
        "GERBANG_UPLOAD_RETRY_CAP_S": f"{max(0.5, 30.0 / speed):.3f}",
    }
    if status:
        env |= status_env(speed)
    if fault:
        env[BROKEN_INGEST_ENV] = str(fault)
    return env


def edge_account(data_dir: Path, username: str, role: Role) -> str:
    """An account holding `role` in the edge store under `data_dir`, before its process starts; its token."""
    database = Database(f"sqlite:///{(data_dir / 'gerbang.db').as_posix()}")
    at = SystemClock().now()
    try:
        with database.transaction() as session:
            account = accounts.create_account(
                session,
                username=username,
                password=secrets.token_urlsafe(16),
                roles=frozenset({role}),
                display_name=None,
                actor=DRILL,
                at=at,
            )
            return accounts.create_token(session, account=account, name=username, actor=DRILL, at=at)
    finally:
        database.dispose()


@dataclass
class Platform:
    """A center, a checkpoint (CGK unless told), the JKS office and the status node, each its own process."""

    root: Path
    speed: float
    drop_every: int = 0
    # The checkpoint's site, the scenario's; its node is named after it in lower case (cgk).
    site: str = "CGK"
    nodes: dict[str, provision.NodeRecord] = field(default_factory=dict)
    metrics_tokens: dict[str, str] = field(default_factory=dict)
    # The supervisor on the checkpoint floor who counts the queues (an API token on cgk).
    supervisor_token: str = ""
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def provision(self, *, watchlist_size: int) -> None:
        records = provision.provision(
            self.root,
            host="127.0.0.1",
            base_port=launcher.free_port_block(4),
            synthetic_entries=watchlist_size,
            checkpoint_site=self.site,
        )
        self.nodes = {n.name: n for n in records}
        # The center's and the status node's own tokens read their /metrics; each edge gets an operator
        # who may read its figures and nothing else, before its process starts.
        self.metrics_tokens = {name: self.token(name) for name in ("central", "status")}
        self.edge_accounts()

    def edge_accounts(self) -> None:
        """The drill's people on the edges: a metrics reader on each, the checkpoint floor's supervisor."""
        for name in (self.checkpoint, "jks"):
            self.metrics_tokens[name] = self.metrics_reader(name)
        self.supervisor_token = self.edge_account(self.checkpoint, "drill-supervisor", Role.SUPERVISOR)

    @property
    def checkpoint(self) -> str:
        """The checkpoint's node name: its site in lower case."""
        return self.site.lower()

    def metrics_reader(self, name: str) -> str:
        """An operator account on edge `name` for the drill's end-of-day scrape; its API token."""
        return self.edge_account(name, "drill-metrics", Role.OPERATOR)

    def edge_account(self, name: str, username: str, role: Role) -> str:
        """An account holding `role` on edge `name`, made before its process starts; its API token."""
        return edge_account(self.data_dir(name), username, role)

    def env(self, name: str) -> dict[str, str]:
        """Each node's environment: short polls for a compressed day; the fault only ever at the center."""
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("GERBANG_STATUS_", BROKEN_INGEST_ENV))
        }
        role = self.nodes[name].role
        return env | node_env(
            self.speed, status=role == "status", fault=self.drop_every if role == "central" else 0
        )

    def database(self) -> Database:
        """The center's store, as its process opens it."""
        return center_database(self.data_dir("central"))

    def start(self, name: str) -> None:
        node = self.nodes[name]
        log_dir = self.root / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        node.command = launcher.node_command(node)
        with (log_dir / f"{name}.log").open("ab") as log:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and a settings file we wrote
                node.command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self.env(name),
            )
        node.pid = process.pid
        self.processes[name] = process
        provision.write_nodes(self.root, list(self.nodes.values()))

    def start_all(self) -> None:
        # The status node last: it would report a node not yet started as an outage.
        for name in ("central", self.checkpoint, "jks", "status"):
            self.start(name)
            self.wait_ready(name)

    def wait_ready(self, name: str, timeout: float = 90.0) -> None:
        if not launcher.wait_ready(self.nodes[name], self.processes[name], timeout=timeout):
            raise Unavailable("drill.node_not_ready", node=name, log=self.root / "logs" / f"{name}.log")

    def kill(self, name: str) -> None:
        """The attack's first move: the process dies at once, as on a host that is encrypted."""
        process = self.processes[name]
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def stop(self) -> None:
        launcher.stop_all(self.processes)

    def url(self, name: str) -> str:
        return self.nodes[name].url

    def token(self, name: str) -> str:
        return self.nodes[name].token

    def data_dir(self, name: str) -> Path:
        return Path(self.nodes[name].data_dir)

    def login(self, node: str, username: str) -> str:
        """An API token for a provisioned person (the password is in the platform's logins file)."""
        for item in provision.read_logins(self.root):
            if item.node == node and item.username == username:
                answer = httpx.post(
                    f"{self.url(node)}/api/v1/auth/token",
                    json={"username": username, "password": item.password},
                    timeout=10,
                )
                answer.raise_for_status()
                token: str = answer.json()["token"]
                return token
        raise Unavailable("drill.no_login", node=node, username=username)

    def demo(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.root / provision.DEMO_FILE).read_text())
        return data
