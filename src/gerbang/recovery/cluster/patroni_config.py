"""Patroni's configuration for one PostgreSQL member, as a plain dict (written out as JSON, which is YAML).

Timing (the dynamic `ttl`, `loop_wait`, `retry_timeout`): when the primary's machine dies, its leader
key lives on in etcd until its TTL runs out; the synchronous replica notices at its next loop and
promotes. The write outage is therefore at most about ttl + loop_wait + the promotion itself.
Patroni's defaults (30/10/10) give 30-45 s; 15/3/5 gives about 10-20 s and keeps Patroni's rule
loop_wait + 2 * retry_timeout <= ttl, so a member that loses etcd for one retry_timeout demotes
itself before its key could expire and another member take over.

Synchronous replication: `synchronous_mode: true` makes Patroni name the replica in
synchronous_standby_names, so a commit is acknowledged only once the replica has it, and Patroni
promotes only that replica automatically: no acknowledged commit is lost when the primary dies.
`synchronous_mode_strict` stays false: with one replica in site A, strict mode would stop every
write in the country as soon as that one replica is lost. With strict off, Patroni drops the
synchronous requirement while no replica is healthy, the primary keeps taking writes, and the
status page shows the center as degraded (no second copy) until the replica is back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gerbang.recovery.cluster.topology import SLOT_FOR_SITE_B, PostgresMember, Site, Topology

TTL_S = 15
LOOP_WAIT_S = 3
RETRY_TIMEOUT_S = 5
PG_BIN_DIR = Path("/usr/lib/postgresql/15/bin")


def dynamic_settings(site: Site, topology: Topology) -> dict[str, Any]:
    """The cluster-wide settings Patroni keeps in etcd (bootstrap.dcs); `edit-config` changes them later."""
    dcs: dict[str, Any] = {
        "ttl": TTL_S,
        "loop_wait": LOOP_WAIT_S,
        "retry_timeout": RETRY_TIMEOUT_S,
        # A replica further behind than this is never promoted automatically.
        "maximum_lag_on_failover": 1024 * 1024,
        "synchronous_mode": True,
        "synchronous_mode_strict": False,
        "postgresql": {
            "use_pg_rewind": True,
            "use_slots": True,
            "parameters": {
                "wal_level": "replica",
                "hot_standby": "on",
                "wal_log_hints": "on",
                "max_wal_senders": 10,
                "max_replication_slots": 10,
                "wal_keep_size": "256MB",
                "synchronous_commit": "on",
            },
        },
    }
    if site.standby_of is None:
        # A permanent slot for site B's standby leader, kept on every site-A member, so the slot (and
        # the WAL site B still needs) survives a failover inside site A.
        dcs["slots"] = {SLOT_FOR_SITE_B: {"type": "physical"}}
    else:
        upstream = topology.site(site.standby_of).postgres
        dcs["standby_cluster"] = {
            # Every site-A member: Patroni adds target_session_attrs=read-write, so site B follows
            # whichever member of site A is primary now.
            "host": ",".join(m.host for m in upstream),
            "port": ",".join(str(m.pg_port) for m in upstream),
            "primary_slot_name": SLOT_FOR_SITE_B,
            "create_replica_methods": ["basebackup"],
        }
    return dcs


def patroni_config(
    member: PostgresMember, site: Site, topology: Topology, member_dir: Path, *, bin_dir: Path = PG_BIN_DIR
) -> dict[str, Any]:
    """Everything Patroni needs to run `member`: its etcd, its REST API, its data directory and roles."""
    passwords = topology.passwords
    return {
        "scope": site.scope,
        "namespace": "/gerbang/",
        "name": member.name,
        "log": {"level": "WARNING"},
        "restapi": {
            "listen": f"{member.host}:{member.rest_port}",
            "connect_address": f"{member.host}:{member.rest_port}",
        },
        # The site's own etcd only: site B must keep working when site A's etcd is gone.
        "etcd3": {"hosts": [f"{e.host}:{e.client_port}" for e in site.etcd]},
        "bootstrap": {
            "dcs": dynamic_settings(site, topology),
            "initdb": [{"encoding": "UTF8"}, {"locale": "C.UTF-8"}],
            "pg_hba": [
                f"host replication replicator {member.host}/32 scram-sha-256",
                f"host all all {member.host}/32 scram-sha-256",
            ],
        },
        "postgresql": {
            "listen": f"{member.host}:{member.pg_port}",
            "connect_address": f"{member.host}:{member.pg_port}",
            "data_dir": str(member_dir / "data"),
            "bin_dir": str(bin_dir),
            "pgpass": str(member_dir / "pgpass"),
            "authentication": {
                "superuser": {"username": "postgres", "password": passwords["postgres"]},
                "replication": {"username": "replicator", "password": passwords["replicator"]},
                "rewind": {"username": "postgres", "password": passwords["postgres"]},
            },
            # No Unix socket: its path would live under the lab directory and may exceed the limit.
            "parameters": {"unix_socket_directories": "", "password_encryption": "scram-sha-256"},
            "basebackup": [{"checkpoint": "fast"}],
        },
        "tags": {"nofailover": False, "noloadbalance": False, "clonefrom": False, "nosync": False},
    }


def write_patroni_config(path: Path, config: dict[str, Any]) -> None:
    """JSON is YAML, so Patroni reads it as its configuration file; it names passwords, so 0600."""
    path.write_text(json.dumps(config, indent=2) + "\n")
    path.chmod(0o600)
