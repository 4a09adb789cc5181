"""Restore a SQLite node from a set, newest or the newest before a moment; the node is held until verified."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Any

from gerbang.infra.backup import state
from gerbang.infra.backup.sqlite_set import decrypt_set
from gerbang.recovery.backup.catalogue import newest


def restore(
    repo: Path, key: bytes, *, data_dir: Path, database: Path, at: datetime, to_time: datetime | None = None
) -> dict[str, Any]:
    """Put the chosen set's database and files in place, then hold the node until `verify` passes."""
    listed = newest(repo, before=to_time)
    data_dir.mkdir(parents=True, exist_ok=True)
    # The hold goes down first: a crash halfway through a restore must not leave a node that serves.
    state.place_hold(data_dir, backup_id=listed.manifest.backup_id, source=str(listed.directory), at=at)
    started = time.monotonic()
    manifest = decrypt_set(listed.directory, key, database=database, data_dir=data_dir)
    seconds = time.monotonic() - started
    state.place_hold(
        data_dir, backup_id=manifest.backup_id, source=str(listed.directory), at=at, restore_s=seconds
    )
    return {
        "backup_id": manifest.backup_id,
        "created_at": manifest.created_at,
        "restore_s": round(seconds, 3),
        "from": str(listed.directory),
    }
