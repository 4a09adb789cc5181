"""`gerbang sync`: the center's view of what each edge has uploaded, and asking an edge to send again."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import select

from gerbang.cli.common import (
    ConfigOption,
    DatabaseOption,
    DataOption,
    console,
    database_from,
    friendly_errors,
)
from gerbang.infra import audit
from gerbang.infra.clock import SystemClock
from gerbang.sync.center import ingest
from gerbang.sync.orm import SyncNodeRow

app = typer.Typer(help="What edges have uploaded to the center.", no_args_is_help=True)


@app.command("status")
@friendly_errors()
def status(data: DataOption = None, database_url: DatabaseOption = None, config: ConfigOption = None) -> None:
    """Records received, repeats counted, and how far the center holds each edge's outbox."""
    database = database_from(data, database_url, config, must_exist=True)
    with database.transaction() as session:
        rows = session.execute(select(SyncNodeRow).order_by(SyncNodeRow.node)).scalars().all()
        table = Table("node", "records", "repeats", "held through", "last batch")
        for row in rows:
            last = row.last_batch_at.isoformat(timespec="seconds") if row.last_batch_at else "never"
            table.add_row(
                row.node,
                str(row.records_received),
                str(row.duplicates_received),
                str(row.held_through_seq),
                last,
            )
    console.print(table)


@app.command("reupload")
@friendly_errors()
def reupload(
    node: Annotated[str, typer.Argument(help="The edge node, e.g. cgk.")],
    after_seq: Annotated[int, typer.Option(help="Send again everything after this outbox position.")] = 0,
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
) -> None:
    """Ask an edge to send again what it still keeps (after restoring the center from a backup)."""
    database = database_from(data, database_url, config, must_exist=True)
    now = SystemClock().now()
    with database.transaction() as session:
        ingest.request_reupload(session, node=node, after_seq=after_seq)
        audit.record(
            session,
            actor="shell:admin",
            action="sync.reupload",
            record_type="node",
            record_id=node,
            details={"after_seq": after_seq},
            at=now,
        )
    console.print(f"{node} will send again everything after position {after_seq} at its next contact")
