"""`gerbang audit`: check that the audit log is exactly as it was written."""

from __future__ import annotations

import typer

from gerbang.cli.common import (
    ConfigOption,
    DatabaseOption,
    DataOption,
    console,
    database_from,
    friendly_errors,
)
from gerbang.infra.audit import verify_chain

app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)


@app.command("verify")
@friendly_errors()
def verify(data: DataOption = None, database_url: DatabaseOption = None, config: ConfigOption = None) -> None:
    """Walk the chain; exit 1 naming the first entry changed, inserted or deleted."""
    database = database_from(data, database_url, config)
    with database.transaction() as session:
        report = verify_chain(session)
    database.dispose()
    if report.first_break is None:
        console.print(f"audit log intact: {report.entries} entries")
        return
    broken = report.first_break
    console.print(f"[red]audit log broken at entry {broken.seq}: {broken.problem}[/red] — {broken.detail}")
    raise typer.Exit(1)
