"""Settings come from arguments, then GERBANG_* variables, then a TOML file."""

from __future__ import annotations

from pathlib import Path

import pytest

from gerbang.infra.settings import load_settings
from gerbang.kernel.errors import InvalidInput


def test_default_database_is_sqlite_in_the_data_directory(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, node_name="cgk")
    assert settings.effective_database_url == f"sqlite:///{(tmp_path / 'gerbang.db').as_posix()}"


def test_environment_overrides_toml_and_arguments_override_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "gerbang.toml"
    config.write_text('port = 9000\nsite = "DPS"\nnode_name = "from-toml"\n')
    monkeypatch.setenv("GERBANG_PORT", "9100")
    settings = load_settings(config, node_name="from-argument")
    assert (settings.port, settings.site, settings.node_name) == (9100, "DPS", "from-argument")


def test_postgres_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GERBANG_DATABASE_URL", "postgresql://gerbang@db/gerbang")
    assert load_settings().effective_database_url == "postgresql://gerbang@db/gerbang"


def test_unknown_database_and_missing_file_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="must start with sqlite"):
        load_settings(database_url="mysql://x")
    with pytest.raises(InvalidInput, match="does not exist"):
        load_settings(tmp_path / "missing.toml")


def test_unknown_toml_key_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "gerbang.toml"
    config.write_text("prot = 9000\n")
    with pytest.raises(InvalidInput, match="prot"):
        load_settings(config)
