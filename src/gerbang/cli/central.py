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
    if sqlite_lock is not None:
        console.print(
            "SQLite: satu proses pusat saja (PostgreSQL untuk beberapa) / one center process only "
            "(PostgreSQL for several)"
        )
    else:
        console.print(
            "PostgreSQL: pekerjaan latar dibagi antar proses pusat / background jobs shared by every "
            "center process on this database"
        )
    serving.private_files()
    database = open_database(settings)
    console.print(f"central listening on http://{settings.host}:{settings.port} (API docs at /docs)")
    try:
        serving.run(create_app(settings, database=database), settings)
    finally:
        if sqlite_lock is not None:
            sqlite_lock.release()


@app.command("add-site-key")
@friendly_errors()
def add_site_key(
    keys: Annotated[Path, typer.Option("--keys", help="The key directory the first site runs with.")],
    out: Annotated[Path, typer.Option("--out", help="A new key directory for the other site.")],
) -> None:
    """Give another site signing keys of its own, trusted beside the first site's (nothing is retired)."""
    from gerbang.apps.site_keys import add_site_keys
    from gerbang.infra.clock import SystemClock

    sets = add_site_keys(keys, out, at=SystemClock().now())
    reference = keys / "reference" / "public-keys.json"
    console.print(
        f"kunci situs baru di / new site keys in {out}: {len(sets['reference'].keys)} reference keys"
    )
    console.print(
        f"jalankan situs itu dengan / start that site with --keys {out}; beri edge / give edges {reference}"
    )
