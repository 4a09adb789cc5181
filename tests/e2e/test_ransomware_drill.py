"""The ransomware drill: the center's data and near backups are destroyed; it recovers from the vault."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import signal
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from local_gerbang import GERBANG, LocalGerbang, eventually

from gerbang.infra import accounts
from gerbang.infra.backup.keys import create_key
from gerbang.infra.clock import SystemClock
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.kernel.calendar import WorkingCalendar
from gerbang.passports.center.booking.slots import seed_offices
from gerbang.passports.center.orm import OfficeRow
from gerbang.passports.center.payments.callbacks import load_or_create_secret
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


class Bank:
    """The applicants' bank: it pays billing codes through the signed callback and keeps its own books.

    Its books are outside the center, so they survive the attack; after the restore it sends them as
    its signed statement.
    """

    PASSWORD = "bank-test-password-1"

    def __init__(self, gerbang: LocalGerbang, central_dir: Path) -> None:
        self.url = gerbang.nodes()["central"]["url"]
        self.secret = load_or_create_secret(central_dir, None, keys_dir=central_dir / "keys")
        self.books: list[dict[str, Any]] = []
        self.email = f"payer-{secrets.token_hex(3)}@example.org"
        database = Database(f"sqlite:///{gerbang.central_database()}")
        at = SystemClock().now()
        with database.transaction() as session:
            # An office whose quota is released two months ahead, so a booking two working days out is open.
            office = seed_offices()[0] | {"code": "LOSS", "release_days_ahead": 60}
            session.add(OfficeRow(**office))
            accounts.create_account(
                session,
                username="payer",
                password=self.PASSWORD,
                roles=frozenset({Role.APPLICANT}),
                display_name="Dewi Payer",
                actor="test:setup",
                at=at,
            )
        database.dispose()
        self.day = at.date() + timedelta(days=2)
        while not WorkingCalendar().is_working_day(self.day):
            self.day += timedelta(days=1)

    def applicant(self) -> dict[str, str]:
        answer = httpx.post(
            f"{self.url}/api/v1/auth/token", json={"username": "payer", "password": self.PASSWORD}, timeout=10
        )
        assert answer.status_code == 201, answer.text
        return {"Authorization": f"Bearer {answer.json()['token']}"}

    def apply(self, serial: int) -> str:
        headers = self.applicant()
        contact = {"email": self.email, "language": "id"}
        httpx.put(f"{self.url}/api/v1/passports/contact", headers=headers, json=contact, timeout=10)
        body = {
            # A woman's NIK writes her birth day plus 40: 2 January 1985 is 420185.
            "nik": f"3174054201850{serial:03d}",
            "name": f"Dewi Payer {serial}",
            "birth_date": "1985-01-02",
            "sex": "female",
            "kind": "ordinary",
            "validity_years": 5,
            "service": "regular",
        }
        answer = httpx.post(
            f"{self.url}/api/v1/passports/applications", headers=headers, json=body, timeout=10
        )
        assert answer.status_code == 201, answer.text
        return str(answer.json()["id"])

    def book(self, application_id: str, hour: int) -> dict[str, Any]:
        answer = httpx.post(
            f"{self.url}/api/v1/passports/applications/{application_id}/booking",
            headers=self.applicant(),
            json={"office": "LOSS", "day": self.day.isoformat(), "hour": hour},
            timeout=10,
        )
        assert answer.status_code in (200, 201), answer.text
        return dict(answer.json()["billing"])

    def pay(self, billing: dict[str, Any]) -> str:
        entry = {
            "transaction_id": f"BANK-{secrets.token_hex(8)}",
            "billing_code": billing["code"],
            "amount_idr": billing["amount_idr"],
            "paid_at": datetime.now(UTC).isoformat(),
        }
        answer = self._signed("/api/v1/passports/payments/callback", entry)
        assert answer.status_code == 200, answer.text
        self.books.append(entry | {"payer_email": self.email})
        return str(answer.json()["outcome"])

    def send_statement(self) -> dict[str, Any]:
        answer = self._signed(
            "/api/v1/passports/payments/statement", {"statement_id": "after-restore", "entries": self.books}
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def _signed(self, path: str, body: dict[str, Any]) -> httpx.Response:
        raw = json.dumps(body).encode()
        signature = hmac.new(self.secret, raw, hashlib.sha256).hexdigest()
        headers = {"X-Signature": signature, "Content-Type": "application/json"}
        return httpx.post(f"{self.url}{path}", content=raw, headers=headers, timeout=30)


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
        # Two applications filed before the last good backup; one is booked then too.
        bank = Bank(gerbang, central_dir)
        booked_early, booked_late = bank.apply(1), bank.apply(2)
        early_billing = bank.book(booked_early, hour=9)
        backup = ["backup", "create", "--data", str(central_dir), "--repo", str(near), "--vault", str(vault)]
        with Traffic(gerbang) as traffic:
            wait_for(gerbang, 10)
            ok(gerbang_command(*backup, env=env))
            # The moment to recover to: after that backup reached the vault, before the attack. A later
            # backup exists (taken after the moment) and must not be the one restored.
            moment = datetime.now(UTC)
            # Paid after that moment: the restored center loses both payments and the second booking.
            assert bank.pay(early_billing) == "applied"
            assert bank.pay(bank.book(booked_late, hour=10)) == "applied"
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

        # The bank's statement gives back what the restore lost: the first payment is applied again to
        # its application; the second names a billing code the restored center never issued, so it is
        # owed back and the payer told.
        answer = bank.send_statement()
        assert answer["outcomes"] == {"applied": 1, "unmatched": 1}, answer
        [owed] = answer["refunds_owed"]
        assert owed["amount_idr"] == bank.books[1]["amount_idr"]
        assert owed["payer_told"] is True
        headers = bank.applicant()
        early = httpx.get(f"{bank.url}/api/v1/passports/applications/{booked_early}", headers=headers)
        assert early.json()["status"] == "paid"
        late = httpx.get(f"{bank.url}/api/v1/passports/applications/{booked_late}", headers=headers)
        assert late.json()["status"] == "submitted"
        inbox = httpx.get(f"{bank.url}/api/v1/passports/inbox", headers=headers).json()
        assert [n["kind"] for n in inbox if n["kind"] == "payment_unmatched"] == ["payment_unmatched"]
        assert bank.send_statement()["outcomes"] == {"duplicate": 2}
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
