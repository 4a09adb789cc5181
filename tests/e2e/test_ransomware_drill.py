"""The ransomware drill: the center's data and near backups are destroyed; it recovers from the vault."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from local_gerbang import GERBANG, LocalGerbang, eventually

from gerbang.infra.backup.keys import create_key
from gerbang.recovery.backup.vault import init_vault

pytestmark = pytest.mark.slow


def gerbang_command(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*GERBANG, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    return done


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


class Traffic:
    """Crossings recorded at the checkpoint without pause, from a thread; keeps every acknowledgement."""

    def __init__(self, gerbang: LocalGerbang) -> None:
        self.gerbang = gerbang
        self.acknowledged: list[dict[str, Any]] = []
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                self.acknowledged += self.gerbang.cross(1)
            except BaseException as exc:  # reported by the test, never swallowed
                self.errors.append(exc)
                return
            time.sleep(0.05)

    def __enter__(self) -> Traffic:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=30)


def scramble(directory: Path) -> int:
    """The attacker's move: every file's bytes replaced by random ones of the same length."""
    count = 0
    for root, _dirs, files in os.walk(directory):
        for name in files:
            path = Path(root) / name
            size = path.stat().st_size
            path.write_bytes(os.urandom(max(size, 64)))
            count += 1
    return count


def wait_for(gerbang: LocalGerbang, count: int) -> None:
    eventually(lambda: len(gerbang.center_crossing_ids()) >= count, timeout=60, what=f"{count} at the center")


def test_center_encrypted_by_ransomware_is_recovered_from_the_vault_and_loses_no_crossing(
    tmp_path: Path,
) -> None:
    gerbang = LocalGerbang(tmp_path / "gerbang", batch_size=10)
    env = {**gerbang.env, "GERBANG_BACKUP_KEY_FILE": str(tmp_path / "offline" / "backup.key")}
    central_dir = Path(gerbang.root / "central")
    near, vault = tmp_path / "near-repo", tmp_path / "vault"
    restored_center: subprocess.Popen[bytes] | None = None
    try:
        gerbang.start()
        create_key(Path(env["GERBANG_BACKUP_KEY_FILE"]))
        init_vault(vault)
        backup = ["backup", "create", "--data", str(central_dir), "--repo", str(near), "--vault", str(vault)]
        with Traffic(gerbang) as traffic:
            wait_for(gerbang, 10)
            ok(gerbang_command(*backup, env=env))
            # The moment to recover to: after that backup reached the vault, before the attack. A later
            # backup exists (taken after the moment) and must not be the one restored.
            moment = datetime.now(UTC)
            wait_for(gerbang, len(traffic.acknowledged) + 5)
            ok(gerbang_command(*backup, env=env))
            ok(gerbang_command("backup", "vault-seal", "--vault", str(vault), env=env))
            sealed = sorted(p.name for p in (vault / "sealed").iterdir())
            assert len(sealed) == 2
            chosen = sealed[0]
            wait_for(gerbang, len(traffic.acknowledged) + 5)

            # The attack: the center stops, its data and the near repository become noise.
            gerbang.kill("central")
            assert scramble(central_dir) > 0
            assert scramble(near) > 0
            restore = [
                "backup",
                "restore",
                "--data",
                str(central_dir),
                "--from",
                "vault",
                "--vault",
                str(vault),
                "--to-time",
                moment.isoformat(),
            ]
            assert chosen in ok(gerbang_command(*restore, env=env))

            # The restored center starts, but refuses to serve until its restore is verified.
            config = gerbang.nodes()["central"]["config"]
            log = (tmp_path / "restored-central.log").open("ab")
            restored_center = subprocess.Popen(
                [*GERBANG, "central", "serve", "--config", config], env=gerbang.env, stdout=log, stderr=log
            )
            url = gerbang.nodes()["central"]["url"]
            eventually(
                lambda: _status(f"{url}/healthz") == 200, timeout=60, what="the restored center to start"
            )
            assert _status(f"{url}/readyz") == 503
            assert (
                _status(f"{url}/api/v1/crossings?site=CGK", token=gerbang.nodes()["central"]["token"]) == 503
            )
            checked = ok(
                gerbang_command("backup", "verify", "--restored", "--data", str(central_dir), env=env)
            )
            assert "verified" in checked
            eventually(lambda: _status(f"{url}/readyz") == 200, timeout=30, what="the center to serve")
            time.sleep(2)  # crossings keep flowing to the restored center for a moment
        assert not traffic.errors, traffic.errors

        # The edge sends again what the restored center lacks; every acknowledged crossing, exactly once.
        wanted = {str(a["id"]) for a in traffic.acknowledged}
        eventually(
            lambda: set(gerbang.center_crossing_ids()) >= wanted, timeout=60, what="the edge to send again"
        )
        held = gerbang.center_crossing_ids()
        assert len(held) == len(set(held)), "a crossing is stored twice"
        assert set(held) == wanted
        ok(gerbang_command("audit", "verify", "--data", str(central_dir), env=env))
    finally:
        if restored_center is not None and restored_center.poll() is None:
            restored_center.send_signal(signal.SIGTERM)
            try:
                restored_center.wait(timeout=20)
            except subprocess.TimeoutExpired:
                restored_center.kill()
        gerbang.stop()
        # Sealed files are immutable; the test's own directory must still be removable afterwards.
        subprocess.run(["chattr", "-R", "-i", str(vault)], capture_output=True, check=False)


def _status(url: str, *, token: str | None = None) -> int | None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        return httpx.get(url, headers=headers, timeout=5).status_code
    except httpx.TransportError:
        return None
