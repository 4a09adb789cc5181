"""`python -m gerbang.cli` runs the gerbang command (tests use it to avoid relying on PATH)."""

from gerbang.cli.main import run

run()
