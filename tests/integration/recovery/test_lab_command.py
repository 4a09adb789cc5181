"""`gerbang lab` and `gerbang site` refuse clearly, before starting anything, when they cannot work."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gerbang.cli.main import app
from gerbang.recovery.cluster.topology import plan, write_topology

runner = CliRunner()


def test_lab_up_without_patroni_or_etcd_names_the_debian_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = runner.invoke(app, ["lab", "up", "--data", str(tmp_path / "lab")])
    assert result.exit_code != 0
    assert "patroni etcd-server" in result.output
    assert not (tmp_path / "lab").exists()


def test_site_promote_of_an_unknown_site_is_refused_with_the_sites_there_are(tmp_path: Path) -> None:
    write_topology(tmp_path, replace(plan(9000), passwords={"postgres": "p", "replicator": "r"}))
    result = runner.invoke(app, ["site", "promote", "C", "--data", str(tmp_path)])
    assert result.exit_code != 0
    assert "A, B" in result.output


def test_site_promote_refuses_when_it_cannot_see_the_standby_leader(tmp_path: Path) -> None:
    # Nothing runs on these ports: site A is silent (so not fenced off), but site B has no leader either.
    write_topology(tmp_path, replace(plan(9000), passwords={"postgres": "p", "replicator": "r"}))
    result = runner.invoke(app, ["site", "promote", "B", "--data", str(tmp_path)])
    assert result.exit_code != 0
    assert "B" in result.output
