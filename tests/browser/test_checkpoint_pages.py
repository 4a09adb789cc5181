"""The checkpoint pages in headless Chromium on a real edge server: sign in, decide by htmx, supervise."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, ViewportSize, expect

from gerbang.apps.edge import create_app
from gerbang.documents import make_zone
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import create_key_directory

pytestmark = pytest.mark.browser

ServeApp = Callable[[FastAPI], AbstractContextManager[str]]
PASSWORD = "correct-horse-battery"
SCREEN: ViewportSize = {"width": 1366, "height": 768}  # the counter desktops


def zone(nationality: str, *, expiry: str, number: str) -> str:
    lines = make_zone(
        format="TD3",
        document_type="P",
        issuing_state=nationality,
        surname="Wijaya",
        given_names="Dewi Lestari",
        document_number=number,
        nationality=nationality,
        birth_date="880512",
        sex="F",
        expiry_date=expiry,
    )
    return "\n".join(lines)


@pytest.fixture
def server(tmp_path: Path, serve_app: ServeApp) -> Iterator[str]:
    """A checkpoint node on a loopback port, with no center: it decides offline on the shipped policy."""
    now = datetime.now(UTC)
    create_key_directory(tmp_path / "keys", at=now)
    settings = Settings(
        trust_file=tmp_path / "keys" / "public-keys.json",
        role="checkpoint",
        site="CGK",
        node_name="cgk",
        data_dir=tmp_path,
    )
    url = settings.effective_database_url
    migrate.upgrade(url)
    database = Database(url)
    with database.transaction() as session:
        for username, role in [("rina", Role.CHECKPOINT_OFFICER), ("agus", Role.SUPERVISOR)]:
            accounts.create_account(
                session,
                username=username,
                password=PASSWORD,
                roles=frozenset({role}),
                display_name=None,
                actor="shell:admin",
                at=now,
            )
    app = create_app(settings, database=database, background=False)
    with serve_app(app) as base:
        yield base


def sign_in(page: Page, server: str, path: str, username: str) -> None:
    page.goto(f"{server}{path}")
    expect(page).to_have_url(f"{server}/login?next={path}")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{server}{path}")


def _problem(text: str) -> bool:
    return "Refused to" in text or "Uncaught" in text


def decide(page: Page, mrz: str) -> None:
    page.fill("#mrz", mrz)
    page.click("#lane-form button[type=submit]")


def test_an_officer_decides_by_htmx_and_a_supervisor_watches_the_lanes(
    server: str, browser: Browser, shots: Path
) -> None:
    problems: list[str] = []
    context = browser.new_context(viewport=SCREEN)
    context.add_cookies([{"name": "gerbang_lang", "value": "en", "url": server}])  # read in English
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(str(error)))
    # Script errors and refused content (CSP) count; a 400 for a bad zone is the page working as meant.
    page.on("console", lambda message: problems.append(message.text) if _problem(message.text) else None)

    page.goto(f"{server}/login")
    page.fill("#username", "rina")
    page.fill("#password", "not-her-password")
    page.click("button[type=submit]")
    expect(page.locator(".problem")).to_contain_text("Wrong username or password")
    page.screenshot(path=str(shots / "0-login-wrong.png"))
    sign_in(page, server, "/lanes/C1", "rina")
    page.wait_for_function("window.htmx !== undefined")
    page.screenshot(path=str(shots / "1-lane-empty.png"))
    # A full reload would drop this; an htmx swap keeps it.
    page.evaluate("window.sameDocument = true")

    decide(page, zone("IDN", expiry="330101", number="B11112222"))
    expect(page.locator("#result .verdict")).to_contain_text("ADMIT")
    expect(page.locator("#result")).to_contain_text("WIJAYA")
    assert page.evaluate("window.sameDocument") is True
    expect(page.locator("#mrz")).to_have_value("")  # ready for the next traveller
    page.screenshot(path=str(shots / "2-lane-admit.png"))

    decide(page, zone("MYS", expiry="200101", number="M33334444"))
    expect(page.locator("#result .verdict.refuse")).to_contain_text("REFUSE")
    expect(page.locator("#result .reasons")).to_contain_text("expired")
    assert page.evaluate("window.sameDocument") is True
    page.screenshot(path=str(shots / "3-lane-refuse.png"))

    typed = zone("MYS", expiry="300101", number="M55556666").replace("WIJAYA", "WIJ4Y@")
    decide(page, typed)
    expect(page.locator("#result .problem")).to_contain_text("Line 1, position")
    expect(page.locator("#mrz")).to_have_value(typed)  # what the officer typed stays
    page.screenshot(path=str(shots / "4-lane-malformed.png"))
    assert page.locator("text=Record override").count() == 0  # officers cannot override
    context.close()

    english = browser.new_context(viewport=SCREEN)
    english.add_cookies([{"name": "gerbang_lang", "value": "en", "url": server}])
    supervisor = english.new_page()
    supervisor.on("pageerror", lambda error: problems.append(str(error)))
    sign_in(supervisor, server, "/supervisor", "agus")
    board = supervisor.locator("#board")
    expect(board.locator(".warning")).to_contain_text("reference data")
    expect(board.locator(".stat.admit .n")).to_have_text("1")
    expect(board.locator(".stat.refuse .n")).to_have_text("1")
    expect(board).to_contain_text("C1")
    expect(board.locator("table.recent").first).to_contain_text("REFUSE")
    supervisor.screenshot(path=str(shots / "5-supervisor.png"))

    supervisor.goto(f"{server}/lanes/C2")
    decide(supervisor, zone("MYS", expiry="300101", number="M77778888"))
    expect(supervisor.locator("#result .verdict")).to_contain_text("ADMIT")
    supervisor.select_option("select[name=decision]", "refer")
    supervisor.fill("input[name=reason]", "passport photo does not match the traveller")
    supervisor.click("text=Record override")
    expect(supervisor.locator("#result .verdict")).to_contain_text("REFER")
    expect(supervisor.locator("#result")).to_contain_text("Overridden from ADMIT to REFER")
    supervisor.screenshot(path=str(shots / "6-supervisor-override.png"))
    assert problems == []


PHONE: ViewportSize = {"width": 390, "height": 844}


def test_lane_console_stacks_on_a_phone_with_the_decision_on_screen_and_names_the_center_down(
    server: str, browser: Browser, shots: Path
) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    sign_in(page, server, "/lanes/C1", "rina")
    banner = page.locator("#center-banner")
    expect(banner).to_be_visible()  # this node has no center at all: it is offline from the start
    expect(banner).to_contain_text("Pusat data tidak dapat dihubungi")
    expect(banner).to_contain_text("The center cannot be reached")
    page.wait_for_function("window.htmx !== undefined")
    decide(page, zone("IDN", expiry="330101", number="B11112222"))
    verdict = page.locator("#result .verdict")
    expect(verdict).to_contain_text("IZINKAN")  # the console speaks Indonesian until told otherwise
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 391)
            .map(e => e.tagName + '.' + e.className + '#' + e.id)
            .slice(0, 12).join(' ')"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, wide
    form_box = page.locator("#lane-form").bounding_box()
    result_box = page.locator("#result").bounding_box()
    assert form_box is not None
    assert result_box is not None
    assert result_box["y"] >= form_box["y"] + form_box["height"]  # stacked, not side by side
    assert result_box["x"] + result_box["width"] <= 390
    verdict.scroll_into_view_if_needed()
    box = verdict.bounding_box()
    word = page.locator("#result .verdict .word").bounding_box()
    assert box is not None
    assert word is not None
    assert word["x"] + word["width"] <= box["x"] + box["width"]  # IZINKAN stays inside its green box
    page.screenshot(path=str(shots / "lane-phone.png"), full_page=True)
    page.context.close()


CHECKPOINT_PAGES = [
    ("/login", None),
    ("/lanes/C1", "rina"),
    ("/supervisor", "agus"),
    ("/supervisor/queues", "agus"),
    ("/hall", None),
]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("viewport", [PHONE, SCREEN], ids=["phone", "desktop"])
def test_every_checkpoint_page_has_no_serious_accessibility_finding(
    server: str, browser: Browser, axe: Callable[..., None], viewport: ViewportSize, lang: str
) -> None:
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    found: list[str] = []
    for path, who in CHECKPOINT_PAGES:
        if who is not None:
            context.clear_cookies()
            context.add_cookies([{"name": "gerbang_lang", "value": lang, "url": server}])
            sign_in(page, server, path, who)
        else:
            page.goto(f"{server}{path}")
        if path == "/lanes/C1":
            page.wait_for_function("window.htmx !== undefined")
            decide(page, zone("MYS", expiry="200101", number="M33334444"))
            expect(page.locator("#result .verdict.refuse")).to_be_visible()
        try:
            axe(page, where=f"{path} at {viewport['width']} px in {lang}")
        except AssertionError as failure:
            found.append(str(failure))
    context.close()
    assert not found, "\n".join(found)


def test_the_officer_switches_the_console_to_english_by_keyboard_and_it_stays_chosen(
    server: str, browser: Browser, shots: Path
) -> None:
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    page.goto(f"{server}/login")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("label[for=username]")).to_have_text("Nama pengguna")
    sign_in(page, server, "/lanes/C1", "rina")
    expect(page.locator("#lane-form button[type=submit]")).to_have_text("Putuskan")
    expect(page.locator("#lane-form legend").first).to_have_text("Arah")
    english = page.locator("form.language button[value=en]")
    english.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{server}/lanes/C1")  # back at the same lane
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#lane-form button[type=submit]")).to_have_text("Decide")
    expect(page.locator("label[for=mrz]")).to_have_text("Machine-readable zone (MRZ)")
    expect(page.locator("form.language button[value=en]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("body")).not_to_contain_text("Putuskan")
    page.wait_for_function("window.htmx !== undefined")
    decide(page, zone("IDN", expiry="330101", number="B55556666"))
    expect(page.locator("#result .verdict .word")).to_have_text("ADMIT")
    expect(page.locator("#result .facts")).to_contain_text("Decided offline")
    page.screenshot(path=str(shots / "lane-english.png"), full_page=True)
    # The next shift on this device: a new page, the same choice.
    again = context.new_page()
    again.goto(f"{server}/lanes/C1")
    expect(again.locator("#lane-form button[type=submit]")).to_have_text("Decide")
    again.locator("form.language button[value=id]").click()
    expect(again.locator("#lane-form button[type=submit]")).to_have_text("Putuskan")
    context.close()
