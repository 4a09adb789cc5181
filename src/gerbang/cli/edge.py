"""`gerbang edge`: run an edge node: a border checkpoint or a passport office."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gerbang.apps.edge import create_app
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

app = typer.Typer(help="Run an edge node: a checkpoint or a passport office.", no_args_is_help=True)


@app.command("serve")
@friendly_errors()
def serve(
    role: Annotated[
        str | None, typer.Option(help="checkpoint or office (default: the settings file, else checkpoint).")
    ] = None,
    site: Annotated[str | None, typer.Option(help="Site code, e.g. CGK.")] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Node name (default: the site in lower case).")
    ] = None,
    center_url: Annotated[
        str | None, typer.Option(help="Where the center answers: one URL, or several comma-separated.")
    ] = None,
    node_key: Annotated[
        str | None, typer.Option(help="This node's key at the center (or GERBANG_NODE_KEY).")
    ] = None,
    trust: Annotated[Path | None, typer.Option(help="The center's reference public keys (JSON).")] = None,
    lanes: Annotated[str | None, typer.Option(help="Lanes, e.g. C1:counter,A1:autogate.")] = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve an edge node: it works on its own signed data and uploads to the center when it can."""
    settings = settings_from(
        data,
        database_url,
        config,
        role=role,
        site=site,
        node_name=name or (site.lower() if site else None),
        center_url=center_url,
        node_key=node_key,
        trust_file=trust,
        lanes=lanes,
        host=host,
        port=port,
    )
    if settings.role == "central":
        # Nothing named an edge role: an edge node is a checkpoint unless told otherwise.
        settings = settings.model_copy(update={"role": "checkpoint"})
    serving.private_files()
    database = open_database(settings)
    web_app = create_app(settings, database=database)
    console.print(f"{settings.role} {settings.node_name} listening on http://{settings.host}:{settings.port}")
    serving.run(web_app, settings)
