"""`gerbang central`: run the central service."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gerbang.apps.central import create_app
from gerbang.cli.common import (
    ConfigOption,
    DatabaseOption,
    DataOption,
    console,
    friendly_errors,
    open_database,
    settings_from,
)
from gerbang.infra.leases import hold_sqlite_alone
from gerbang.web import serving

app = typer.Typer(help="Run the central service.", no_args_is_help=True)


@app.command("serve")
@friendly_errors()
def serve(
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    keys: Annotated[
        Path | None,
        typer.Option(
            "--keys", help="The signing keys and payment secret (or GERBANG_KEYS_DIR; default DATA/keys)."
        ),
    ] = None,
) -> None:
    """Migrate the database and serve the central API (docs at /docs)."""
    settings = settings_from(data, database_url, config, host=host, port=port, keys_dir=keys)
    # SQLite serves one center process; a second one on the same file is refused (infra/leases.py).
    sqlite_lock = hold_sqlite_alone(settings.effective_database_url)
    serving.private_files()
    database = open_database(settings)
    console.print(f"central listening on http://{settings.host}:{settings.port} (API docs at /docs)")
    try:
        serving.run(create_app(settings, database=database), settings)
    finally:
        if sqlite_lock is not None:
            sqlite_lock.release()
