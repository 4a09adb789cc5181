"""`gerbang policy`: read and replace the center's entry policy (checkpoints receive it signed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from gerbang.border.center.policy import policy_in_force, replace_border_policy
from gerbang.border.domain import BorderPolicy
from gerbang.cli.admin import SHELL_ACTOR
from gerbang.cli.common import (
    ConfigOption,
    DatabaseOption,
    DataOption,
    database_from,
    friendly_errors,
)
from gerbang.infra.clock import SystemClock
from gerbang.kernel.errors import InvalidInput, MalformedInput

app = typer.Typer(help="The entry policy checkpoints decide with.", no_args_is_help=True)


def read_policy_file(path: Path) -> dict[str, Any]:
    """The policy document in `path`, checked; what is wrong is named (JSON position, section and row)."""
    if not path.is_file():
        raise InvalidInput("file.missing", field="file", path=path)
    try:
        document = json.loads(path.read_bytes())
    except UnicodeDecodeError:
        raise MalformedInput("file.not_utf8", field="file", name=path.name) from None
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            "file.not_json_at", field="file", name=path.name, msg=exc.msg, lineno=exc.lineno, colno=exc.colno
        ) from None
    try:
        BorderPolicy.from_json(document)
    except MalformedInput as exc:
        raise MalformedInput("file.problem", field="file", name=path.name, message=exc.message) from None
    # Checked above: from_json accepts only an object.
    checked: dict[str, Any] = document
    return checked


@app.command("show")
@friendly_errors()
def show(data: DataOption = None, database_url: DatabaseOption = None, config: ConfigOption = None) -> None:
    """Print the policy in force as JSON; its version and origin go to stderr, so the output can be
    saved, edited and imported again."""
    database = database_from(data, database_url, config)
    with database.reading() as session:
        current = policy_in_force(session)
    database.dispose()
    if current.imported_at is None:
        typer.echo("entry policy version 0: the one packaged with this release (none imported yet)", err=True)
    else:
        imported = current.imported_at.isoformat(timespec="seconds")
        typer.echo(
            f"entry policy version {current.version}, imported {imported} by {current.imported_by}: "
            f"{current.reason}",
            err=True,
        )
    typer.echo(json.dumps(current.document, indent=2, ensure_ascii=False))


@app.command("import")
@friendly_errors()
def import_policy(
    file: Annotated[Path, typer.Argument(help="The whole policy as JSON, as `policy show` prints it.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the policy changes (kept and audited).")],
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
) -> None:
    """Replace the entry policy with FILE; it is checked first, so a bad file changes nothing."""
    document = read_policy_file(file)
    if not reason.strip():
        raise InvalidInput("entry_policy.say_why", field="reason")
    database = database_from(data, database_url, config)
    with database.transaction() as session:
        reference = replace_border_policy(
            session, document, reason=reason, actor=SHELL_ACTOR, at=SystemClock().now()
        )
        version = policy_in_force(session).version
    database.dispose()
    typer.echo(
        f"entry policy version {version} in force (reference version {reference}); "
        "checkpoints receive it with their next reference poll"
    )
