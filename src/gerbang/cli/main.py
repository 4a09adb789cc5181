"""The `gerbang` command: one Typer application with a sub-command per area."""

from __future__ import annotations

import typer

from gerbang.cli import (
    admin,
    audit,
    backup,
    central,
    db,
    edge,
    lab,
    mrz,
    policy,
    screen,
    site,
    status,
    sync,
    up,
    visa,
    watchlist,
)

app = typer.Typer(
    name="gerbang",
    help="Gerbang: immigration services that keep working when the data center does not.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.command("up")(up.up)
app.add_typer(central.app, name="central")
app.add_typer(edge.app, name="edge")
app.add_typer(db.app, name="db")
app.add_typer(admin.app, name="admin")
app.add_typer(audit.app, name="audit")
app.add_typer(backup.app, name="backup")
app.add_typer(watchlist.app, name="watchlist")
app.add_typer(policy.app, name="policy")
app.add_typer(sync.app, name="sync")
app.add_typer(mrz.app, name="mrz")
app.add_typer(screen.app, name="screen")
app.add_typer(visa.app, name="visa")
app.add_typer(status.app, name="status")
app.add_typer(lab.app, name="lab")
app.add_typer(site.app, name="site")


def run() -> None:
    """Console-script entry point."""
    app()
