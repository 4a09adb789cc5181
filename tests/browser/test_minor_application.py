"""A child's application in Chromium on a phone: the birth date brings up the parent or guardian step,
the form refuses without it, and files once the parent has consented."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, ViewportSize, expect

from gerbang.apps.central import create_app
from gerbang.infra import migrate
from gerbang.infra.database import Database
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import FixedClock

pytestmark = pytest.mark.browser

ServeApp = Callable[[FastAPI], AbstractContextManager[str]]
PHONE: ViewportSize = {"width": 390, "height": 844}
PASSWORD = "kopi-tubruk-pagi-hari"


def test_a_childs_birth_date_asks_for_the_parent_and_files_with_their_consent(
    tmp_path: Path, browser: Browser, serve_app: ServeApp, axe: Callable[..., None], shots: Path
) -> None:
    clock = FixedClock(datetime(2026, 6, 20, 4, 15, tzinfo=UTC))
    url = f"sqlite:///{tmp_path / 'center.db'}"
    migrate.upgrade(url)
    center = create_app(Settings(data_dir=tmp_path), clock=clock, database=Database(url))
    with serve_app(center) as base:
        page = browser.new_context(viewport=PHONE, bypass_csp=True).new_page()
        page.goto(f"{base}/passports/signup")
        page.fill("#username", "ayu")
        page.fill("#display_name", "Ayu Lestari")
        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        page.click("text=Ajukan paspor")
        page.wait_for_function("window.htmx !== undefined")
        page.fill("#name-0", "Bima Lestari")
        page.fill("#nik-0", "3174050503120001")
        expect(page.locator("#guardian-fields-0")).to_have_count(0)
        page.fill("#birth_date-0", "2012-03-05")  # 14 years old: the guardian step appears in place
        expect(page.locator("#guardian-fields-0")).to_be_visible()
        expect(page.locator("#guardian-fields-0 legend")).to_contain_text("di bawah 17 tahun")
        expect(page.locator("#name-0")).to_have_value("Bima Lestari")  # nothing typed is lost
        page.select_option("#sex-0", "male")
        page.select_option("#passport-0", "ordinary/5")
        page.click("button[value=submit]")
        expect(page.locator("#guardian_name-0")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#error-summary")).to_contain_text("perlu orang tua atau wali")
        axe(page, where="the application form refused for want of a guardian")
        page.screenshot(path=str(shots / "apply-child-refused-phone.png"), full_page=True)
        page.fill("#guardian_name-0", "Ayu Lestari")
        page.select_option("#guardian_relationship-0", "parent")
        page.fill("#guardian_nik-0", "3174055504900001")
        page.check("#guardian_consent-0")
        axe(page, where="the guardian step filled in")
        page.click("button[value=submit]")
        expect(page.locator("h1")).to_contain_text("Pilih jadwal")
