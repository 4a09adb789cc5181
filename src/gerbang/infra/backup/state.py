"""What a node knows of its own backups: the hold after a restore, and the last verified backup."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

STATE_DIR = "recovery"
HOLD_FILE = "hold.json"
VERIFIED_FILE = "verified.json"


def _write(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(document, indent=1))
    os.replace(temporary, path)


def hold_path(data_dir: Path) -> Path:
    return data_dir / STATE_DIR / HOLD_FILE


def place_hold(
    data_dir: Path, *, backup_id: str, source: str, at: datetime, restore_s: float | None = None
) -> None:
    """Mark the node as restored and not yet verified: it serves nothing until the hold is lifted."""
    document = {"backup_id": backup_id, "set": source, "restored_at": at.isoformat(), "restore_s": restore_s}
    _write(hold_path(data_dir), document)


def read_hold(data_dir: Path) -> dict[str, Any] | None:
    try:
        result: dict[str, Any] = json.loads(hold_path(data_dir).read_text())
    except FileNotFoundError:
        return None
    except ValueError:
        # A hold that cannot be read still holds: serving unverified data is the worse mistake.
        return {"backup_id": "unknown"}
    return result


def lift_hold(data_dir: Path) -> None:
    hold_path(data_dir).unlink(missing_ok=True)


def record_verified(data_dir: Path, result: dict[str, Any]) -> None:
    """Keep the last passed verification where the node's readiness answer can show it."""
    _write(data_dir / STATE_DIR / VERIFIED_FILE, result)


def last_verified(data_dir: Path) -> dict[str, Any] | None:
    try:
        result: dict[str, Any] = json.loads((data_dir / STATE_DIR / VERIFIED_FILE).read_text())
    except (FileNotFoundError, ValueError):
        return None
    return result


def backup_summary(data_dir: Path, now: datetime) -> dict[str, Any]:
    """The readiness section: the last verified backup and its age now; empty where none was verified.

    Empty, not "none", so a node that was never set up for backups (a demo) is not shown degraded.
    """
    verified = last_verified(data_dir)
    if verified is None:
        return {}
    created = datetime.fromisoformat(verified["backup_created_at"])
    return {
        "backup": {
            "last_verified": verified["backup_id"],
            "verified_at": verified["verified_at"],
            "age_s": round((now - created).total_seconds(), 1),
            "restore_s": verified.get("restore_s"),
        }
    }
