"""`gerbang audit`: check that the audit log is exactly as it was written, up to its published heads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer

from gerbang import words
from gerbang.cli.common import (
    ConfigOption,
    DatabaseOption,
    DataOption,
    console,
    database_from,
    friendly_errors,
)
from gerbang.infra.audit import ChainBreak, verify_chain
from gerbang.infra.audit_heads import SignedHead, checked, first_unwitnessed, heads_path, read_heads
from gerbang.kernel.errors import InvalidInput, Unavailable
from gerbang.status.audit_witness import WITNESS_FILE

app = typer.Typer(help="The keyed hash-chained audit log.", no_args_is_help=True)

WitnessOption = Annotated[
    str | None,
    typer.Option(
        "--witness",
        help=(
            "The status node's URL, its data directory, or a file of the heads it keeps (its "
            "/api/v1/audit-heads answer): every head it witnessed must still be in the chain."
        ),
    ),
]


def witness_heads(source: str) -> list[SignedHead]:
    """The center's audit heads a witness keeps: asked of a status node's URL, or read from a file."""
    if source.startswith(("http://", "https://")):
        return _heads_from(_fetched(source), source)
    path = Path(source)
    if path.is_dir():
        path = path / WITNESS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(
            "audit.witness_unreadable", field="witness", path=path, error=type(exc).__name__
        ) from None
    return _heads_from(raw, source)


def _fetched(url: str) -> Any:
    try:
        response = httpx.get(f"{url.rstrip('/')}/api/v1/audit-heads", timeout=10)
    except httpx.HTTPError as exc:
        raise Unavailable("audit.status_unreachable", url=url, error=type(exc).__name__) from None
    if response.status_code != 200:
        raise Unavailable("audit.status_answered", url=url, status_code=response.status_code)
    try:
        return response.json()
    except ValueError:
        raise InvalidInput("audit.status_no_heads", field="witness", url=url) from None


def _heads_from(raw: Any, source: str) -> list[SignedHead]:
    # The status node's answer is {"heads": [...]}; the file it keeps is the bare list.
    items = raw.get("heads") if isinstance(raw, dict) else raw
    try:
        if not isinstance(items, list):
            raise ValueError("not a list")
        return [SignedHead.from_json(item) for item in items]
    except ValueError:
        raise InvalidInput("audit.status_no_heads", field="witness", url=source) from None


@app.command("verify")
@friendly_errors()
def verify(
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
    witness: WitnessOption = None,
) -> None:
    """Walk the chain, its published heads and a witness's heads; exit 1 naming the first that is off."""
    witnessed = witness_heads(witness) if witness else []
    if witness and not witnessed:
        raise InvalidInput("audit.witness_empty", field="witness", witness=witness)
    database = database_from(data, database_url, config, must_exist=True)
    key = database.audit_key.get()
    path = heads_path(database)
    try:
        kept = read_heads(path) if path else []
    except ValueError:
        kept, damaged = [], True
    else:
        damaged = False
    published, forged = checked(kept, key)
    with database.transaction() as session:
        report = verify_chain(session, published=published)
        unwitnessed = first_unwitnessed(session, witnessed, key)
    database.dispose()
    breaks: list[ChainBreak] = [b for b in (report.first_break, unwitnessed) if b is not None]
    if not breaks and (forged or damaged):
        breaks.append(ChainBreak(0, "changed", "audit.published_damaged"))
    if not breaks:
        counts = {"entries": report.entries, "published": len(published), "witnessed": len(witnessed)}
        console.print(words.say("audit.intact", "en", **counts), highlight=False, soft_wrap=True)
        return
    for broken in breaks:
        line = words.say("audit.broken", "en", seq=broken.seq, problem=broken.problem, detail=broken.detail)
        console.print(f"[red]{line}[/red]", highlight=False, soft_wrap=True)
    raise typer.Exit(1)
