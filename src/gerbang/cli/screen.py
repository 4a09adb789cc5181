"""`gerbang screen`: Screen travellers against watchlists."""

from __future__ import annotations

import typer

app = typer.Typer(help="Screen travellers against watchlists.", no_args_is_help=True)
