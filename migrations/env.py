"""Alembic environment: the metadata of every context, run online against the configured URL."""

from __future__ import annotations

from alembic import context

import gerbang.infra.orm as infra_orm
from gerbang.infra.database import create_database_engine

ORM_MODULES = (
    "gerbang.border.orm",
    "gerbang.border.lanes_orm",
    "gerbang.passports.center.clock.orm",
    "gerbang.passports.center.orm",
    "gerbang.passports.office.orm",
    "gerbang.status.orm",
    "gerbang.sync.orm",
    "gerbang.visas.center.orm",
)
# The metadata only matters when comparing models with the schema (autogenerate), which is done
# with no role; a node migrating its own database must not load the center's modules for it.
if context.config.attributes.get("gerbang_role") is None:
    for module in ORM_MODULES:
        __import__(module)  # each import registers its tables
target_metadata = infra_orm.Base.metadata


def run_migrations_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url must be set"
    engine = create_database_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
