"""Each node's database holds only the tables its role uses: an edge never gets the center's."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from gerbang.infra import migrate


def tables_after_migrating(tmp_path: Path, role: str | None) -> set[str]:
    url = f"sqlite:///{tmp_path / f'{role}.db'}"
    migrate.upgrade(url, role=role)
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_a_checkpoint_keeps_its_crossings_and_outbox_but_none_of_the_centers_lists(tmp_path: Path) -> None:
    tables = tables_after_migrating(tmp_path, "checkpoint")
    assert {"crossings", "crossing_overrides", "outbox", "accounts", "audit_log"} <= tables
    center_only = {"watchlist_entries", "alerts", "sync_nodes", "node_credentials", "foreigner_stays"}
    assert not tables & center_only
    assert not {t for t in tables if t.startswith(("visa_", "passport_", "status_"))}


def test_an_office_keeps_its_interviews_and_handovers_only(tmp_path: Path) -> None:
    tables = tables_after_migrating(tmp_path, "office")
    assert {"office_interviews", "office_handovers", "outbox"} <= tables
    assert "crossings" not in tables
    assert "passport_office_records" not in tables
    assert not {t for t in tables if t.startswith(("visa_", "passport_", "status_"))}


def test_the_status_node_keeps_its_own_tables_and_the_outbox_it_declares_outages_through(
    tmp_path: Path,
) -> None:
    tables = tables_after_migrating(tmp_path, "status")
    assert {"status_incidents", "status_subscribers", "accounts", "outbox"} <= tables
    assert not {"crossings", "watchlist_entries", "passport_applications"} & tables


def test_the_center_keeps_every_table_but_the_status_nodes(tmp_path: Path) -> None:
    every = tables_after_migrating(tmp_path, None)
    center = tables_after_migrating(tmp_path, "central")
    assert every - center == {t for t in every if t.startswith("status_")}


@pytest.mark.parametrize("role", ["checkpoint", "office", "status"])
def test_a_scoped_database_is_at_the_newest_revision(tmp_path: Path, role: str) -> None:
    url = f"sqlite:///{tmp_path / 'node.db'}"
    migrate.upgrade(url, role=role)
    engine = create_engine(url)
    try:
        assert migrate.is_up_to_date(engine, url)
    finally:
        engine.dispose()
