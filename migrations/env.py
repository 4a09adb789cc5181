"""Alembic environment: the metadata of every context, run online against the configured URL."""

from __future__ import annotations

from alembic import context

import gerbang.border.lanes_orm
import gerbang.border.orm
import gerbang.infra.orm as infra_orm
import gerbang.passports.center.clock.orm
import gerbang.passports.center.orm
import gerbang.passports.office.orm
import gerbang.status.orm
import gerbang.sync.orm
import gerbang.visas.center.orm  # noqa: F401  (each import registers its tables)
from gerbang.infra.database import create_database_engine

# Each context's tables register on the shared metadata when its orm module is imported.
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
