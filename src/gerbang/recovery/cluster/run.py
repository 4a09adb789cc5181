"""Bring a planned cluster up on this machine: etcd per site, Patroni per member, the center's database."""

from __future__ import annotations

import secrets
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import psycopg
from psycopg import sql

from gerbang.recovery.cluster import health, supervise
from gerbang.recovery.cluster.etcd_config import etcd_command
from gerbang.recovery.cluster.patroni_config import patroni_config, write_patroni_config
from gerbang.recovery.cluster.topology import DATABASE, PostgresMember, Site, Topology

BOOT_TIMEOUT_S = 120.0


@dataclass
class Running:
    """A process of the cluster: what it is, where it logs, and its handle."""

    name: str
    role: str  # "etcd" or "postgres"
    site: str
    process: subprocess.Popen[bytes]
    url: str
    patroni_url: str | None = None
    data_dir: Path | None = None


def with_passwords(topology: Topology) -> Topology:
    """The plan with fresh passwords for the superuser and the replication role (kept if already set)."""
    if topology.passwords:
        return topology
    return replace(
        topology,
        passwords={"postgres": secrets.token_urlsafe(18), "replicator": secrets.token_urlsafe(18)},
    )


class ClusterRunner:
    """Starts and stops the cluster's processes under `root`; each member keeps its own directory."""

    def __init__(self, topology: Topology, root: Path) -> None:
        self.topology = topology
        self.root = root
        self.binaries = supervise.require_binaries()
        self.running: dict[str, Running] = {}

    def member_dir(self, member: PostgresMember) -> Path:
        return self.root / "postgres" / member.name

    def start_etcd(self, site: Site) -> None:
        for member in site.etcd:
            data_dir = self.root / "etcd" / member.name
            data_dir.mkdir(parents=True, exist_ok=True)
            data_dir.chmod(0o700)
            command = etcd_command(member, site, data_dir, binary=self.binaries["etcd"])
            process = supervise.start(command, self.root / "logs" / f"{member.name}.log")
            self.running[member.name] = Running(member.name, "etcd", site.name, process, member.client_url)

    def start_member(self, member: PostgresMember, site: Site) -> None:
        directory = self.member_dir(member)
        directory.mkdir(parents=True, exist_ok=True)
        config_file = directory / "patroni.yml"
        write_patroni_config(config_file, patroni_config(member, site, self.topology, directory))
        supervise.hand_over(directory)
        process = supervise.start(
            [self.binaries["patroni"], str(config_file)],
            self.root / "logs" / f"{member.name}.log",
            unprivileged=True,
        )
        url = f"postgresql://{member.host}:{member.pg_port}"
        self.running[member.name] = Running(
            member.name, "postgres", site.name, process, url, member.rest_url, directory / "data"
        )

    def start(self) -> None:
        """Every etcd, then site A's first member (it bootstraps), then the others; wait until all serve."""
        (self.root / "logs").mkdir(parents=True, exist_ok=True)
        for site in self.topology.sites:
            self.start_etcd(site)
        for site in self.topology.sites:
            health.wait_for(
                lambda s=site: health.etcd_healthy(s), timeout=60, what=f"site {site.name}'s etcd"
            )
        primary_site = next(s for s in self.topology.sites if s.standby_of is None)
        first, *others = primary_site.postgres
        self.start_member(first, primary_site)
        health.wait_for(lambda: health.answers(first, "primary"), timeout=BOOT_TIMEOUT_S, what=first.name)
        self.create_database(first)
        for member in others:
            self.start_member(member, primary_site)
        for site in self.topology.sites:
            if site.standby_of is not None:
                for member in site.postgres:
                    self.start_member(member, site)
        for member in others:
            health.wait_for(
                lambda m=member: health.answers(m, "sync"),
                timeout=BOOT_TIMEOUT_S,
                what=f"{member.name} as synchronous replica",
            )
        for site in self.topology.sites:
            if site.standby_of is not None:
                leader = site.postgres[0]
                health.wait_for(
                    lambda m=leader: health.answers(m, "standby-leader"),
                    timeout=BOOT_TIMEOUT_S,
                    what=f"{leader.name} as standby leader",
                )

    def create_database(self, primary: PostgresMember) -> None:
        """The center's database, made once on site A's first primary; replication carries it everywhere."""
        with psycopg.connect(
            host=primary.host,
            port=primary.pg_port,
            user="postgres",
            password=self.topology.passwords["postgres"],
            dbname="postgres",
            autocommit=True,
        ) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)
            ).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))

    def restart_member(self, name: str) -> None:
        """Start a member again on its old data directory (Patroni rewinds it and it rejoins as replica)."""
        for site in self.topology.sites:
            for member in site.postgres:
                if member.name == name:
                    self.start_member(member, site)
                    return
        raise KeyError(name)

    def kill_member(self, name: str) -> None:
        """SIGKILL a PostgreSQL member's machine: Patroni, the server and every backend."""
        entry = self.running[name]
        supervise.kill_member(entry.process.pid, entry.data_dir or Path("/nonexistent"))
        entry.process.wait(timeout=10)

    def kill_site(self, site_name: str) -> None:
        """SIGKILL every cluster process of a site, etcd included, as when its building loses power."""
        for entry in list(self.running.values()):
            if entry.site != site_name:
                continue
            if entry.role == "postgres":
                self.kill_member(entry.name)
            else:
                supervise.kill_group(entry.process.pid)
                entry.process.wait(timeout=10)

    def stop(self) -> None:
        """Stop PostgreSQL members first (Patroni shuts its server down), then etcd."""
        for role in ("postgres", "etcd"):
            for entry in self.running.values():
                if entry.role == role and entry.process.poll() is None:
                    supervise.stop(entry.process)
            for entry in self.running.values():
                if entry.role == role and entry.data_dir is not None:
                    server = supervise.postmaster_pid(entry.data_dir)
                    if server is not None:
                        supervise.stop(server, grace=10)
