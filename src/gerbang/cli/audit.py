"""`gerbang audit`: check that the audit log is exactly as it was written, up to its published heads."""

from __future__ import annotations

from typing import Annotated

import httpx
import typer

from gerbang.cli.common import (
    ConfigOption,
    DatabaseOption,
    DataOption,
    console,
    database_from,
    friendly_errors,
)
from gerbang.infra.audit import ChainBreak, verify_chain
from gerbang.infra.audit_heads import SignedHead, checked, heads_path, read_heads
from gerbang.kernel.errors import InvalidInput, Unavailable

app = typer.Typer(help="The keyed hash-chained audit log.", no_args_is_help=True)

WitnessOption = Annotated[
    str | None,
    typer.Option(
        "--witness",
        help="The status node's URL: check the center's heads it keeps too / URL node status.",
    ),
]


def witness_heads(url: str) -> list[SignedHead]:
    """The center's audit heads that the status node at `url` keeps."""
    try:
        response = httpx.get(f"{url.rstrip('/')}/api/v1/audit-heads", timeout=10)
    except httpx.HTTPError as exc:
        raise Unavailable("audit.status_unreachable", url=url, error=type(exc).__name__) from None
    if response.status_code != 200:
        raise Unavailable("audit.status_answered", url=url, status_code=response.status_code)
    try:
        body = response.json()
        return [SignedHead.from_json(item) for item in body.get("heads", [])]
    except (ValueError, AttributeError):
        raise InvalidInput("audit.status_no_heads", field="witness", url=url) from None


@app.command("verify")
@friendly_errors()
def verify(
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
    witness: WitnessOption = None,
) -> None:
    """Walk the chain and its published heads; exit 1 naming the first entry changed, inserted or deleted."""
    database = database_from(data, database_url, config)
    path = heads_path(database)
    try:
        kept = read_heads(path) if path else []
    except ValueError:
        kept, damaged = [], True
    else:
        damaged = False
    if witness:
        kept += witness_heads(witness)
    published, forged = checked(kept, database.audit_key.get())
    with database.transaction() as session:
        report = verify_chain(session, published=published)
    database.dispose()
    broken: ChainBreak | None = report.first_break
    if broken is None and (forged or damaged):
        broken = ChainBreak(0, "changed", "a published head is damaged or not signed with this node's key")
    if broken is None:
        console.print(f"audit log intact: {report.entries} entries, {len(published)} published heads match")
        return
    console.print(f"[red]audit log broken at entry {broken.seq}: {broken.problem}[/red] — {broken.detail}")
    raise typer.Exit(1)
