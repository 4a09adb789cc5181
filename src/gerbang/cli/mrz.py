"""`gerbang mrz`: check and make ICAO Doc 9303 machine-readable zones."""

from __future__ import annotations

import typer

app = typer.Typer(help="Check and make machine-readable zones (ICAO Doc 9303).", no_args_is_help=True)
