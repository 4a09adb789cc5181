"""A SQLite node's backup set: the database through the online backup API, its kept files, encrypted."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from gerbang.infra.backup.crypto import decrypt_file, encrypt_stream, sha256_file
from gerbang.infra.backup.manifest import BackupBroken, FileEntry, Manifest, read_manifest
from gerbang.infra.backup.once import publish
from gerbang.kernel.errors import InvalidInput, NotFound

DATABASE_ENTRY = "database.db.gcm"
# Not worth keeping: the database itself (taken through the API), logs, and this module's own state.
_SKIPPED_DIRS = {"logs", "recovery"}
Progress = Callable[[int, int], None]


def backup_id(node: str, at: datetime) -> str:
    """A sortable, unique set name: node, UTC time to the microsecond, and a random tail."""
    return f"{node}-{at.strftime('%Y%m%dT%H%M%S%fZ')}-{secrets.token_hex(2)}"


def kept_files(data_dir: Path, database: Path) -> Iterator[Path]:
    """The node's files worth keeping beside its database: keys, secrets, kept signed documents."""
    skipped = {database.name, database.name + "-wal", database.name + "-shm", database.name + "-journal"}
    for root, dirs, files in os.walk(data_dir):
        dirs[:] = sorted(d for d in dirs if not (Path(root) == data_dir and d in _SKIPPED_DIRS))
        for name in sorted(files):
            path = Path(root) / name
            if (path.parent == database.parent and name in skipped) or name.endswith(".tmp"):
                continue
            if path.is_file() and not path.is_symlink():
                yield path


def table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    names = [
        r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    ]
    # Names come from sqlite_master, quoted as identifiers; nothing here is user input.
    quoted = {n: '"' + n.replace('"', '""') + '"' for n in names}
    return {n: connection.execute(f"SELECT count(*) FROM {q}").fetchone()[0] for n, q in quoted.items()}  # noqa: S608


def _encrypt_into(key: bytes, plain: Path, directory: Path, name: str, source: str) -> FileEntry:
    final = directory / name
    temporary = directory / f".{name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as target, plain.open("rb") as reading:
            encrypt_stream(key, reading, target)
            target.flush()
            os.fsync(target.fileno())
        publish(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)
    return FileEntry(name, source, sha256_file(final), sha256_file(plain), final.stat().st_size)


def create_set(
    *,
    database: Path,
    data_dir: Path,
    node: str,
    repo: Path,
    key: bytes,
    at: datetime,
    progress: Progress | None = None,
) -> Manifest:
    """Back up `database` (live, through the backup API) and the node's kept files into a new set."""
    if not database.is_file():
        # Checked before the set's directory exists, so a wrong path leaves no empty set behind.
        raise NotFound("backup.no_database", field="data", path=database)
    ident = backup_id(node, at)
    directory = repo / ident
    repo.mkdir(parents=True, exist_ok=True, mode=0o700)
    directory.mkdir(mode=0o700)
    # Kept files first: the audit heads among them must not run ahead of the database copy.
    files = [
        _encrypt_into(key, path, directory, f"file-{index:04d}.gcm", str(path.relative_to(data_dir)))
        for index, path in enumerate(kept_files(data_dir, database))
    ]
    with tempfile.TemporaryDirectory(prefix=".work-", dir=repo) as work:
        copy = Path(work) / "database.db"
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
        target = sqlite3.connect(copy)
        try:
            # One step under one read transaction: in WAL mode writers carry on meanwhile, and a copy
            # taken in steps would restart each time a writer commits (it might never finish).
            source.backup(target, pages=-1)
            tables = table_counts(target)
        except sqlite3.DatabaseError as exc:
            shutil.rmtree(directory)  # never published, only the kept files' copies: no half-made set stays
            raise InvalidInput("cli.not_a_database", field="data", path=database, problem=exc) from None
        finally:
            target.close()
            source.close()
        if progress:
            progress(1, 2)
        files.insert(0, _encrypt_into(key, copy, directory, DATABASE_ENTRY, database.name))
        if progress:
            progress(2, 2)
    manifest = Manifest(ident, "sqlite", node, at.isoformat(), files, tables)
    manifest.write(directory, key)
    return manifest


def check_files(directory: Path, key: bytes) -> Manifest:
    """Raise BackupBroken unless the manifest authenticates and every file is there with its digest."""
    manifest = read_manifest(directory, key)
    listed = {f.name for f in manifest.files} | {"manifest.json"}
    for extra in sorted(p.name for p in directory.iterdir() if p.name not in listed):
        raise BackupBroken(str(directory / extra), "manifest", "a file the manifest does not list")
    for entry in manifest.files:
        path = directory / entry.name
        if not path.is_file():
            raise BackupBroken(str(path), "presence", f"missing (it held {entry.source})")
        if path.stat().st_size != entry.size or sha256_file(path) != entry.sha256:
            raise BackupBroken(str(path), "checksum", f"SHA-256 differs from the manifest ({entry.source})")
    return manifest


def decrypt_set(directory: Path, key: bytes, *, database: Path, data_dir: Path) -> Manifest:
    """Check the set, then write its database to `database` and its kept files under `data_dir`."""
    manifest = check_files(directory, key)
    for entry in manifest.files:
        target = database if entry.name == DATABASE_ENTRY else data_dir / entry.source
        if not target.resolve().is_relative_to(data_dir.resolve()) and target != database:
            raise BackupBroken(
                str(directory / entry.name), "manifest", f"names a path outside the node: {entry.source}"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.restore")
        try:
            with temporary.open("wb") as plain:
                os.chmod(temporary, 0o600)
                try:
                    digest = decrypt_file(key, directory / entry.name, plain)
                except Exception as exc:
                    raise BackupBroken(str(directory / entry.name), "decrypt", str(exc)) from None
                plain.flush()
                os.fsync(plain.fileno())
            if digest != entry.plain_sha256:
                raise BackupBroken(
                    str(directory / entry.name), "checksum", "decrypted bytes differ from the manifest"
                )
            if entry.name == DATABASE_ENTRY:
                for suffix in ("-wal", "-shm", "-journal"):
                    database.with_name(database.name + suffix).unlink(missing_ok=True)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
    return manifest


def check_database(database: Path, manifest: Manifest) -> None:
    """PRAGMA integrity_check, then the row counts the manifest recorded."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        result = [r[0] for r in connection.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise BackupBroken(str(database), "PRAGMA integrity_check", "; ".join(result[:5]))
        counts = table_counts(connection)
    finally:
        connection.close()
    if counts != manifest.tables:
        differ = sorted(
            t for t in set(counts) | set(manifest.tables) if counts.get(t) != manifest.tables.get(t)
        )
        raise BackupBroken(str(database), "row counts", f"differ from the manifest in {', '.join(differ)}")
