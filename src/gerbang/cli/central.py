"""`gerbang central`: run the central service."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

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

app = typer.Typer(help="Run the central service.", no_args_is_help=True)


@app.command("serve")
@friendly_errors()
def serve(
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Migrate the database and serve the central API (docs at /docs)."""
    settings = settings_from(data, database_url, config, host=host, port=port)
    database = open_database(settings)
    console.print(f"central listening on http://{settings.host}:{settings.port} (API docs at /docs)")
    uvicorn.run(
        create_app(settings, database=database),
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        access_log=False,
    )
