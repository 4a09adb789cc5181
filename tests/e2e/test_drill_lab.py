"""`gerbang drill outage --lab`: site A lost whole, site B promoted, nothing acknowledged lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from local_gerbang import GERBANG

from gerbang.kernel.errors import Unavailable
from gerbang.recovery.cluster import supervise

# As the single-machine drill: one worker plays drills one after the other; and it starts Patroni and etcd.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.lab,
    pytest.mark.xdist_group("drill"),
    pytest.mark.timeout(900),
    # Opt-in until its status node stops opening a false checkpoint incident at the start of traffic
    # on a busy machine (seen once in three runs): GERBANG_DRILL_LAB=1 runs it.
    pytest.mark.skipif(
        os.environ.get("GERBANG_DRILL_LAB") != "1", reason="set GERBANG_DRILL_LAB=1 to play it"
    ),
]


@pytest.fixture
def work(lab_tools: Callable[[list[str]], None]) -> Iterator[Path]:
    """The drill's directory; not pytest's tmp_path: PostgreSQL runs as its own user when we are root."""
    try:
        supervise.require_binaries()
    except Unavailable as exc:
        lab_tools([str(exc)])
    root = Path(tempfile.mkdtemp(prefix="gerbang-drill-lab-"))
    root.chmod(0o755)
    try:
        yield root
    finally:
        if os.environ.get("GERBANG_KEEP_LAB") == "1":
            print(f"drill kept at {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def drill_on_lab(work: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GERBANG_")}
    env["COLUMNS"] = "200"
    command = [*GERBANG, "drill", "outage", "--scenario", "ci-site-loss", "--lab"]
    command += ["--report", str(work / "report"), "--work", str(work / "platform")]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=840, check=False)
    report_file = work / "report" / "report.json"
    assert report_file.exists(), done.stdout + done.stderr
    return done, json.loads(report_file.read_text())


def test_site_a_lost_site_b_promoted_and_every_acknowledged_crossing_is_at_b_once(work: Path) -> None:
    done, report = drill_on_lab(work)
    summary = report["summary"]
    print(
        f"site-loss drill: rto {summary['rto_s']} s, promotion {summary['promotion_s']} s, "
        f"wall {summary['wall_seconds']} s"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert report["verdict"] == {"passed": True, "exit_code": 0, "failures": []}
    assert summary["platform"] == "lab"
    assert summary["recovery_source"] == "site-b"

    # Every crossing the checkpoint acknowledged is at site B's center exactly once, the offline ones too.
    crossings = next(
        x for x in report["reconciliation"] if (x["edge"], x["record_type"]) == ("cgk", "crossing")
    )
    assert summary["crossings_failed"] == 0
    assert crossings["acknowledged"] == summary["crossings_sent"] == summary["crossings_planned"] > 100
    assert crossings["held"] == crossings["acknowledged"]
    assert crossings["missing"] == crossings["doubled"] == 0
    assert 0 < summary["crossings_offline"] < summary["crossings_sent"]
    for line in report["reconciliation"]:
        assert line["missing"] == line["doubled"] == 0, line

    # The attack took all of site A; the operator's promotion ran and came before site B served.
    events = report["timeline"]["events"]
    failed = [e for e in events if "error" in (e.get("result") or {})]
    assert not failed, failed
    order = [e["kind"] for e in events if e["kind"] in ("attack", "promote", "serve")]
    assert order == ["attack", "promote", "serve"]
    killed = next(e for e in events if e["kind"] == "attack")["result"]["killed"]
    assert "central" in killed
    assert sum(1 for name in killed if name.startswith("etcd")) == 3
    promoted = next(e for e in events if e["kind"] == "promote")["result"]
    assert promoted["command"] == "gerbang site promote B"

    # The RTO, from the command typed to site B's first acknowledged write, was measured.
    assert 0 < summary["promotion_s"] <= summary["rto_s"] <= 120
    assert summary["promoted_at"] is not None
    assert report["metrics"]["central"]["upload_batches"] > 0

    page = (work / "report" / "index.en.html").read_text()
    assert 'id="rto"' in page
    assert "gerbang site promote B" in page
    assert "restored from the vault" not in page
