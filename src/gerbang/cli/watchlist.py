"""`gerbang watchlist`: load the center's watchlist from JSON Lines (edges receive it signed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from gerbang.border.center.watchlist import replace_watchlist
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
from gerbang.kernel.errors import InvalidInput
from gerbang.screening import parse_entry

app = typer.Typer(help="The center's watchlist.", no_args_is_help=True)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every object in a JSON Lines file; the first bad line is reported with its number."""
    if not path.is_file():
        raise InvalidInput("file.missing", field="file", path=path)
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInput(
                    "file.line_not_json", field="file", name=path.name, number=number, msg=exc.msg
                ) from None
            if not isinstance(record, dict):
                raise InvalidInput("file.line_not_object", field="file", name=path.name, number=number)
            try:
                parse_entry(record)
            except InvalidInput as exc:
                raise InvalidInput(
                    "file.line_problem", field=exc.field, name=path.name, number=number, message=exc.message
                ) from None
            records.append(record)
    return records


@app.command("import")
@friendly_errors()
def import_watchlist(
    file: Annotated[Path, typer.Argument(help="Watchlist entries, one JSON object a line.")],
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
) -> None:
    """Replace the whole watchlist with FILE; every line is checked first, so a bad file changes nothing."""
    raw = read_jsonl(file)
    database = database_from(data, database_url, config)
    now = SystemClock().now()
    with database.transaction() as session:
        count = replace_watchlist(session, raw, at=now)
        audit.record(
            session,
            actor="shell:admin",
            action="watchlist.replace",
            record_type="watchlist",
            details={"entries": count},
            at=now,
        )
    database.dispose()
    console.print(f"watchlist replaced: {count} entries; edges receive it with their next reference poll")
