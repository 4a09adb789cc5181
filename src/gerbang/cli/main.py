"""The `gerbang` command: one Typer application whose areas are imported only when they are asked for."""

from __future__ import annotations

import importlib
import sys
from typing import Annotated, Any

import typer

import gerbang

# Area name -> (module, attribute, kind). An edge process runs `gerbang edge serve`, so only
# `gerbang.cli.edge` is imported: no center, signing or status module enters that process.
AREAS: dict[str, tuple[str, str, str]] = {
    "up": ("gerbang.cli.up", "up", "command"),
    "down": ("gerbang.cli.local", "down", "command"),
    "ps": ("gerbang.cli.local", "ps", "command"),
    "logs": ("gerbang.cli.local", "logs", "command"),
    "central": ("gerbang.cli.central", "app", "group"),
    "edge": ("gerbang.cli.edge", "app", "group"),
    "db": ("gerbang.cli.db", "app", "group"),
    "admin": ("gerbang.cli.admin", "app", "group"),
    "audit": ("gerbang.cli.audit", "app", "group"),
    "backup": ("gerbang.cli.backup", "app", "group"),
    "watchlist": ("gerbang.cli.watchlist", "app", "group"),
    "policy": ("gerbang.cli.policy", "app", "group"),
    "sync": ("gerbang.cli.sync", "app", "group"),
    "mrz": ("gerbang.cli.mrz", "app", "group"),
    "screen": ("gerbang.cli.screen", "app", "group"),
    "visa": ("gerbang.cli.visa", "app", "group"),
    "status": ("gerbang.cli.status", "app", "group"),
    "lab": ("gerbang.cli.lab", "app", "group"),
    "site": ("gerbang.cli.site", "app", "group"),
    "drill": ("gerbang.cli.drill", "app", "group"),
}


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"gerbang {gerbang.__version__}")
        raise typer.Exit()


def build(areas: list[str] | None = None) -> typer.Typer:
    """The command with the named areas (all of them when None) registered."""
    app = typer.Typer(
        name="gerbang",
        help="Gerbang: immigration services that keep working when the data center does not.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
    )

    @app.callback()
    def _main(
        _version: Annotated[
            bool,
            typer.Option(
                "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
            ),
        ] = False,
    ) -> None:
        """Gerbang: immigration services that keep working when the data center does not."""

    for name in areas if areas is not None else list(AREAS):
        module_name, attribute, kind = AREAS[name]
        try:
            target: Any = getattr(importlib.import_module(module_name), attribute)
        except (ModuleNotFoundError, AttributeError):
            continue  # an area not built into this release is simply not offered
        if kind == "command":
            app.command(name)(target)
        else:
            app.add_typer(target, name=name)
    return app


def __getattr__(name: str) -> Any:
    # `from gerbang.cli.main import app` (tests, documentation tools) gets every area.
    if name == "app":
        return build()
    raise AttributeError(name)


def run() -> None:
    """Console-script entry point: import only the area the command line names."""
    wanted = sys.argv[1] if len(sys.argv) > 1 else None
    build([wanted] if wanted in AREAS else None)()
