"""A checkpoint served in-process with an officer and a supervisor, for the page tests of this folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gerbang.apps.edge import create_app
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import create_key_directory
from gerbang.kernel.clock import FixedClock

PASSWORD = "correct-horse-battery"


@pytest.fixture
def checkpoint_client(tmp_path: Path, sqlite_url: str, clock: FixedClock) -> Iterator[TestClient]:
    """CGK with a counter and an autogate lane; `officer1` and `super1` sign in with PASSWORD."""
    create_key_directory(tmp_path / "keys", at=clock.now())
    settings = Settings(
        trust_file=tmp_path / "keys" / "public-keys.json", role="checkpoint", site="CGK",
        node_name="cgk", data_dir=tmp_path, lanes="C1:counter,A1:autogate",
    )  # fmt: skip
    migrate.upgrade(sqlite_url)
    database = Database(sqlite_url)
    with database.transaction() as session:
        for username, role in [("officer1", Role.CHECKPOINT_OFFICER), ("super1", Role.SUPERVISOR)]:
            accounts.create_account(
                session, username=username, password=PASSWORD, roles=frozenset({role}),
                display_name=None, actor="shell:admin", at=clock.now(),
            )  # fmt: skip
    app = create_app(settings, clock=clock, database=database, background=False)
    with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as test_client:
        yield test_client
    database.dispose()
