"""The backup key file: 32 random bytes, kept apart from the data and from every backup copy."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from gerbang.infra.backup.crypto import KEY_BYTES
from gerbang.infra.backup.once import write_once
from gerbang.kernel.errors import InvalidInput, NotFound


def create_key(path: Path) -> None:
    """Write a new key file (hex, mode 0600); an existing key is never replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_once(path, secrets.token_hex(KEY_BYTES).encode() + b"\n")


def read_key(path: Path) -> bytes:
    """The key in `path`; refuse a missing, malformed or group/world-readable file."""
    try:
        mode = path.stat().st_mode
        text = path.read_text().strip()
    except FileNotFoundError:
        raise NotFound("backup.key_missing", field="key_file", path=path) from None
    if mode & 0o077:
        raise InvalidInput("backup.key_readable", field="key_file", path=path)
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise InvalidInput("backup.key_not_hex", field="key_file", path=path) from None
    if len(key) != KEY_BYTES:
        raise InvalidInput("backup.key_size", field="key_file", path=path, size=KEY_BYTES)
    return key


def key_from_environment(given: Path | None) -> Path:
    """The key file named on the command line or in GERBANG_BACKUP_KEY_FILE."""
    if given is not None:
        return given
    named = os.environ.get("GERBANG_BACKUP_KEY_FILE")
    if not named:
        raise InvalidInput("backup.key_not_named", field="key_file")
    return Path(named)
