"""`gerbang drill outage` end to end: the short CGK day on real processes, and at DPS with a broken ingest."""

from __future__ import annotations

import json
import os
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from local_gerbang import GERBANG

from gerbang.recovery.drill import charts

# Two drills on two cores would decide each other's timings: one worker plays them one after the other.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("drill"), pytest.mark.timeout(900)]

DROP_EVERY = 50


def drill(tmp_path: Path, scenario: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """Run the drill as an operator does; its report and its own data under the test's directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GERBANG_")}
    env["COLUMNS"] = "200"  # the exit message names ids on one line each
    done = subprocess.run(
        [
            *GERBANG,
            "drill",
            "outage",
            "--scenario",
            scenario,
            "--report",
            str(tmp_path / "report"),
            "--work",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=840,
        check=False,
    )
    report_file = tmp_path / "report" / "report.json"
    assert report_file.exists(), done.stdout + done.stderr
    return done, json.loads(report_file.read_text())


def line(report: dict[str, Any], edge: str, record_type: str) -> dict[str, Any]:
    found = [x for x in report["reconciliation"] if x["edge"] == edge and x["record_type"] == record_type]
    assert len(found) == 1, report["reconciliation"]
    return found[0]


def test_the_short_cgk_day_loses_and_doubles_nothing_acknowledged(tmp_path: Path) -> None:
    done, report = drill(tmp_path, "ci-short")
    assert done.returncode == 0, done.stdout + done.stderr
    summary, verdict = report["summary"], report["verdict"]
    assert verdict == {"passed": True, "exit_code": 0, "failures": []}

    # Every crossing the checkpoint acknowledged is at the center exactly once, the offline ones too.
    crossings = line(report, "cgk", "crossing")
    assert summary["crossings_failed"] == 0
    assert crossings["acknowledged"] == summary["crossings_sent"] == summary["crossings_planned"] > 1000
    assert crossings["held"] == crossings["acknowledged"]
    assert crossings["missing"] == crossings["doubled"] == crossings["unexpected"] == 0
    assert 0 < summary["crossings_offline"] < summary["crossings_sent"]
    # The office's interviews and hand-overs, and the bank's payments, each once at the center.
    for edge, record_type, count in (
        ("jks", "passport-interview", 4),
        ("jks", "passport-handover", 2),
        ("bank", "payment", 4),
    ):
        office = line(report, edge, record_type)
        assert office["acknowledged"] == office["held"] == count, office
        assert office["missing"] == office["doubled"] == 0

    # The day's events ran in order and none failed; the restore came from the vault and was verified.
    events = {e["kind"]: e for e in report["timeline"]["events"]}
    failed = [e for e in report["timeline"]["events"] if "error" in (e.get("result") or {})]
    assert not failed, failed
    order = [e["kind"] for e in report["timeline"]["events"] if e["kind"] in ("attack", "restore", "serve")]
    assert order == ["attack", "restore", "serve"]
    assert events["attack"]["result"]["files_encrypted"] > 0
    restored = events["restore"]["result"]
    assert restored["backup_id"] == summary["backups"][-1]["backup_id"]
    assert {"audit chain", "crossing ids unique", "ledger balances"} <= set(restored["verified"])
    assert restored["watchlist_entries"] >= 1

    # Both listed travellers were refused at the lane; the one listed while the center was down was
    # admitted offline and the re-screen raised an alert for exactly that crossing.
    hits = {h["label"]: h for h in report["hits"]}
    assert hits["entry-ban"]["edge_decision"] == hits["exit-ban"]["edge_decision"] == "refuse"
    listed = hits["listed-during-outage"]
    assert listed["edge_decision"] == "admit"
    assert listed["alerted"] is True
    assert listed["crossing_id"] in {a["crossing_id"] for a in report["alerts"]}
    assert report["hits_not_sent"] == []

    # The public was told within 60 s and never left more than 30 scenario minutes without a word.
    assert summary["told_after_wall_s"] is not None
    assert summary["told_after_wall_s"] <= 60
    assert summary["longest_silence_scenario_min"] <= 30
    assert report["public"]["resolved_at"] is not None
    assert any(u["scenario_at"] for u in report["public"]["operator_updates"])

    # Same-day applicants the outage made late were refunded the surcharge and told; regular ones were not.
    same_day = [a for a in report["applicants"] if a["service"] == "same-day"]
    regular = [a for a in report["applicants"] if a["service"] == "regular"]
    assert len(same_day) == len(regular) == 2
    for applicant in same_day:
        assert applicant["late"] is True
        assert applicant["refund_owed_idr"] > 0
        assert "surcharge_refunded" in applicant["notices"]
        assert applicant["told_at"] is not None
    assert all(a["refund_owed_idr"] == 0 and not a["late"] for a in regular)
    assert report["outages_declared"], "the status node declared the outage to the center"

    # The public heard of the center's outage only: no incident for a node the drill never took down.
    assert [i for i in report["incidents"] if i["false"]] == []
    assert any(set(i["components"]) >= {"passports", "visas"} for i in report["incidents"])

    # Each node's own /metrics at the end: the checkpoint's decisions match what it acknowledged,
    # the center took upload batches and counts its mailed notices, no incident is left open.
    metrics = report["metrics"]
    assert sorted(metrics) == ["central", "cgk", "jks", "status"]
    assert metrics["cgk"]["decisions"] == summary["decisions"]
    assert metrics["cgk"]["outbox_backlog"] == metrics["jks"]["outbox_backlog"] == 0
    assert metrics["central"]["upload_batches"] > 0
    assert metrics["central"]["upload_records"] > 0
    assert metrics["central"]["notices_sent"] is not None
    assert metrics["status"]["incidents_open"] == 0

    # The checkpoint's own queue board, read through the day, beside the counters advised.
    waits = report["queue_waits"]
    assert len(waits["slices"]) == len(report["timeline"]["forecast"])
    assert sum(1 for row in waits["slices"] if row["queues"]) >= len(waits["slices"]) // 2
    # The floor supervisor's head counts reached the board, every one accepted. (How many were
    # waiting at a count depends on how fast the machine decides: not asserted.)
    counts = report["timeline"]["head_counts"]
    assert report["errors"]["head_counts"] == []
    assert counts
    assert all(c["status"] == 200 for c in counts)

    # The report in both languages with its charts, and no path of this machine inside it.
    folder = tmp_path / "report"
    for page in ("index.html", "index.en.html"):
        html = (folder / page).read_text()
        assert html.count("<img ") == len(charts.CHARTS)
        for picture in html.split('<img src="')[1:]:
            assert (folder / picture.split('"')[0]).stat().st_size > 1000
    assert str(tmp_path) not in (folder / "report.json").read_text()
    assert "Passed" in done.stdout


def test_a_broken_ingest_fails_the_drill_naming_the_lost_records(tmp_path: Path) -> None:
    # Played at another airport (DPS): the platform gives the scenario's site a checkpoint of its own.
    packaged = resources.files("gerbang.recovery.drill").joinpath("scenarios/ci-short.toml").read_text()
    assert 'site = "CGK"' in packaged
    scenario = tmp_path / "broken-ingest.toml"
    scenario.write_text(
        packaged.replace('site = "CGK"', 'site = "DPS"') + f"\n[fault]\ndrop_every = {DROP_EVERY}\n"
    )
    done, report = drill(tmp_path, str(scenario))
    assert done.returncode == 1, done.stdout + done.stderr
    assert report["verdict"]["passed"] is False
    assert report["summary"]["fault_drop_every"] == DROP_EVERY
    assert report["summary"]["site"] == "DPS"
    assert set(report["metrics"]) == {"central", "dps", "jks", "status"}
    assert not any(x["edge"] == "cgk" for x in report["reconciliation"])

    crossings = line(report, "dps", "crossing")
    lost = crossings["missing_ids"]
    # The center acknowledged every record to the edge and kept only some: what it dropped is named.
    assert len(lost) == crossings["missing"] == crossings["acknowledged"] - crossings["held"] > 0
    # About one in DROP_EVERY: the count also runs over the office's records and any sent twice.
    assert (
        crossings["acknowledged"] // (2 * DROP_EVERY)
        <= len(lost)
        <= 2 * crossings["acknowledged"] // DROP_EVERY
    )
    assert crossings["doubled"] == 0
    failures = [f for f in report["verdict"]["failures"] if f["reason"] == "drill.verdict_lost"]
    assert any(f["edge"] == "dps" and f["record_type"] == "crossing" for f in failures)
    named = next(f for f in failures if f["record_type"] == "crossing")
    assert lost[0] in named["ids"]
    assert lost[0] in named["en"]
    # The exit message says it too, with the first lost ids.
    assert "drill.verdict_lost" in done.stderr
    assert lost[0] in done.stderr
    page = (tmp_path / "report" / "index.en.html").read_text()
    assert lost[0] in page
    assert 'class="verdict fail"' in page
