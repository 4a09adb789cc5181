"""Fixtures for the backup tests: a migrated SQLite node with records, and a backup key file."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from gerbang.border.orm import CrossingRow
from gerbang.infra import audit, migrate
from gerbang.infra.backup.keys import create_key
from gerbang.infra.database import Database

AT = datetime(2026, 6, 20, 4, 15, tzinfo=UTC)


def add_crossings(session: Session, count: int) -> None:
    for _ in range(count):
        session.add(
            CrossingRow(
                id=uuid.uuid4(),
                node="cgk",
                site="CGK",
                lane="C1",
                direction="entry",
                document_number="E1",
                nationality="IDN",
                surname="SANTOSO",
                given_names="BUDI",
                birth_date=None,
                flight="GA1",
                credential_id=None,
                decision="admit",
                reasons={},
                permitted_until=None,
                offline=False,
                reference_version=1,
                officer="officer",
                recorded_at=AT,
                received_at=AT,
            )
        )


def make_node(data_dir: Path, *, crossings: int = 50) -> Path:
    """A center data directory with a database, a kept key file and some records; return the database."""
    (data_dir / "keys" / "reference").mkdir(parents=True)
    (data_dir / "keys" / "reference" / "signing-key.pem").write_text("a kept file\n")
    path = data_dir / "gerbang.db"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    database = Database(url)
    with database.transaction() as session:
        add_crossings(session, crossings)
        for n in range(5):
            audit.record(
                session, actor="officer", action="test", record_type="crossing", at=AT + timedelta(seconds=n)
            )
    database.dispose()
    return path


@pytest.fixture
def node(tmp_path: Path) -> Path:
    """The data directory of a small center on SQLite."""
    data_dir = tmp_path / "central"
    make_node(data_dir)
    return data_dir


@pytest.fixture
def node_maker() -> Callable[[Path], Path]:
    """`make_node` for tests that place a node themselves."""
    return make_node


@pytest.fixture
def crossing_adder() -> Callable[[Session, int], None]:
    return add_crossings


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "secrets" / "backup.key"
    create_key(path)
    return path
