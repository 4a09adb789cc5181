"""The center and two checkpoints (DPS, CGK) served over HTTP on loopback, polling and uploading on their own.

One clock is shared so that a stay can run out without waiting a month, and a snapshot can grow hours old
in a moment; everything else is as deployed: each node has its own database, signatures are real, and
the nodes talk only HTTP.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from gerbang.apps.central import REFERENCE_KEYS, VISA_KEYS
from gerbang.apps.central import create_app as create_center
from gerbang.apps.edge import create_app as create_edge
from gerbang.apps.launcher import free_port
from gerbang.border.center.policy import current_policy_document, replace_border_policy
from gerbang.documents import make_zone
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import KEY_SET_FILE, load_signer
from gerbang.kernel.clock import FixedClock
from gerbang.visas.center.issuer import sign_revocation_list
from gerbang.visas.center.orm import VisaRevocationListRow
from gerbang.visas.domain.revocation import RevocationList

pytestmark = pytest.mark.slow


@contextmanager
def serve(app: FastAPI, port: int) -> Iterator[tuple[str, Callable[[], None]]]:
    """Serve `app` with uvicorn in a thread on a loopback port, background loops and all; give its URL
    and a function that stops it early."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    eventually(lambda: server.started, what="the server to start")

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=15)

    try:
        yield f"http://127.0.0.1:{port}", stop
    finally:
        stop()


def eventually(check: Callable[[], bool], *, what: str, timeout: float = 45.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@dataclass
class Loopback:
    clock: FixedClock
    center: Database
    urls: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, dict[str, str]] = field(default_factory=dict)
    stops: dict[str, Callable[[], None]] = field(default_factory=dict)

    def cross(self, site: str, direction: str, *, nationality: str, number: str) -> dict[str, Any]:
        zone = make_zone(
            format="TD3",
            document_type="P",
            issuing_state=nationality,
            surname="RAHMAN",
            given_names="AMIR",
            document_number=number,
            nationality=nationality,
            birth_date="800101",
            sex="M",
            expiry_date="340101",
        )
        body = {
            "mrz": zone,
            "direction": direction,
            "lane": "C1",
            "flight": "GA404",
            "credential": None,
            "biometric_match": True,
        }
        response = httpx.post(f"{self.urls[site]}/api/v1/crossings", json=body, headers=self.tokens[site])
        assert response.status_code == 201, response.text
        answer: dict[str, Any] = response.json()
        return answer

    def health(self, site: str) -> dict[str, Any]:
        response = httpx.get(f"{self.urls[site]}/api/v1/health", headers=self.tokens[site], timeout=10)
        assert response.status_code == 200, response.text
        report: dict[str, Any] = response.json()
        return report


def _edge(root: Path, site: str, center_url: str, node_key: str, clock: FixedClock) -> FastAPI:
    data = root / site.lower()
    url = f"sqlite:///{data / 'gerbang.db'}"
    data.mkdir()
    migrate.upgrade(url)
    settings = Settings(
        data_dir=data,
        role="checkpoint",
        site=site,
        node_name=site.lower(),
        center_url=center_url,
        node_key=node_key,
        trust_file=root / "central" / REFERENCE_KEYS / KEY_SET_FILE,
        lanes="C1:counter",
        reference_poll_s=0.2,
        upload_batch_size=50,
    )
    return create_edge(settings, clock=clock, database=Database(url))


def _officer_token(app: FastAPI, clock: FixedClock) -> dict[str, str]:
    database: Database = app.state.database
    with database.transaction() as session:
        account = accounts.create_account(
            session,
            username="supervisor",
            password="correct-horse-battery",
            roles=frozenset({Role.SUPERVISOR}),
            display_name=None,
            actor="t",
            at=clock.now(),
        )
        token = accounts.create_token(session, account=account, name="test", actor="t", at=clock.now())
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def loopback(database: Database, clock: FixedClock, tmp_path: Path) -> Iterator[Loopback]:
    center_app = create_center(Settings(data_dir=tmp_path / "central"), clock=clock, database=database)
    net = Loopback(clock, database)
    with ExitStack() as stack:
        net.urls["central"], net.stops["central"] = stack.enter_context(serve(center_app, free_port()))
        for site in ("DPS", "CGK"):
            with database.transaction() as session:
                key = accounts.create_node_credential(
                    session, name=site.lower(), role="checkpoint", site=site, actor="t", at=clock.now()
                )
            app = _edge(tmp_path, site, net.urls["central"], key, clock)
            net.tokens[site] = _officer_token(app, clock)
            net.urls[site], net.stops[site] = stack.enter_context(serve(app, free_port()))
        for site in ("DPS", "CGK"):
            eventually(
                lambda site=site: (
                    net.health(site)["entry_policy"] == "center"  # type: ignore[misc]
                    and net.health(site)["stays_version"] is not None
                ),
                what=f"{site} to receive the snapshot and the stays list",
            )
        yield net


def test_an_entry_at_dps_gives_an_overstay_with_its_fine_on_exit_at_cgk(loopback: Loopback) -> None:
    traveller = {"nationality": "MYS", "number": "A9876543"}
    entry = loopback.cross("DPS", "entry", **traveller)
    assert entry["decision"] == "admit"
    assert entry["permitted_until"] == (loopback.clock.now().date() + timedelta(days=29)).isoformat()
    eventually(lambda: loopback.health("CGK")["stays_entries"] == 1, what="CGK to learn of the DPS entry")

    loopback.clock.advance(timedelta(days=45))  # 16 days past the last permitted day
    leaving = loopback.cross("CGK", "exit", **traveller)
    assert leaving["decision"] == "refer"
    assert [r["code"] for r in leaving["reasons"]] == ["overstay"]
    assert leaving["overstay_fine"] == 16 * 1_000_000
    assert "Rp 16.000.000" in leaving["reasons"][0]["message"]

    # Once CGK uploads the exit, the center ends the stay and every checkpoint's list drops it.
    eventually(lambda: loopback.health("DPS")["stays_entries"] == 0, what="the stay to end at the center")
    # Each checkpoint polls on its own: CGK may take one more round to fetch the new list.
    eventually(lambda: loopback.health("CGK")["stays_entries"] == 0, what="CGK to fetch the new list")
    health = loopback.health("CGK")
    assert health["stays_version"] >= 2
    assert health["stays_age_s"] is not None
    assert not [w for w in health["warnings"] if "stays" in w or "packaged" in w]


def test_a_nationality_moved_at_the_center_changes_the_checkpoints_decision(loopback: Loopback) -> None:
    before = loopback.cross("CGK", "entry", nationality="COL", number="CO111111")
    assert (before["decision"], before["reasons"][0]["code"]) == ("admit", "visa_exempt")

    with loopback.center.transaction() as session:
        policy = current_policy_document(session)
        policy["visa_exempt"][-1]["nationalities"].remove("COL")
        reason = "Colombia suspended from visa-free visits"
        version = replace_border_policy(session, policy, reason=reason, actor="t", at=loopback.clock.now())
    eventually(lambda: loopback.health("CGK")["reference_version"] == version, what="CGK to get the policy")

    after = loopback.cross("CGK", "entry", nationality="COL", number="CO222222")
    assert (after["decision"], after["reasons"][0]["code"]) == ("refer", "visa_on_arrival_not_paid")
    assert after["reference_version"] == version > before["reference_version"]


STALE_WARNING = "reference data was last confirmed by the center"


def hold_a_revocation_list(loopback: Loopback, central: Path) -> None:
    """Keep a signed revocation list at the center, as a center that has revoked a visa does.

    Until then the center signs a fresh empty list each time it rebuilds the snapshot (every 30 s), so
    the snapshot's content never stays the same long enough to be answered 304.
    """
    listed = RevocationList(version=1, issued_at=loopback.clock.now())
    text = sign_revocation_list(load_signer(central / VISA_KEYS), listed)
    with loopback.center.transaction() as session:
        session.add(VisaRevocationListRow(version=1, issued_at=listed.issued_at, text=text))


def test_an_old_snapshot_the_center_still_confirms_is_not_stale(loopback: Loopback, tmp_path: Path) -> None:
    hold_a_revocation_list(loopback, tmp_path / "central")
    loopback.clock.advance(timedelta(minutes=1))
    issued = loopback.clock.now().isoformat()
    eventually(lambda: loopback.health("CGK")["reference_issued_at"] == issued, what="CGK to get the list")

    loopback.clock.advance(timedelta(hours=7))
    now = loopback.clock.now().isoformat()
    # Nothing changed at the center: each poll is answered 304, and CGK keeps the snapshot of 7 hours ago.
    eventually(
        lambda: (h := loopback.health("CGK"))["reference_checked_at"] == now and h["center_reachable"],
        what="CGK to hear from the center after the clock moved",
    )
    loopback.clock.advance(timedelta(minutes=1))

    crossing = loopback.cross("CGK", "entry", nationality="IDN", number="B1111111")
    assert crossing["offline"] is False
    health = loopback.health("CGK")
    assert health["reference_issued_at"] == issued
    assert health["reference_age_s"] >= 7 * 3600
    assert health["reference_stale"] is False
    assert not [w for w in health["warnings"] if STALE_WARNING in w or "reference data" in w]


def test_a_center_unreachable_past_the_limit_makes_decisions_offline_and_health_warn(
    loopback: Loopback,
) -> None:
    loopback.stops["central"]()
    eventually(lambda: not loopback.health("CGK")["center_reachable"], what="CGK to notice the center gone")

    # Unreachable, so offline at once; stale only once the center's last word is older than the limit.
    loopback.clock.advance(timedelta(hours=5))
    early = loopback.health("CGK")
    assert early["reference_stale"] is False
    assert not [w for w in early["warnings"] if STALE_WARNING in w]
    assert loopback.cross("CGK", "entry", nationality="IDN", number="B2222222")["offline"] is True

    loopback.clock.advance(timedelta(hours=2))
    late = loopback.health("CGK")
    assert late["reference_stale"] is True
    assert any(w.startswith(f"{STALE_WARNING} 7.0 hours ago") for w in late["warnings"])
    assert any("center is not reachable" in w for w in late["warnings"])
    assert loopback.cross("CGK", "entry", nationality="IDN", number="B3333333")["offline"] is True
