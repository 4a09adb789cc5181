"""The two-site plan and the etcd and Patroni configuration generated from it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from gerbang.recovery.cluster.etcd_config import etcd_command
from gerbang.recovery.cluster.health import has_synchronous_replica
from gerbang.recovery.cluster.patroni_config import (
    LOOP_WAIT_S,
    RETRY_TIMEOUT_S,
    TTL_S,
    dynamic_settings,
    patroni_config,
)
from gerbang.recovery.cluster.topology import SLOT_FOR_SITE_B, Topology, plan, read_topology, write_topology

PASSWORDS = {"postgres": "p", "replicator": "r"}


def lab_plan() -> Topology:
    return replace(plan(9000), passwords=PASSWORDS)


def test_every_process_of_the_plan_has_its_own_port_away_from_a_system_etcd() -> None:
    topology = lab_plan()
    ports = [p for s in topology.sites for e in s.etcd for p in (e.client_port, e.peer_port)]
    ports += [p for m in topology.members for p in (m.pg_port, m.rest_port)]
    assert len(ports) == len(set(ports))
    assert not {2379, 2380, 5432} & set(ports)
    assert [len(s.etcd) for s in topology.sites] == [3, 1]
    assert [len(s.postgres) for s in topology.sites] == [2, 1]


def test_the_center_url_names_every_member_and_asks_for_the_one_that_writes() -> None:
    url = lab_plan().database_url(password="secret")
    assert url.startswith("postgresql://postgres:secret@/gerbang?")
    assert url.count("host=127.0.0.1:") == 3
    assert "target_session_attrs=read-write" in url


def test_primary_loss_fits_in_thirty_seconds_and_keeps_patronis_safety_rule() -> None:
    # The old leader's key expires after ttl; a replica acts at its next loop.
    assert TTL_S + LOOP_WAIT_S <= 30
    assert LOOP_WAIT_S + 2 * RETRY_TIMEOUT_S <= TTL_S


def test_site_a_commits_synchronously_and_keeps_a_slot_for_site_b() -> None:
    topology = lab_plan()
    dcs = dynamic_settings(topology.site("A"), topology)
    assert dcs["synchronous_mode"] is True
    assert dcs["synchronous_mode_strict"] is False
    assert dcs["slots"] == {SLOT_FOR_SITE_B: {"type": "physical"}}
    assert "standby_cluster" not in dcs


def test_site_b_is_a_standby_cluster_following_every_site_a_member_through_its_slot() -> None:
    topology = lab_plan()
    standby = dynamic_settings(topology.site("B"), topology)["standby_cluster"]
    site_a = topology.site("A").postgres
    assert standby["port"] == ",".join(str(m.pg_port) for m in site_a)
    assert standby["host"].count(",") == len(site_a) - 1
    assert standby["primary_slot_name"] == SLOT_FOR_SITE_B


def test_each_site_talks_only_to_its_own_etcd(tmp_path: Path) -> None:
    topology = lab_plan()
    site_b = topology.site("B")
    config = patroni_config(site_b.postgres[0], site_b, topology, tmp_path)
    assert config["etcd3"]["hosts"] == [f"127.0.0.1:{e.client_port}" for e in site_b.etcd]
    assert config["scope"] != patroni_config(topology.site("A").postgres[0], topology.site("A"), topology,
                                             tmp_path)["scope"]  # fmt: skip
    command = etcd_command(site_b.etcd[0], site_b, tmp_path)
    initial = command[command.index("--initial-cluster") + 1]
    assert initial == f"etcd-b1=http://127.0.0.1:{site_b.etcd[0].peer_port}"


def test_the_plan_survives_being_written_and_read_back_owner_only(tmp_path: Path) -> None:
    topology = lab_plan()
    write_topology(tmp_path, topology)
    assert read_topology(tmp_path) == topology
    assert (tmp_path / "cluster.json").stat().st_mode & 0o077 == 0


def test_only_a_running_synchronous_replica_counts_as_a_second_copy() -> None:
    leader = {"name": "a1", "role": "leader", "state": "running"}
    assert has_synchronous_replica({"members": [leader, {"role": "sync_standby", "state": "streaming"}]})
    assert not has_synchronous_replica({"members": [leader, {"role": "replica", "state": "streaming"}]})
    assert not has_synchronous_replica({"members": [leader]})
    assert not has_synchronous_replica(None)
