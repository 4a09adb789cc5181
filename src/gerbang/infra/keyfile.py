"""Secret files written with their final mode: created 0600 in one step, never chmod-ed afterwards."""

from __future__ import annotations

import os
import secrets
import threading
from pathlib import Path

from gerbang.kernel.errors import MalformedInput

KEY_BYTES = 32


def write_private(path: Path, data: bytes) -> bool:
    """Create `path` holding `data`, readable by its owner only; False if it already exists."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process of this node made it a moment ago
        return False
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return True


def load_or_create_key(path: Path) -> bytes:
    """A random key kept at `path`: made on first use, the same bytes ever after."""
    if not path.exists():
        write_private(path, secrets.token_bytes(KEY_BYTES).hex().encode() + b"\n")
    try:
        key = bytes.fromhex(path.read_text().strip())
    except ValueError:
        raise MalformedInput("key.missing_in_file", field="data_dir", path=path) from None
    if len(key) < 16:
        raise MalformedInput("key.too_short", field="data_dir", path=path)
    return key


class LazyKey:
    """A key file read (or made) at first use, so opening a database writes nothing."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._key: bytes | None = None
        self._lock = threading.Lock()

    def get(self) -> bytes:
        with self._lock:
            if self._key is None:
                # A database with no directory of its own (in memory) gets a key for this process only.
                self._key = load_or_create_key(self.path) if self.path else _PROCESS_KEY
            return self._key


_PROCESS_KEY = secrets.token_bytes(KEY_BYTES)


def replace_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` readable by its owner only, aside first and renamed, so no reader sees half."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
