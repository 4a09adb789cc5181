"""Migrations give the same schema on SQLite and PostgreSQL, and readiness tracks them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, inspect

# Every node's app, so that every context's tables are registered on the metadata compared below.
import gerbang.apps.central
import gerbang.apps.edge
import gerbang.apps.status  # noqa: F401
from gerbang.infra import migrate
from gerbang.infra.database import Database, normalise_url
from gerbang.infra.orm import Base


def _schema(url: str) -> dict[str, Any]:
    engine = create_engine(normalise_url(url))
    inspector = inspect(engine)
    schema: dict[str, Any] = {}
    for table in inspector.get_table_names():
        if table == "alembic_version":
            continue
        # Types differ by design (UUID is native on PostgreSQL, CHAR(32) on SQLite); names and
        # nullability, keys and unique constraints must not.
        columns = {c["name"]: c["nullable"] for c in inspector.get_columns(table)}
        schema[table] = {
            "columns": sorted(columns),
            "nullable": sorted(name for name, nullable in columns.items() if nullable),
            "primary_key": sorted(inspector.get_pk_constraint(table)["constrained_columns"]),
            "foreign_keys": sorted(
                (tuple(fk["constrained_columns"]), fk["referred_table"])
                for fk in inspector.get_foreign_keys(table)
            ),
            "unique": sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)),
        }
    engine.dispose()
    return schema


def test_migrations_give_the_same_schema_on_sqlite_and_postgresql(sqlite_url: str, postgres_url: str) -> None:
    migrate.upgrade(sqlite_url)
    migrate.upgrade(postgres_url)
    on_sqlite, on_postgres = _schema(sqlite_url), _schema(postgres_url)
    assert on_sqlite == on_postgres
    assert set(on_sqlite) == set(Base.metadata.tables)


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    migrate.upgrade(database_url)
    tables = _schema(database_url)
    for name, table in Base.metadata.tables.items():
        assert tables[name]["columns"] == sorted(c.name for c in table.columns), name


def test_database_is_up_to_date_only_after_upgrade(database_url: str) -> None:
    db = Database(database_url)
    assert migrate.current_revision(db.engine) is None
    assert not migrate.is_up_to_date(db.engine, db.url)
    migrate.upgrade(database_url)
    assert migrate.is_up_to_date(db.engine, db.url)
    db.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_full_sync(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    db.dispose()
