"""The two-site plan: which etcd members and PostgreSQL members run where, on which ports.

Site A holds three etcd members and two PostgreSQL members (a primary and its synchronous replica);
site B holds one etcd member and one PostgreSQL member, a Patroni standby cluster replicating from
site A. Two PostgreSQL members in site A are enough: synchronous_mode keeps one replica that has
every acknowledged commit, and a third would only add another copy on the same site.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from gerbang.kernel.errors import InvalidInput, NotFound

CLUSTER_FILE = "cluster.json"
NAMESPACE = "/gerbang/"
DATABASE = "gerbang"
SLOT_FOR_SITE_B = "site_b"


@dataclass(frozen=True)
class EtcdMember:
    """One etcd member: its client port (for Patroni) and its peer port (for the other members)."""

    name: str
    site: str
    client_port: int
    peer_port: int
    host: str = "127.0.0.1"

    @property
    def client_url(self) -> str:
        return f"http://{self.host}:{self.client_port}"

    @property
    def peer_url(self) -> str:
        return f"http://{self.host}:{self.peer_port}"


@dataclass(frozen=True)
class PostgresMember:
    """One PostgreSQL server under Patroni: its SQL port and Patroni's REST port."""

    name: str
    site: str
    pg_port: int
    rest_port: int
    host: str = "127.0.0.1"

    @property
    def rest_url(self) -> str:
        return f"http://{self.host}:{self.rest_port}"


@dataclass(frozen=True)
class Site:
    """A failure domain: its own consensus store (etcd) and its own Patroni scope."""

    name: str
    scope: str
    etcd: list[EtcdMember]
    postgres: list[PostgresMember]
    standby_of: str | None = None

    @property
    def leader_key(self) -> str:
        """Where Patroni keeps this site's leader lock in the site's etcd."""
        return f"{NAMESPACE}{self.scope}/leader"


@dataclass(frozen=True)
class Topology:
    """Every site of the cluster, and the password file the members share."""

    sites: list[Site]
    host: str = "127.0.0.1"
    passwords: dict[str, str] = field(default_factory=dict)

    def site(self, name: str) -> Site:
        for site in self.sites:
            if site.name.upper() == name.upper():
                return site
        raise KeyError(name)

    @property
    def members(self) -> list[PostgresMember]:
        return [m for s in self.sites for m in s.postgres]

    def database_url(self, *, user: str = "postgres", password: str | None = None) -> str:
        """A libpq multi-host URL naming every member: the driver picks the one that takes writes."""
        hosts = "&".join(f"host={m.host}:{m.pg_port}" for m in self.members)
        secret = f":{password}" if password else ""
        # connect_timeout bounds each host tried, so a silent host costs seconds, not minutes.
        return (
            f"postgresql://{user}{secret}@/{DATABASE}?{hosts}"
            "&target_session_attrs=read-write&connect_timeout=3"
        )


def plan(base_port: int, *, host: str = "127.0.0.1") -> Topology:
    """The lab layout from `base_port`: etcd clients at +10.., peers at +20.., PostgreSQL +30.., REST +40.."""
    etcd_a = [
        EtcdMember(f"etcd-a{i + 1}", "A", base_port + 10 + i, base_port + 20 + i, host) for i in range(3)
    ]
    etcd_b = [EtcdMember("etcd-b1", "B", base_port + 13, base_port + 23, host)]
    pg_a = [
        PostgresMember(f"pg-a{i + 1}", "A", base_port + 30 + i, base_port + 40 + i, host) for i in range(2)
    ]
    pg_b = [PostgresMember("pg-b1", "B", base_port + 32, base_port + 42, host)]
    return Topology(
        sites=[
            Site("A", "gerbang-a", etcd_a, pg_a),
            Site("B", "gerbang-b", etcd_b, pg_b, standby_of="A"),
        ],
        host=host,
    )


def write_topology(root: Path, topology: Topology) -> None:
    """Save the plan beside the lab (it names the passwords, so only its owner may read it)."""
    path = root / CLUSTER_FILE
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(asdict(topology), indent=2) + "\n")
    temporary.chmod(0o600)
    temporary.replace(path)


def read_topology(root: Path) -> Topology:
    """The plan a lab (or an operator) wrote to ROOT/cluster.json."""
    path = root / CLUSTER_FILE
    if not path.is_file():
        raise NotFound("site.no_cluster", field="data", path=path)
    try:
        data = json.loads(path.read_text())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput("site.cluster_unreadable", field="data", path=path, problem=exc) from None
    sites = [
        Site(
            name=s["name"],
            scope=s["scope"],
            etcd=[EtcdMember(**e) for e in s["etcd"]],
            postgres=[PostgresMember(**p) for p in s["postgres"]],
            standby_of=s.get("standby_of"),
        )
        for s in data["sites"]
    ]
    return Topology(sites=sites, host=data.get("host", "127.0.0.1"), passwords=data.get("passwords", {}))
