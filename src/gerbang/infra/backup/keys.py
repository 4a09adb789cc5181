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
        raise NotFound(
            f"no backup key at {path}; create one with gerbang backup key", field="key_file"
        ) from None
    if mode & 0o077:
        raise InvalidInput(f"backup key {path} is readable by others; chmod 600 it", field="key_file")
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise InvalidInput(f"backup key {path} is not hex", field="key_file") from None
    if len(key) != KEY_BYTES:
        raise InvalidInput(f"backup key {path} must hold {KEY_BYTES} bytes", field="key_file")
    return key


def key_from_environment(given: Path | None) -> Path:
    """The key file named on the command line or in GERBANG_BACKUP_KEY_FILE."""
    if given is not None:
        return given
    named = os.environ.get("GERBANG_BACKUP_KEY_FILE")
    if not named:
        raise InvalidInput("name the backup key with --key-file or GERBANG_BACKUP_KEY_FILE", field="key_file")
    return Path(named)
