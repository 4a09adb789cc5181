"""Verify a SQLite backup by restoring it: into a scratch place, or where a restore just put it."""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from gerbang.infra.backup import state
from gerbang.infra.backup.manifest import BackupBroken, Manifest, read_manifest
from gerbang.infra.backup.sqlite_set import check_database, decrypt_set
from gerbang.recovery.backup.catalogue import newest
from gerbang.recovery.backup.invariants import check_invariants


def _result(
    manifest: Manifest, *, restore_s: float, counts: dict[str, int], at: datetime, where: str
) -> dict[str, Any]:
    return {
        "store": "sqlite",
        "backup_id": manifest.backup_id,
        "backup_created_at": manifest.created_at,
        "verified_at": at.isoformat(),
        "age_s": round((at - manifest.created).total_seconds(), 1),
        "restore_s": round(restore_s, 3),
        "checked_in": where,
        "rows": counts,
        "checks": [
            "manifest signature",
            "SHA-256 of every file",
            "decrypt",
            "PRAGMA integrity_check",
            "row counts",
            "audit chain",
            "crossing ids unique",
            "ledger balances",
        ],
    }


def verify_newest(repo: Path, key: bytes, *, at: datetime, scratch: Path | None = None) -> dict[str, Any]:
    """Restore the newest set in `repo` into a scratch directory and run every check on it."""
    listed = newest(repo)
    with tempfile.TemporaryDirectory(prefix="gerbang-verify-", dir=scratch) as work:
        started = time.monotonic()
        database = Path(work) / "gerbang.db"
        # The kept files land beside the database, as on the node, so its audit key is found there.
        manifest = decrypt_set(listed.directory, key, database=database, data_dir=Path(work))
        check_database(database, manifest)
        restore_s = time.monotonic() - started
        counts = check_invariants(f"sqlite:///{database}", where=str(listed.directory), key_dir=Path(work))
    return _result(manifest, restore_s=restore_s, counts=counts, at=at, where="scratch")


def verify_restored(data_dir: Path, database: Path, key: bytes, *, at: datetime) -> dict[str, Any]:
    """Check the database a restore put in place against its set; lift the hold only if all pass."""
    hold = state.read_hold(data_dir)
    if hold is None or "set" not in hold:
        raise BackupBroken(str(state.hold_path(data_dir)), "hold", "no restore waits for verification here")
    manifest = read_manifest(Path(hold["set"]), key)
    if manifest.backup_id != hold["backup_id"]:
        raise BackupBroken(hold["set"], "manifest", "is not the set the hold names")
    started = time.monotonic()
    check_database(database, manifest)
    counts = check_invariants(f"sqlite:///{database}", where=str(database), key_dir=data_dir)
    result = _result(
        manifest, restore_s=float(hold.get("restore_s", 0.0)), counts=counts, at=at, where="place"
    )
    result["verify_s"] = round(time.monotonic() - started, 3)
    state.record_verified(data_dir, result)
    state.lift_hold(data_dir)
    return result
