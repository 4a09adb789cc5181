"""The demo bank pays a billing code through the center's signed callback, and exists only when asked for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gerbang.apps.central import create_app
from gerbang.infra import accounts
from gerbang.infra.database import Database
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import FixedClock

from .conftest import PASSWORD, SECRET, USERS, Center, sign_in


@pytest.fixture
def demo_center(database: Database, clock: FixedClock, tmp_path: Path) -> Iterator[Center]:
    with database.transaction() as session:
        for username, role in USERS.items():
            accounts.create_account(
                session,
                username=username,
                password=PASSWORD,
                roles=frozenset({role}),
                display_name=None,
                actor="shell:admin",
                at=clock.now(),
            )
    settings = Settings(data_dir=tmp_path, payment_callback_secret=SECRET, demo_bank=True)
    app = create_app(settings, clock=clock, database=database)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Center(client, database, clock, sign_in(client))


def test_the_demo_bank_pays_a_billing_code_and_the_application_is_paid(demo_center: Any) -> None:
    ident = demo_center.apply()["id"]
    billing = demo_center.book(ident).json()["billing"]
    counter = demo_center.client.get(f"/demo-bank?code={billing['code']}")
    assert counter.status_code == 200
    assert "SIMULASI" in counter.text
    assert "not a real bank" in counter.text
    assert "Rp 650.000" in counter.text
    receipt = demo_center.client.post("/demo-bank", data={"code": billing["code"]})
    assert receipt.status_code == 200
    assert 'id="outcome" role="status">applied<' in receipt.text
    assert demo_center.get(ident)["status"] == "paid"
    page = demo_center.client.get(f"/passports/applications/{ident}", headers=demo_center.as_("ayu"))
    assert "Pembayaran diterima" in page.text


def test_the_demo_bank_refuses_an_unknown_code_in_both_languages(demo_center: Any) -> None:
    unknown = demo_center.client.post("/demo-bank", data={"code": "123456789012345"})
    assert unknown.status_code == 404
    assert "Kode billing 123456789012345 tidak dikenal." in unknown.text  # bank.unknown_code
    short = demo_center.client.post("/demo-bank", data={"code": "12"})
    assert short.status_code == 422
    assert "15 digit" in short.text


def test_a_center_without_the_demo_setting_has_no_bank(center: Any) -> None:
    assert center.client.get("/demo-bank").status_code == 404
    assert center.client.post("/demo-bank", data={"code": "123456789012345"}).status_code == 404
