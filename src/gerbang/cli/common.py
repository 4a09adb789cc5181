"""Options and helpers that several `gerbang` commands share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from sqlalchemy.exc import DatabaseError

from gerbang.infra import migrate
from gerbang.infra.database import Database
from gerbang.infra.settings import Settings, load_settings
from gerbang.kernel.errors import GerbangError, InvalidInput, NotFound

console = Console()
# Errors are never wrapped: a path or a command in one must stay whole to be copied.
errors = Console(stderr=True, soft_wrap=True)

DataOption = Annotated[
    Path | None, typer.Option("--data", help="Data directory (default: GERBANG_DATA_DIR or ./gerbang-data).")
]
DatabaseOption = Annotated[
    str | None, typer.Option("--database-url", help="SQLAlchemy URL; SQLite in the data directory if unset.")
]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="A TOML file of settings.")]

P = ParamSpec("P")
R = TypeVar("R")


def settings_from(
    data: Path | None, database_url: str | None, config: Path | None, **extra: object
) -> Settings:
    """Settings from the command line, then the environment, then the TOML file."""
    return load_settings(config, data_dir=data, database_url=database_url, **extra)


def open_database(settings: Settings, *, upgrade: bool = True, must_exist: bool = False) -> Database:
    """Open the node's database, migrating it to the newest schema first.

    With `must_exist`, a SQLite node's database must already be there: a command that only looks
    at a node never creates an empty one under a mistyped --data.
    """
    if settings.database_url is None and (settings.data_dir / "nodes.json").is_file():
        # The folder of a whole `gerbang up`, not of one node: never start an empty database there.
        raise InvalidInput(
            "cli.whole_platform", field="data", data=settings.data_dir, central=settings.data_dir / "central"
        )
    url = settings.effective_database_url
    path = Path(url.split("///", 1)[1]) if url.startswith("sqlite:///") else None
    if must_exist and path is not None and not path.is_file():
        raise NotFound("cli.no_database", field="data", path=path)
    if upgrade:
        try:
            migrate.upgrade(url, role=settings.role)
        except DatabaseError as exc:
            if path is None:
                raise
            raise InvalidInput("cli.not_a_database", field="data", path=path, problem=exc.orig) from None
    return Database(
        settings.effective_database_url, key_dir=settings.data_dir, audit_key_file=audit_key_file(settings)
    )


def audit_key_file(settings: Settings) -> Path:
    """The audit key beside the node's other keys (DATA/keys unless --keys / GERBANG_KEYS_DIR says)."""
    return settings.effective_keys_dir / "audit.key"


def database_from(
    data: Path | None, database_url: str | None, config: Path | None, *, must_exist: bool = False
) -> Database:
    """The migrated database named by the usual --data, --database-url and --config options."""
    return open_database(settings_from(data, database_url, config), must_exist=must_exist)


def friendly_errors(exit_code: int = 2) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Turn a GerbangError into one clear line on stderr and an exit status, never a traceback."""

    def decorate(command: Callable[P, R]) -> Callable[P, R]:
        @wraps(command)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return command(*args, **kwargs)
            except GerbangError as exc:
                where = f" ({exc.field})" if exc.field else ""
                errors.print(f"[red]error{where}:[/red] {exc.message}", highlight=False)
                raise typer.Exit(exit_code) from None

        return wrapper

    return decorate
