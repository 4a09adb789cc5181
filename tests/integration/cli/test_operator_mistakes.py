"""An operator's slips at the command line get one clear line and a non-zero exit, never a traceback, and
a command that only looks at a node never creates anything under a mistyped path."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gerbang.cli.main import app
from gerbang.infra.backup.keys import create_key

runner = CliRunner()


@pytest.fixture
def places(tmp_path: Path) -> dict[str, Path]:
    key = tmp_path / "offline" / "backup.key"
    create_key(key)
    not_a_node = tmp_path / "garbage-node"
    not_a_node.mkdir()
    (not_a_node / "gerbang.db").write_bytes(b"this is not SQLite at all" * 40)
    return {"missing": tmp_path / "no-such-node", "garbage": not_a_node, "key": key, "root": tmp_path}


CASES = [
    (["audit", "verify", "--data", "{missing}"], "no database at"),
    (["sync", "status", "--data", "{missing}"], "no database at"),
    (["sync", "reupload", "cgk", "--data", "{missing}"], "no database at"),
    (["audit", "verify", "--data", "{garbage}"], "is not a readable Gerbang database"),
    (
        ["backup", "create", "--data", "{missing}", "--repo", "{root}/repo", "--key-file", "{key}"],
        "no database at",
    ),
    (
        ["backup", "create", "--data", "{garbage}", "--repo", "{root}/repo", "--key-file", "{key}"],
        "is not a readable Gerbang database",
    ),
    (["backup", "vault-seal", "--vault", "{missing}"], "no vault at"),
    (["backup", "vault-prune", "--vault", "{missing}"], "no vault at"),
    (["backup", "list", "--from", "vault", "--vault", "{missing}"], "no vault at"),
    (["site", "status", "--data", "{missing}"], "cluster.json"),
]


@pytest.mark.parametrize(
    ("command", "said"), CASES, ids=[" ".join(c[:2]) + f" {n}" for n, (c, _) in enumerate(CASES)]
)
def test_a_slip_is_named_in_one_line_and_changes_nothing(
    places: dict[str, Path], command: list[str], said: str
) -> None:
    args = [part.format(**places) for part in command]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "Traceback" not in result.output
    assert not places["missing"].exists()
    repo = places["root"] / "repo"
    assert not repo.exists() or not any(p for p in repo.iterdir() if not p.name.startswith("."))
