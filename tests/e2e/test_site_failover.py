"""Failover drills with real processes: etcd, Patroni and PostgreSQL across two sites, two centers, CGK.

One lab serves the drills, which run in order on it: the primary dies and its replica takes over; the
old primary rejoins and then, as the replica, dies too; finally all of site A is lost and site B is
promoted by hand. They are one test because each starts from where the one before left the lab, and
no test scheduler may split them across workers (each worker would start a lab of its own). Figures
are printed for the record; bench/failover.py reports them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gerbang.kernel.errors import Unavailable
from gerbang.recovery.cluster import health, supervise
from gerbang.recovery.lab import drills
from gerbang.recovery.lab.run import Lab

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.lab]

LAB_ENV = {
    "GERBANG_STATUS_PROBE_INTERVAL_S": "2",
    "GERBANG_REFERENCE_POLL_S": "1",
    "GERBANG_UPLOAD_BATCH_SIZE": "25",
}


def _free_base() -> int:
    # The lab uses base .. base+42; the e2e helper finds a block that is free right now.
    from local_gerbang import free_port_block

    return free_port_block(43)


@pytest.fixture
def lab(lab_tools: Callable[[list[str]], None]) -> Iterator[Lab]:
    try:
        supervise.require_binaries()
    except Unavailable as exc:
        if os.environ.get("GERBANG_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"the failover drills need Patroni and etcd: {exc}", pytrace=False)
        lab_tools([str(exc)])
    saved = {key: os.environ.get(key) for key in LAB_ENV}
    os.environ.update(LAB_ENV)
    # Not pytest's tmp_path: PostgreSQL runs as the postgres user when we are root, and must reach it.
    root = Path(tempfile.mkdtemp(prefix="gerbang-lab-"))
    root.chmod(0o755)
    running = Lab(root / "lab", base_port=_free_base(), watchlist_size=50)
    try:
        running.up()
        yield running
    finally:
        running.down()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if os.environ.get("GERBANG_KEEP_LAB") == "1":
            print(f"lab kept at {root} (its logs under lab/logs)")
        else:
            shutil.rmtree(root, ignore_errors=True)


def the_lab_lists_every_process_with_its_role_site_and_patroni_url(lab: Lab) -> None:
    nodes = {n.name: n for n in lab.write()}
    roles = sorted(n.role for n in nodes.values())
    assert roles.count("etcd") == 4
    assert roles.count("postgres") == 3
    assert roles.count("central") == 2
    assert {"checkpoint", "office", "status"} <= set(roles)
    assert all(n.pid and supervise.alive(n.pid) for n in nodes.values())
    assert all(n.patroni_url for n in nodes.values() if n.role == "postgres")
    assert {nodes["central"].site, nodes["central-b"].site} == {"A", "B"}
    assert (lab.root / "nodes.json").stat().st_mode & 0o077 == 0


def primary_killed_mid_burst_fails_over_with_no_acknowledged_write_lost(lab: Lab) -> None:
    figures = drills.primary_loss(lab)
    print(f"primary loss: {figures}")
    assert figures.new_primary != figures.killed
    assert figures.unexpected == []
    assert figures.server_errors == 0
    assert figures.acknowledged_lost == 0
    # Every applicant ends with a booking: a retry after a lost answer finds it, never takes a second.
    assert figures.applicants_without_booking == 0
    assert figures.crossing_errors == []
    assert figures.crossings > 0
    assert figures.crossings_lost == 0
    assert figures.write_outage_s <= 30


def replica_lost_the_primary_goes_on_alone_and_status_shows_the_center_degraded(lab: Lab) -> None:
    killed = next(m.name for m in lab.topology.site("A").postgres if not health.answers(m, "primary"))
    drills.rejoin(lab, killed)
    figures = drills.replica_loss(lab)
    print(f"replica loss: {figures}")
    # synchronous_mode_strict is off: writes go on once Patroni drops the lost replica from the set.
    assert figures.writes_after == 6
    assert not figures.synchronous_replica_left
    assert figures.center_states == ["degraded"]


def site_a_lost_site_b_promoted_by_hand_and_no_crossing_lost_in_the_end(lab: Lab) -> None:
    figures = drills.site_loss(lab)
    print(f"site loss: {figures}")
    assert figures.refused_while_site_a_led
    assert figures.crossing_errors == []
    assert figures.server_errors == 0
    assert figures.promotion_to_first_write_s <= 60
    assert figures.crossings > 0
    assert figures.crossings_lost == 0


# Lab up, three drills and lab down: about three minutes on two busy cores; the default limit is per step.
@pytest.mark.timeout(600)
def test_the_center_loses_its_primary_its_replica_and_its_site_and_no_acknowledged_record(lab: Lab) -> None:
    the_lab_lists_every_process_with_its_role_site_and_patroni_url(lab)
    primary_killed_mid_burst_fails_over_with_no_acknowledged_write_lost(lab)
    replica_lost_the_primary_goes_on_alone_and_status_shows_the_center_degraded(lab)
    site_a_lost_site_b_promoted_by_hand_and_no_crossing_lost_in_the_end(lab)
