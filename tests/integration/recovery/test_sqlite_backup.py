"""SQLite backups through `gerbang backup`: create, list, verify, restore, and each way verify fails."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gerbang.cli.main import app
from gerbang.infra.backup import state
from gerbang.infra.backup.keys import create_key

runner = CliRunner()


def backup(*args: str) -> Result:
    return runner.invoke(app, ["backup", *args])


def create(node: Path, repo: Path, key_file: Path) -> Path:
    result = backup("create", "--data", str(node), "--repo", str(repo), "--key-file", str(key_file))
    assert result.exit_code == 0, result.output
    (made,) = [p for p in repo.iterdir() if not p.name.startswith(".")]
    return made


def verify(node: Path, repo: Path, key_file: Path) -> Result:
    return backup("verify", "--data", str(node), "--repo", str(repo), "--key-file", str(key_file), "--json")


def test_backup_is_encrypted_and_verified_by_restoring_it(node: Path, tmp_path: Path, key_file: Path) -> None:
    repo = tmp_path / "repo"
    made = create(node, repo, key_file)
    database_bytes = (made / "database.db.gcm").read_bytes()
    assert b"SQLite format 3" not in database_bytes
    assert b"SANTOSO" not in database_bytes
    manifest = json.loads((made / "manifest.json").read_text())["manifest"]
    assert manifest["tables"]["crossings"] == 50
    assert {f["source"] for f in manifest["files"]} == {
        "gerbang.db",
        "keys/reference/signing-key.pem",
        "keys/audit.key",
    }
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in made.iterdir())

    result = verify(node, repo, key_file)
    assert result.exit_code == 0, result.output
    recorded = state.last_verified(node)
    assert recorded is not None
    assert recorded["backup_id"] == made.name
    assert recorded["rows"]["crossings"] == 50
    assert recorded["restore_s"] >= 0


def test_a_data_directory_without_a_database_is_named_and_leaves_no_set(
    tmp_path: Path, key_file: Path
) -> None:
    repo, empty = tmp_path / "repo", tmp_path / "not-a-node"
    empty.mkdir()
    result = backup("create", "--data", str(empty), "--repo", str(repo), "--key-file", str(key_file))
    assert result.exit_code != 0
    assert "no database at" in result.output
    assert "Traceback" not in result.output
    assert not repo.exists() or not any(repo.iterdir())


def test_a_backup_is_never_written_over(node: Path, tmp_path: Path, key_file: Path) -> None:
    from gerbang.infra.backup.once import write_once
    from gerbang.kernel.errors import Conflict

    made = create(node, tmp_path / "repo", key_file)
    before = (made / "manifest.json").read_bytes()
    with pytest.raises(Conflict):
        write_once(made / "manifest.json", b"{}")
    assert (made / "manifest.json").read_bytes() == before


def assert_fails_naming(result: Result, file: str, check: str) -> None:
    assert result.exit_code == 1, result.output
    assert file in result.output
    assert check in result.output


def test_verify_fails_on_one_flipped_byte(node: Path, tmp_path: Path, key_file: Path) -> None:
    repo = tmp_path / "repo"
    made = create(node, repo, key_file)
    target = made / "database.db.gcm"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    assert_fails_naming(verify(node, repo, key_file), "database.db.gcm", "checksum")
    assert state.last_verified(node) is None


def test_verify_fails_on_a_missing_file(node: Path, tmp_path: Path, key_file: Path) -> None:
    repo = tmp_path / "repo"
    made = create(node, repo, key_file)
    (made / "file-0000.gcm").unlink()
    assert_fails_naming(verify(node, repo, key_file), "file-0000.gcm", "presence")


def test_verify_fails_with_the_wrong_key(node: Path, tmp_path: Path, key_file: Path) -> None:
    repo = tmp_path / "repo"
    create(node, repo, key_file)
    other = tmp_path / "other.key"
    create_key(other)
    assert_fails_naming(verify(node, repo, other), "manifest.json", "wrong key")


def test_verify_fails_when_the_manifest_does_not_match(node: Path, tmp_path: Path, key_file: Path) -> None:
    repo = tmp_path / "repo"
    made = create(node, repo, key_file)
    path = made / "manifest.json"
    document = json.loads(path.read_text())
    document["manifest"]["tables"]["crossings"] = 49
    path.write_text(json.dumps(document))
    assert_fails_naming(verify(node, repo, key_file), "manifest.json", "manifest signature")


def test_verify_fails_on_a_file_the_manifest_does_not_list(
    node: Path, tmp_path: Path, key_file: Path
) -> None:
    repo = tmp_path / "repo"
    made = create(node, repo, key_file)
    (made / "extra.gcm").write_bytes(b"planted")
    assert_fails_naming(verify(node, repo, key_file), "extra.gcm", "manifest")


def test_verify_fails_on_a_manifest_that_cannot_be_read(node: Path, tmp_path: Path, key_file: Path) -> None:
    repo = tmp_path / "repo"
    made = create(node, repo, key_file)
    (made / "manifest.json").write_bytes(b"\x00" * 64)
    result = verify(node, repo, key_file)
    # A set whose manifest cannot be read is no backup at all; it is not silently passed over.
    assert result.exit_code != 0, result.output
    assert "no backup" in result.output or "manifest" in result.output


def test_restored_node_is_held_until_verify_passes(node: Path, tmp_path: Path, key_file: Path) -> None:
    repo = tmp_path / "repo"
    create(node, repo, key_file)
    database = node / "gerbang.db"
    with sqlite3.connect(database) as live:
        live.execute("DELETE FROM crossings")
    result = backup("restore", "--data", str(node), "--repo", str(repo), "--key-file", str(key_file))
    assert result.exit_code == 0, result.output
    assert state.read_hold(node) is not None
    with sqlite3.connect(database) as restored:
        assert restored.execute("SELECT count(*) FROM crossings").fetchone()[0] == 50
    result = backup("verify", "--restored", "--data", str(node), "--key-file", str(key_file))
    assert result.exit_code == 0, result.output
    assert state.read_hold(node) is None


def test_a_restored_database_that_lost_rows_keeps_its_hold(
    node: Path, tmp_path: Path, key_file: Path
) -> None:
    repo = tmp_path / "repo"
    create(node, repo, key_file)
    assert (
        backup("restore", "--data", str(node), "--repo", str(repo), "--key-file", str(key_file)).exit_code
        == 0
    )
    with sqlite3.connect(node / "gerbang.db") as restored:
        restored.execute("DELETE FROM crossings WHERE rowid IN (SELECT rowid FROM crossings LIMIT 1)")
    result = backup("verify", "--restored", "--data", str(node), "--key-file", str(key_file))
    assert_fails_naming(result, "gerbang.db", "row counts")
    assert state.read_hold(node) is not None


def test_verify_fails_when_the_backed_up_audit_log_was_edited(
    node: Path, tmp_path: Path, key_file: Path
) -> None:
    with sqlite3.connect(node / "gerbang.db") as live:
        live.execute("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3")
    repo = tmp_path / "repo"
    create(node, repo, key_file)
    assert_fails_naming(verify(node, repo, key_file), str(repo), "audit chain")
