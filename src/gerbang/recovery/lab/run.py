"""Start and stop the whole two-site lab; the drills and the failover benchmark drive it through `Lab`."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from gerbang.apps import launcher, provision
from gerbang.apps.provision import NodeRecord, write_toml
from gerbang.kernel.errors import Unavailable
from gerbang.recovery.cluster import supervise
from gerbang.recovery.cluster.run import ClusterRunner, with_passwords
from gerbang.recovery.cluster.topology import Topology, plan, write_topology
from gerbang.recovery.lab.nodes import LabNode, read_nodes, write_nodes

CENTER_B = "central-b"
# Which lab site each center runs in; edges and the status node keep their own site codes.
CENTER_SITES = {"central": "A", CENTER_B: "B"}


class Lab:
    """The lab under `root`: the cluster, then the nodes `gerbang up` would start, plus site B's center."""

    def __init__(
        self,
        root: Path,
        *,
        base_port: int = 8100,
        host: str = "127.0.0.1",
        watchlist_size: int = 1000,
        env: dict[str, str] | None = None,
    ) -> None:
        self.root = root.resolve()
        self.base_port = base_port
        self.host = host
        self.watchlist_size = watchlist_size
        self.env = env or {}
        self.topology: Topology = with_passwords(plan(base_port, host=host))
        self.cluster = ClusterRunner(self.topology, self.root)
        self.records: dict[str, NodeRecord] = {}
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    @property
    def database_url(self) -> str:
        return self.topology.database_url(password=self.topology.passwords["postgres"])

    def up(
        self,
        say: Callable[[str], None] = lambda _line: None,
        *,
        prepare: Callable[[], None] | None = None,
    ) -> list[LabNode]:
        """Start everything, in dependency order, and write nodes.json; the caller stops it with down().

        `prepare` runs once every node is provisioned and before any starts (a drill's own accounts).
        """
        if (self.root / "cluster.json").exists():
            raise Unavailable("lab.already_here", root=self.root)
        self.root.mkdir(parents=True, exist_ok=True)
        if supervise.running_as_root():
            supervise.check_reachable(self.root)
        write_topology(self.root, self.topology)
        say(
            "etcd (site A ×3, site B ×1) and PostgreSQL under Patroni (A: primary + sync replica, B: standby)"
        )
        self.cluster.start()
        self.write()
        say("accounts, keys and demo data")
        for record in provision.provision(
            self.root,
            host=self.host,
            base_port=self.base_port,
            synthetic_entries=self.watchlist_size,
            central_database_url=self.database_url,
        ):
            self.records[record.name] = record
        self._watch_database_members()
        if prepare is not None:
            prepare()
        say("the site-A center")
        self.start_node("central")
        # Site B's center signs with the same keys: copied now, after the first start made them all.
        self.records[CENTER_B] = self._center_b()
        # Edges and the status node know both centers and move to the one that can write.
        both = ",".join(self.records[name].url for name in CENTER_SITES)
        for name in ("cgk", "jks", "status"):
            self._set_center_url(name, both)
        say("the site-B center, the CGK checkpoint, the JKS office and the status node")
        # Started together and then awaited: each spends most of its start importing, not waiting.
        self.start_nodes([CENTER_B, "cgk", "jks", "status"])
        return self.write()

    def _watch_database_members(self) -> None:
        """Tell the status node where Patroni answers, so it shows the center degraded on one copy."""
        status_file = self.root / "status" / "status.toml"
        members = json.dumps([m.rest_url for m in self.topology.members])
        # A top-level key must come before the [[checkpoints]] tables.
        status_file.write_text(f"database_members = {members}\n" + status_file.read_text())

    def _center_b(self) -> NodeRecord:
        a = self.records["central"]
        directory = self.root / CENTER_B
        directory.mkdir(exist_ok=True)
        shutil.copytree(Path(a.data_dir) / "keys", directory / "keys", dirs_exist_ok=True)
        port = self.base_port + 4
        config = directory / provision.SETTINGS_FILE
        write_toml(
            config,
            {
                "data_dir": str(directory),
                "role": "central",
                "node_name": CENTER_B,
                "host": self.host,
                "port": port,
                "database_url": self.database_url,
            },
        )
        url = f"http://{self.host}:{port}"
        return NodeRecord(CENTER_B, "central", None, url, port, str(directory), str(config), a.token)

    def start_node(self, name: str) -> None:
        self.start_nodes([name])

    def start_nodes(self, names: list[str]) -> None:
        for name in names:
            self.processes[name] = launcher.start_node(self.records[name], self.root / "logs", env=self.env)
        self.write()
        for name in names:
            if not launcher.wait_ready(self.records[name], self.processes[name], timeout=180):
                raise Unavailable("lab.not_ready", name=name, log=self.root / "logs" / name)

    def node(self, name: str) -> LabNode:
        return next(n for n in self.listing() if n.name == name)

    def listing(self) -> list[LabNode]:
        nodes = [
            LabNode(
                r.name,
                r.role,
                CENTER_SITES.get(r.name, r.site),
                r.url,
                r.pid,
                None,
                r.data_dir,
                r.config,
                r.token,
                r.command,
            )
            for r in self.records.values()
        ]
        for entry in self.cluster.running.values():
            nodes.append(
                LabNode(
                    entry.name,
                    entry.role,
                    entry.site,
                    entry.url,
                    entry.process.pid,
                    entry.patroni_url,
                    str(entry.data_dir) if entry.data_dir else None,
                )
            )
        return nodes

    def write(self) -> list[LabNode]:
        nodes = self.listing()
        write_nodes(self.root, nodes)
        return nodes

    # -- faults the drills need ----------------------------------------------------------------

    def kill(self, name: str) -> None:
        """SIGKILL one process (a PostgreSQL member with its server and backends)."""
        if name in self.cluster.running:
            entry = self.cluster.running[name]
            if entry.role == "postgres":
                self.cluster.kill_member(name)
            else:
                supervise.kill_group(entry.process.pid)
                entry.process.wait(timeout=10)
            return
        process = self.processes[name]
        process.kill()
        process.wait(timeout=10)

    def kill_site(self, site: str) -> None:
        """Every process of lab site `site` killed at once: its center, its PostgreSQL and its etcd."""
        for name, where in CENTER_SITES.items():
            if where == site and name in self.processes:
                self.kill(name)
        self.cluster.kill_site(site)

    def _set_center_url(self, name: str, center_url: str) -> None:
        config = Path(self.records[name].config)
        lines = [
            f"center_url = {json.dumps(center_url)}" if line.startswith("center_url") else line
            for line in config.read_text().splitlines()
        ]
        config.write_text("\n".join(lines) + "\n")

    def down(self) -> None:
        """Stop the nodes (SIGTERM, then SIGKILL), then PostgreSQL, then etcd."""
        launcher.stop_all(self.processes)
        self.cluster.stop()


def down_from_file(root: Path) -> int:
    """Stop a lab that another process started, from its nodes.json; the number of processes signalled."""
    nodes = read_nodes(root)
    signalled = 0
    for role in ("status", "checkpoint", "office", "central", "postgres", "etcd"):
        for node in nodes:
            if node.role != role or not node.pid or not supervise.alive(node.pid):
                continue
            supervise.stop(node.pid, grace=20)
            signalled += 1
            if role == "postgres" and node.data_dir:
                server = supervise.postmaster_pid(Path(node.data_dir))
                if server is not None:
                    supervise.stop(server, grace=10)
    return signalled
