"""Schema migrations with Alembic: bring a database to the newest schema, or say how far it is."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

import gerbang

MIGRATIONS_DIR = Path(gerbang.__file__).resolve().parents[2] / "migrations"


def alembic_config(url: str, role: str | None = None) -> Config:
    """An Alembic configuration for `url` without any ini file on disk; `role` scopes the tables."""
    config = Config()
    config.attributes["gerbang_role"] = role
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Alembic's config is a ConfigParser: a literal % in a password must be doubled.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head", *, role: str | None = None) -> None:
    """Apply every migration up to `revision`, creating only the tables a node of `role` keeps."""
    command.upgrade(alembic_config(url, role), revision)


def head_revision(url: str) -> str | None:
    """The newest revision the code knows."""
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_up_to_date(engine: Engine, url: str) -> bool:
    """True when the database is at the newest revision."""
    return current_revision(engine) == head_revision(url)
