"""`gerbang db`: schema migrations."""

from __future__ import annotations

import typer

from gerbang.cli.common import (
    ConfigOption,
    DatabaseOption,
    DataOption,
    console,
    friendly_errors,
    open_database,
    settings_from,
)
from gerbang.infra import migrate

app = typer.Typer(help="Database schema migrations.", no_args_is_help=True)


@app.command("upgrade")
@friendly_errors()
def upgrade(
    data: DataOption = None, database_url: DatabaseOption = None, config: ConfigOption = None
) -> None:
    """Bring the database to the newest schema."""
    settings = settings_from(data, database_url, config)
    database = open_database(settings)
    console.print(f"database at revision {migrate.current_revision(database.engine)}")
    database.dispose()
