"""The office console in headless Chromium: its warnings in Indonesian first, the English beside."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, ViewportSize, expect

from gerbang.apps.edge import create_app as create_edge_app
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import create_key_directory, write_key_set
from gerbang.kernel.clock import FixedClock

pytestmark = pytest.mark.browser

ServeApp = Callable[[FastAPI], AbstractContextManager[str]]
PASSWORD = "correct-horse-battery"
DESK: ViewportSize = {"width": 1366, "height": 768}


def test_a_new_office_cut_off_from_the_center_warns_in_indonesian_and_english(
    tmp_path: Path, browser: Browser, serve_app: ServeApp, shots: Path
) -> None:
    clock = FixedClock(datetime(2026, 6, 23, 1, 0, tzinfo=UTC))
    home = tmp_path / "jks"
    keys = create_key_directory(tmp_path / "center-keys", at=clock.now())
    (home / "trust").mkdir(parents=True)
    write_key_set(home / "trust" / "reference-keys.json", keys)
    url = f"sqlite:///{home / 'gerbang.db'}"
    migrate.upgrade(url)
    database = Database(url)
    with database.transaction() as session:
        accounts.create_account(
            session,
            username="clerk",
            password=PASSWORD,
            roles=frozenset({Role.OFFICE_OFFICER}),
            display_name="Clerk JKS",
            actor="shell:admin",
            at=clock.now(),
        )
    # No snapshot from the center yet and no answer from it: both warnings show.
    settings = Settings(data_dir=home, role="office", node_name="jks", site="JKS")
    office = create_edge_app(settings, clock=clock, database=database, background=False)
    with serve_app(office) as counter:
        page = browser.new_page(viewport=DESK)
        page.goto(f"{counter}/office")
        page.fill("#username", "clerk")
        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        warnings = page.locator("p.warning")
        expect(warnings).to_have_count(2)
        expect(warnings.nth(0)).to_contain_text("Belum ada data janji wawancara dari pusat")
        expect(warnings.nth(0).locator("span[lang=en]")).to_have_text(
            "/ no appointment data received from the center yet"
        )
        expect(warnings.nth(1)).to_contain_text("Pusat tidak terjangkau: kantor bekerja offline")
        expect(warnings.nth(1).locator("span[lang=en]")).to_contain_text("the center is not reachable")
        page.screenshot(path=str(shots / "office-warnings-desktop.png"), full_page=True)
        page.goto(f"{counter}/office?day=besok")
        expect(page.locator("main p.problem")).to_contain_text("Tulis tanggal sebagai YYYY-MM-DD")
        expect(page.locator("main p.problem")).to_contain_text("Give the day as YYYY-MM-DD")
