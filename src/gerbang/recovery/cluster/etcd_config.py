"""The etcd command line for one member of a site's consensus store."""

from __future__ import annotations

from pathlib import Path

from gerbang.recovery.cluster.topology import EtcdMember, Site

# Members share two cores with everything else in the lab: a slower heartbeat and election keep a
# busy machine from looking like a dead leader, and still elect within a few seconds.
HEARTBEAT_MS = 250
ELECTION_MS = 2500


def etcd_command(member: EtcdMember, site: Site, data_dir: Path, *, binary: str = "etcd") -> list[str]:
    """Start `member` of `site`'s etcd: a cluster of exactly the site's members, nothing from other sites."""
    initial = ",".join(f"{m.name}={m.peer_url}" for m in site.etcd)
    return [
        binary,
        "--name",
        member.name,
        "--data-dir",
        str(data_dir),
        "--listen-client-urls",
        member.client_url,
        "--advertise-client-urls",
        member.client_url,
        "--listen-peer-urls",
        member.peer_url,
        "--initial-advertise-peer-urls",
        member.peer_url,
        "--initial-cluster",
        initial,
        "--initial-cluster-state",
        "new",
        "--initial-cluster-token",
        f"gerbang-{site.scope}",
        "--heartbeat-interval",
        str(HEARTBEAT_MS),
        "--election-timeout",
        str(ELECTION_MS),
        "--logger",
        "zap",
        "--log-level",
        "warn",
    ]
