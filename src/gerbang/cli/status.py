"""`gerbang status`: run the status node, which watches every other node from outside the center."""

from __future__ import annotations

from typing import Annotated

import typer

from gerbang.apps.status import create_app
from gerbang.cli.common import (
    ConfigOption,
    DatabaseOption,
    DataOption,
    console,
    friendly_errors,
    open_database,
    settings_from,
)
from gerbang.web import serving

app = typer.Typer(
    help="Run the status node (public status page, feed and subscribers).", no_args_is_help=True
)


@app.command("serve")
@friendly_errors()
def serve(
    center_url: Annotated[
        str | None, typer.Option(help="Where the center answers: one URL, or several comma-separated.")
    ] = None,
    node_key: Annotated[
        str | None, typer.Option(help="This node's key at the center, role status (or GERBANG_NODE_KEY).")
    ] = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve the status page; what to probe is read from status.toml in the data directory."""
    settings = settings_from(
        data,
        database_url,
        config,
        role="status",
        node_name=None,
        center_url=center_url,
        node_key=node_key,
        host=host,
        port=port,
    )
    serving.private_files()
    database = open_database(settings)
    web_app = create_app(settings, database=database)
    console.print(f"status {settings.node_name} listening on http://{settings.host}:{settings.port}")
    serving.run(web_app, settings)
