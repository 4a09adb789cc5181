"""The operator's and the attacker's moves: backups to the vault, the ransomware, restore, the public word."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from gerbang.border.center.watchlist import active_entries, replace_watchlist
from gerbang.infra import audit
from gerbang.infra.backup import keys
from gerbang.infra.backup.sqlite_set import create_set
from gerbang.infra.database import Database
from gerbang.recovery.backup import vault
from gerbang.recovery.backup.sqlite_restore import restore
from gerbang.recovery.backup.sqlite_verify import verify_restored
from gerbang.screening import entry_to_dict

ACTOR = "shell:gerbang-drill"


def center_database(central_dir: Path) -> Database:
    """The center's SQLite store with its audit key, as the center process opens it."""
    return Database(
        f"sqlite:///{central_dir / 'gerbang.db'}",
        key_dir=central_dir,
        audit_key_file=central_dir / "keys" / "audit.key",
    )


def now() -> datetime:
    return datetime.now(UTC)


class Operator:
    """Backs the center up into a near repository and the vault, and brings it back from the vault."""

    def __init__(
        self,
        *,
        work: Path,
        central_dir: Path,
        node: str = "central",
        database: Callable[[], Database] | None = None,
    ) -> None:
        self.central_dir = central_dir
        # The center's store as its processes open it: SQLite beside its data, or the lab's PostgreSQL.
        self.open_database = database or (lambda: center_database(central_dir))
        self.database = central_dir / "gerbang.db"
        self.near, self.vault = work / "near-repo", work / "vault"
        self.key_file = work / "offline" / "backup.key"
        self.node = node
        self.backups: list[dict[str, Any]] = []
        keys.create_key(self.key_file)
        vault.init_vault(self.vault)

    def backup(self) -> dict[str, Any]:
        """One encrypted set of the running center, dropped into the vault and sealed by the vault side."""
        secret = keys.read_key(self.key_file)
        manifest = create_set(
            database=self.database,
            data_dir=self.central_dir,
            node=self.node,
            repo=self.near,
            key=secret,
            at=now(),
        )
        vault.drop_set(self.near / manifest.backup_id, self.vault)
        sealed = vault.seal(self.vault)
        done = {
            "backup_id": manifest.backup_id,
            "created_at": manifest.created_at,
            "sealed": len(sealed.sets),
        }
        self.backups.append(done)
        return done

    def ransomware(self) -> int:
        """The attacker's move on the stopped center: its data and the near backups become noise."""
        return scramble(self.central_dir) + scramble(self.near)

    def restore_from_vault(self, *, before: datetime) -> dict[str, Any]:
        """Restore the newest sealed set taken before the attack, then verify it in place (lifts the hold)."""
        secret = keys.read_key(self.key_file)
        restored = restore(
            vault.sealed(self.vault),
            secret,
            data_dir=self.central_dir,
            database=self.database,
            at=now(),
            to_time=before,
        )
        checked = verify_restored(self.central_dir, self.database, secret, at=now())
        return {**restored, "verified": checked["checks"], "rows": checked["rows"]}

    def key_in_listing(self, entry: dict[str, Any]) -> int:
        """A listing that reached the operators while the center was down, keyed in before it serves."""
        database = self.open_database()
        try:
            at = now()
            with database.transaction() as session:
                entries = [entry_to_dict(e) for e in active_entries(session, on=at.date())]
                count = replace_watchlist(session, [*entries, entry], at=at)
                audit.record(
                    session,
                    actor=ACTOR,
                    action="watchlist.replace",
                    record_type="watchlist",
                    details={"entries": count, "added": entry["id"]},
                    at=at,
                )
        finally:
            database.dispose()
        return count

    def release_vault(self) -> None:
        """Sealed files are immutable where the file system allows; let the drill's directory be removed."""
        subprocess.run(["chattr", "-R", "-i", str(self.vault)], capture_output=True, check=False)  # noqa: S603, S607


def scramble(directory: Path) -> int:
    """Every file's bytes replaced by random ones, as ransomware leaves a disk it has encrypted."""
    count = 0
    for root, _dirs, files in os.walk(directory):
        for name in files:
            path = Path(root) / name
            path.write_bytes(os.urandom(max(path.stat().st_size, 64)))
            count += 1
    return count


class StatusDesk:
    """The operator's console on the status node: reads the public page and posts updates to it."""

    def __init__(self, url: str, token: str) -> None:
        self.url, self.token = url, token
        self.posted: list[dict[str, Any]] = []

    def summary(self) -> dict[str, Any] | None:
        try:
            answer = httpx.get(f"{self.url}/api/v1/status", timeout=5)
        except httpx.TransportError:
            return None
        return answer.json() if answer.status_code == 200 else None

    def open_incident(self) -> dict[str, Any] | None:
        summary = self.summary()
        for incident in (summary or {}).get("incidents", []):
            if incident["state"] == "open":
                found: dict[str, Any] = incident
                return found
        return None

    def post_update(self, *, text_id: str, text_en: str, scenario_at: str) -> bool:
        incident = self.open_incident()
        if incident is None:
            return False
        answer = httpx.post(
            f"{self.url}/api/v1/status/incidents/{incident['id']}/updates",
            json={"text_id": text_id, "text_en": text_en},
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=10,
        )
        if answer.status_code == 201:
            self.posted.append(
                {"at": now().isoformat(), "scenario_at": scenario_at, "incident": incident["id"]}
            )
        return answer.status_code == 201
