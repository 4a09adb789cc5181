"""`gerbang backup`: create, list, verify and restore backups of a node's store, and run the vault side."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from gerbang.cli.common import (
    ConfigOption,
    DatabaseOption,
    DataOption,
    console,
    errors,
    friendly_errors,
    settings_from,
)
from gerbang.infra.backup import keys, state
from gerbang.infra.backup.manifest import BackupBroken
from gerbang.infra.settings import Settings
from gerbang.kernel.errors import InvalidInput
from gerbang.recovery.backup import vault
from gerbang.recovery.backup.catalogue import list_sets

app = typer.Typer(help="Encrypted backups, checked by restoring them; the vault.", no_args_is_help=True)

Store = Literal["sqlite", "postgres"]
RepoOption = Annotated[
    Path | None, typer.Option("--repo", envvar="GERBANG_BACKUP_REPO", help="The near repository.")
]
VaultOption = Annotated[
    Path | None, typer.Option("--vault", envvar="GERBANG_BACKUP_VAULT", help="The vault directory.")
]
KeyOption = Annotated[
    Path | None,
    typer.Option(
        "--key-file", help="Backup key file, kept apart from data and backups (GERBANG_BACKUP_KEY_FILE)."
    ),
]
StoreOption = Annotated[
    str | None, typer.Option("--store", help="sqlite or postgres; inferred from the database URL if unset.")
]
PgConfigOption = Annotated[
    Path | None,
    typer.Option("--pgbackrest-config", envvar="GERBANG_PGBACKREST_CONFIG", help="pgbackrest.conf."),
]
StanzaOption = Annotated[str, typer.Option("--stanza", help="The pgBackRest stanza.")]


def _now() -> datetime:
    return datetime.now(UTC)


def _store(settings: Settings, given: str | None) -> Store:
    if given is not None:
        if given not in ("sqlite", "postgres"):
            raise InvalidInput("backup.store_kind", field="store")
        return "sqlite" if given == "sqlite" else "postgres"
    return "postgres" if settings.effective_database_url.startswith("postgresql") else "sqlite"


def _sqlite_path(settings: Settings) -> Path:
    return Path(settings.effective_database_url.split("///", 1)[1])


def _vault(vault_dir: Path | None) -> Path:
    return vault.existing(_need(vault_dir, "vault"))


def _need(path: Path | None, what: str) -> Path:
    if path is None:
        raise InvalidInput("backup.name_it", field=what, what=what)
    return path


@contextmanager
def _progress(description: str) -> Iterator[Callable[[int, int], None]]:
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance


def _broken(exc: BackupBroken) -> typer.Exit:
    errors.print(
        f"[red]verifikasi gagal / verification failed[/red] — {exc.file}: {exc.check}: {exc.detail}",
        highlight=False,
        # One unbroken line: the file's path stays whole for whoever greps the log or reads it.
        soft_wrap=True,
    )
    return typer.Exit(1)


@app.command("key")
@friendly_errors()
def key(key_file: KeyOption = None) -> None:
    """Create a new backup key file (never replaces one); keep it apart from the data and the backups."""
    path = keys.key_from_environment(key_file)
    keys.create_key(path)
    console.print(f"backup key written to {path} (mode 0600); store a copy offline")


@app.command("create")
@friendly_errors()
def create(
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
    repo: RepoOption = None,
    vault_dir: VaultOption = None,
    key_file: KeyOption = None,
    store: StoreOption = None,
    pgbackrest_config: PgConfigOption = None,
    stanza: StanzaOption = "gerbang",
    kind: Annotated[str, typer.Option("--type", help="postgres: full or incr.")] = "incr",
) -> None:
    """Back up the node's store into the near repository, and drop a copy into the vault if named."""
    settings = settings_from(data, database_url, config)
    if _store(settings, store) == "postgres":
        from gerbang.recovery.backup import pg_commands

        pg_commands.create(_need(pgbackrest_config, "pgbackrest-config"), stanza, kind, console)
        return
    from gerbang.infra.backup.sqlite_set import create_set

    secret = keys.read_key(keys.key_from_environment(key_file))
    near = _need(repo, "repo")
    if vault_dir is not None:
        vault.existing(vault_dir)  # named before the set is made, not after
    with _progress("backup / cadangan") as advance:
        manifest = create_set(
            database=_sqlite_path(settings),
            data_dir=settings.data_dir,
            node=settings.node_name,
            repo=near,
            key=secret,
            at=_now(),
            progress=advance,
        )
    size = sum(f.size for f in manifest.files)
    console.print(f"backup {manifest.backup_id}: {len(manifest.files)} files, {size} bytes in {near}")
    if vault_dir is not None:
        sent = vault.drop_set(near / manifest.backup_id, vault_dir)
        console.print(f"dropped into the vault at {vault_dir}: {sent} bytes (sealed by the vault side)")


@app.command("list")
@friendly_errors()
def list_(
    repo: RepoOption = None,
    vault_dir: VaultOption = None,
    source: Annotated[str, typer.Option("--from", help="near or vault.")] = "near",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The finished backup sets, newest first."""
    where = vault.sealed(_vault(vault_dir)) if source == "vault" else _need(repo, "repo")
    sets = list_sets(where)
    rows: list[dict[str, str | int]] = [
        {
            "id": s.manifest.backup_id,
            "created_at": s.manifest.created_at,
            "bytes": s.size,
            "files": len(s.manifest.files),
        }
        for s in sets
    ]
    if as_json:
        console.print_json(json.dumps(rows))
        return
    table = Table(title=f"backups in {where}", title_justify="left")
    for column in ("id", "created (UTC)", "files", "bytes"):
        table.add_column(column)
    for row in rows:
        table.add_row(str(row["id"]), str(row["created_at"]), str(row["files"]), str(row["bytes"]))
    console.print(table)


def _report(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        console.print_json(json.dumps(result))
        return
    console.print(
        f"[green]backup verified / cadangan terverifikasi[/green]: {result['backup_id']}, "
        f"restored in {result['restore_s']} s, {result['age_s']} s old; checks: {', '.join(result['checks'])}"
    )


@app.command("verify")
@friendly_errors()
def verify(
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
    repo: RepoOption = None,
    vault_dir: VaultOption = None,
    key_file: KeyOption = None,
    source: Annotated[str, typer.Option("--from", help="near or vault.")] = "near",
    restored: Annotated[
        bool, typer.Option("--restored", help="Check what a restore put in place, and lift its hold.")
    ] = False,
    scratch: Annotated[Path | None, typer.Option("--scratch", help="Where to restore for the check.")] = None,
    store: StoreOption = None,
    pgbackrest_config: PgConfigOption = None,
    stanza: StanzaOption = "gerbang",
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Restore the newest backup into a scratch place and check everything; exit 1 naming what broke."""
    settings = settings_from(data, database_url, config)
    try:
        if _store(settings, store) == "postgres":
            from gerbang.recovery.backup import pg_commands

            result = pg_commands.verify(
                _need(pgbackrest_config, "pgbackrest-config"),
                stanza,
                scratch=scratch,
                at=_now(),
                repo=2 if source == "vault" else 1,
                key_dir=settings.data_dir,
            )
            state.record_verified(settings.data_dir, result)
        elif restored:
            from gerbang.recovery.backup.sqlite_verify import verify_restored

            secret = keys.read_key(keys.key_from_environment(key_file))
            with console.status("checking the restored database / memeriksa basis data yang dipulihkan…"):
                result = verify_restored(settings.data_dir, _sqlite_path(settings), secret, at=_now())
        else:
            from gerbang.recovery.backup.sqlite_verify import verify_newest

            secret = keys.read_key(keys.key_from_environment(key_file))
            where = vault.sealed(_vault(vault_dir)) if source == "vault" else _need(repo, "repo")
            with console.status("restoring into a scratch place / memulihkan ke tempat uji…"):
                result = verify_newest(where, secret, at=_now(), scratch=scratch)
            state.record_verified(settings.data_dir, result)
    except BackupBroken as exc:
        raise _broken(exc) from None
    _report(result, as_json)


def _moment(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput("backup.bad_time", field="to_time", text=text) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@app.command("restore")
@friendly_errors()
def restore(
    data: DataOption = None,
    database_url: DatabaseOption = None,
    config: ConfigOption = None,
    repo: RepoOption = None,
    vault_dir: VaultOption = None,
    key_file: KeyOption = None,
    source: Annotated[str, typer.Option("--from", help="near or vault.")] = "near",
    to_time: Annotated[
        str | None, typer.Option("--to-time", help="Restore to this moment (ISO 8601).")
    ] = None,
    store: StoreOption = None,
    pgbackrest_config: PgConfigOption = None,
    stanza: StanzaOption = "gerbang",
    scratch: Annotated[
        Path | None,
        typer.Option("--scratch", help="postgres --from vault: where to assemble the repository."),
    ] = None,
    sealed_before: Annotated[
        str | None,
        typer.Option(
            "--sealed-before",
            help="postgres --from vault: only copies the vault sealed before this moment (the attack).",
        ),
    ] = None,
) -> None:
    """Restore the node's store; it then refuses to serve until `gerbang backup verify --restored` passes."""
    settings = settings_from(data, database_url, config)
    moment = _moment(to_time)
    try:
        if _store(settings, store) == "postgres":
            from gerbang.recovery.backup import pg_commands

            pg_commands.restore(
                _need(pgbackrest_config, "pgbackrest-config"),
                stanza,
                to_time=moment,
                repo=2 if source == "vault" else 1,
                console=console,
                vault=_vault(vault_dir) if source == "vault" else None,
                sealed_before=_moment(sealed_before),
                scratch=scratch,
            )
            return
        from gerbang.recovery.backup.sqlite_restore import restore as restore_sqlite

        secret = keys.read_key(keys.key_from_environment(key_file))
        where = vault.sealed(_vault(vault_dir)) if source == "vault" else _need(repo, "repo")
        with console.status("restoring / memulihkan…"):
            result = restore_sqlite(
                where,
                secret,
                data_dir=settings.data_dir,
                database=_sqlite_path(settings),
                at=_now(),
                to_time=moment,
            )
    except BackupBroken as exc:
        raise _broken(exc) from None
    console.print(
        f"restored {result['backup_id']} (taken {result['created_at']}) in {result['restore_s']} s; "
        "the node serves nothing until `gerbang backup verify --restored` passes"
    )


@app.command("vault-init")
@friendly_errors()
def vault_init(
    vault_dir: VaultOption = None,
    owner: Annotated[str | None, typer.Option("--owner", help="The vault's OS user (run as root).")] = None,
) -> None:
    """Create the vault's incoming and sealed directories, owned by the vault's OS user."""
    vault.init_vault(_need(vault_dir, "vault"), owner=owner)
    console.print(f"vault ready at {vault_dir}")


@app.command("vault-seal")
@friendly_errors()
def vault_seal(
    vault_dir: VaultOption = None,
    owner: Annotated[str | None, typer.Option("--owner", help="As root: the vault's OS user.")] = None,
    pgbackrest_config: PgConfigOption = None,
) -> None:
    """Vault side: seal every set that arrived whole: vault-owned, read-only, immutable where possible.

    With --pgbackrest-config, also seal copies of the PostgreSQL cluster's repository 2 (its landing
    place): each new or changed file becomes a new version beside the older ones, never over them.
    """
    if pgbackrest_config is not None:
        from gerbang.recovery.backup import pg_commands

        copied = pg_commands.seal(pgbackrest_config, _vault(vault_dir), at=_now(), owner_name=owner)
        lock = "immutable (chattr +i)" if copied.immutable else "read-only, vault-owned (no chattr +i here)"
        console.print(
            f"PostgreSQL repository: {copied.new} new files, {copied.versions} newer versions, "
            f"{copied.unchanged} unchanged; {lock}"
        )
    done = vault.seal(_vault(vault_dir), owner=owner)
    for refusal in done.refused:
        errors.print(f"[red]refused[/red] {refusal}", highlight=False)
    lock = "immutable (chattr +i)" if done.immutable else "read-only, vault-owned (no chattr +i here)"
    console.print(f"sealed {len(done.sets)} sets, {lock}")
    if done.refused:
        raise typer.Exit(1)


@app.command("vault-prune")
@friendly_errors()
def vault_prune(
    vault_dir: VaultOption = None,
    keep_days: Annotated[float, typer.Option(help="Keep every set younger than this.", min=1)] = 35,
    keep_at_least: Annotated[int, typer.Option(help="Always keep this many newest sets.", min=1)] = 7,
) -> None:
    """Vault side: remove sealed sets past retention; the center has no say in it."""
    removed = vault.prune(_vault(vault_dir), keep_days=keep_days, keep_at_least=keep_at_least, now=_now())
    console.print(f"pruned {len(removed)} sets: {', '.join(removed) or 'none'}")
