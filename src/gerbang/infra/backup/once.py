"""Write-once files: a private temporary name, fsync, then a hard link that fails if the name exists."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import BinaryIO

from gerbang.kernel.errors import Conflict


def _temporary(final: Path) -> Path:
    return final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")


def write_once(final: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write `data` to `final`; raise Conflict if `final` already exists (it is never replaced)."""
    temporary = _temporary(final)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        publish(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)


def copy_once(source: Path | BinaryIO, final: Path, *, mode: int = 0o600) -> None:
    """Copy `source` to `final` the same way: never over an existing file."""
    temporary = _temporary(final)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(source, Path):
                with source.open("rb") as reading:
                    shutil.copyfileobj(reading, handle, 1 << 20)
            else:
                shutil.copyfileobj(source, handle, 1 << 20)
            handle.flush()
            os.fsync(handle.fileno())
        publish(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)


def publish(temporary: Path, final: Path) -> None:
    """Give a finished temporary file its final name; a hard link refuses to replace what is there."""
    try:
        os.link(temporary, final)
    except FileExistsError:
        raise Conflict("backup.written_once", field="backup", path=final) from None
    try:
        directory = os.open(final.parent, os.O_RDONLY)
    except PermissionError:
        return  # a drop-only directory (the vault's incoming) cannot be opened; the vault side syncs it
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
