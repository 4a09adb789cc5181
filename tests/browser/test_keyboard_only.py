"""Keyboard only, in Chromium: an applicant signs up, applies and books on a phone, and an officer signs
in and decides a crossing at a lane, with Tab, Enter, Space and typing; nothing is clicked."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, ViewportSize, expect

from gerbang.apps.central import create_app as create_center_app
from gerbang.apps.edge import create_app as create_edge_app
from gerbang.documents import make_zone
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import create_key_directory
from gerbang.kernel.clock import FixedClock

pytestmark = pytest.mark.browser

ServeApp = Callable[[FastAPI], AbstractContextManager[str]]
PHONE: ViewportSize = {"width": 390, "height": 844}
DESK: ViewportSize = {"width": 1366, "height": 768}
PASSWORD = "kopi-tubruk-pagi-hari"
MOST_TABS = 80  # more stops than any of these pages has: a focus that never arrives fails


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user moves through the page."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


@pytest.fixture
def center(tmp_path: Path, serve_app: ServeApp) -> Iterator[str]:
    clock = FixedClock(datetime(2026, 6, 20, 4, 15, tzinfo=UTC))
    url = f"sqlite:///{tmp_path / 'center.db'}"
    migrate.upgrade(url)
    app = create_center_app(Settings(data_dir=tmp_path / "center"), clock=clock, database=Database(url))
    with serve_app(app) as base:
        yield base


@pytest.fixture
def checkpoint(tmp_path: Path, serve_app: ServeApp) -> Iterator[str]:
    now = datetime.now(UTC)
    home = tmp_path / "cgk"
    create_key_directory(home / "keys", at=now)
    settings = Settings(
        trust_file=home / "keys" / "public-keys.json", role="checkpoint", site="CGK", node_name="cgk",
        data_dir=home,
    )  # fmt: skip
    url = settings.effective_database_url
    migrate.upgrade(url)
    database = Database(url)
    with database.transaction() as session:
        accounts.create_account(
            session, username="rina", password=PASSWORD, roles=frozenset({Role.CHECKPOINT_OFFICER}),
            display_name=None, actor="shell:admin", at=now,
        )  # fmt: skip
    with serve_app(create_edge_app(settings, database=database, background=False)) as base:
        yield base


def test_an_applicant_applies_and_books_with_the_keyboard_alone(browser: Browser, center: str) -> None:
    page = browser.new_context(viewport=PHONE, locale="en-US").new_page()
    page.goto(f"{center}/passports/signup")
    type_into(page, "#username", "ayu")
    type_into(page, "#display_name", "Ayu Lestari")
    type_into(page, "#password", PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#username")).to_have_value("ayu")  # signed up: now sign in
    type_into(page, "#password", PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Permohonan paspor")

    tab_to(page, "a[href='/passports/apply']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Ajukan paspor")
    type_into(page, "#name-0", "Ayu Lestari")
    type_into(page, "#nik-0", "3174055504900001")
    type_into(page, "#birth_date-0", "04151990")  # the date field's own order here: month, day, year
    expect(page.locator("#birth_date-0")).to_have_value("1990-04-15")
    type_into(page, "#sex-0", "P")  # a closed list picks the option its typed letters start
    expect(page.locator("#sex-0")).to_have_value("female")
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_contain_text("Pilih jadwal")
    type_into(page, "#office-0", "J")
    expect(page.locator("#office-0")).to_have_value("JKS")
    tab_to(page, "input[name=day]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=day]:checked")).to_have_count(1)
    type_into(page, "#hour-0", "1")
    expect(page.locator("#hour-0")).to_have_value("10")
    tab_to(page, "main button.primary")
    page.keyboard.press("Enter")
    code = page.locator("#billing-code")
    expect(code).to_be_visible()
    assert len(code.inner_text().strip()) == 15


def test_an_officer_decides_a_crossing_with_the_keyboard_alone(browser: Browser, checkpoint: str) -> None:
    page = browser.new_context(viewport=DESK).new_page()
    page.goto(f"{checkpoint}/lanes/C1")
    type_into(page, "#username", "rina")
    type_into(page, "#password", PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{checkpoint}/lanes/C1")
    page.wait_for_function("window.htmx !== undefined")
    lines = make_zone(
        format="TD3", document_type="P", issuing_state="IDN", surname="Santoso", given_names="Budi",
        document_number="A12345678", nationality="IDN", birth_date="900101", sex="M", expiry_date="320101",
    )  # fmt: skip
    type_into(page, "#mrz", "\n".join(lines))  # a scanner types each line and Enter
    tab_to(page, "#lane-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#result .verdict.admit")).to_be_visible()
    expect(page.locator("#result .verdict .word")).to_have_text("IZINKAN")
