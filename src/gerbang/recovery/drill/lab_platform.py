"""The two-site lab as the drill's platform: started by the lab's own code, with the drill's accounts."""

from __future__ import annotations

from dataclasses import dataclass, field

from gerbang.apps import launcher
from gerbang.infra.database import Database
from gerbang.kernel.errors import Unavailable
from gerbang.recovery.cluster import supervise
from gerbang.recovery.drill.platform import Platform, node_env
from gerbang.recovery.lab.run import CENTER_B, CENTER_SITES, Lab

# The lab takes base .. base+42: nodes from the base, etcd, PostgreSQL and Patroni from +10 to +42.
LAB_PORTS = 43


def require_lab() -> None:
    """Refuse at once, naming what is missing, when this machine cannot run the two-site lab."""
    try:
        supervise.require_binaries()
    except Unavailable as exc:
        raise Unavailable("drill.lab_missing", missing=exc.params.get("missing", "")) from None


@dataclass
class LabPlatform(Platform):
    """Site A (center, PostgreSQL primary and sync replica, etcd), site B (standby), CGK, JKS, status."""

    lab: Lab | None = None
    # Which center the drill reads and the edges write to: site A's until site B is promoted.
    serving: str = "central"
    killed: list[str] = field(default_factory=list)

    def provision(self, *, watchlist_size: int) -> None:
        """The lab provisions as it starts (keys exist only once the first center has run): both at once."""
        require_lab()
        env = node_env(self.speed, status=True, fault=self.drop_every)
        self.lab = Lab(
            self.root,
            base_port=launcher.free_port_block(LAB_PORTS),
            watchlist_size=watchlist_size,
            env=env,
        )
        self.lab.up(prepare=self._accounts)
        self.nodes = self.lab.records
        self.processes = self.lab.processes
        self.metrics_tokens |= {name: self.token(name) for name in ("central", "status")}

    def _accounts(self) -> None:
        """The drill's people on the edges, made after provisioning and before the edges start."""
        assert self.lab is not None
        self.nodes = self.lab.records
        self.edge_accounts()

    def start_all(self) -> None:
        """Already running: the lab started every node as it provisioned them."""

    def database(self) -> Database:
        """The center's PostgreSQL through every member's address: libpq picks the one that writes."""
        assert self.lab is not None
        keys = self.data_dir("central")
        return Database(self.lab.database_url, key_dir=keys, audit_key_file=keys / "keys" / "audit.key")

    def url(self, name: str) -> str:
        return self.nodes[self.serving if name == "central" else name].url

    def kill_site(self, site: str) -> list[str]:
        """Every process of lab site `site` killed at once, as the lab's own site-loss drill does."""
        assert self.lab is not None
        names = [n for n, where in CENTER_SITES.items() if where == site]
        names += [e.name for e in self.lab.cluster.running.values() if e.site == site]
        self.lab.kill_site(site)
        self.killed += names
        return names

    def serve_from_site_b(self) -> None:
        self.serving = CENTER_B

    def stop(self) -> None:
        if self.lab is not None:
            self.lab.down()
