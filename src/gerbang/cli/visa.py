"""`gerbang visa`: Keys, issuing and verification of signed visa credentials."""

from __future__ import annotations

import typer

app = typer.Typer(help="Keys, issuing and verification of signed visa credentials.", no_args_is_help=True)
