"""The queue board and the hall display in headless Chromium: both follow a lane change within 5 s."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, ViewportSize, expect

from gerbang.apps.edge import create_app
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import create_key_directory

pytestmark = pytest.mark.browser

ServeApp = Callable[[FastAPI], AbstractContextManager[str]]
PASSWORD = "correct-horse-battery"
WALL: ViewportSize = {"width": 1920, "height": 1080}
HALL_TITLE = {"id": "Imigrasi — perkiraan waktu tunggu", "en": "Immigration — expected wait"}
DOWN_WORDS = {"id": "Tidak berfungsi", "en": "Out of order"}


@pytest.fixture
def server(tmp_path: Path, serve_app: ServeApp) -> Iterator[str]:
    """A checkpoint node on loopback with no center, two counters and two autogates."""
    now = datetime.now(UTC)
    create_key_directory(tmp_path / "keys", at=now)
    settings = Settings(
        trust_file=tmp_path / "keys" / "public-keys.json",
        role="checkpoint",
        site="CGK",
        node_name="cgk",
        data_dir=tmp_path,
        lanes="C1:counter,C2:counter,A1:autogate,A2:autogate",
    )
    url = settings.effective_database_url
    migrate.upgrade(url)
    database = Database(url)
    with database.transaction() as session:
        accounts.create_account(
            session,
            username="agus",
            password=PASSWORD,
            roles=frozenset({Role.SUPERVISOR}),
            display_name=None,
            actor="shell:admin",
            at=now,
        )
    app = create_app(settings, database=database, background=False)
    with serve_app(app) as base:
        yield base


def token(server: str) -> dict[str, str]:
    answer = httpx.post(f"{server}/api/v1/auth/token", json={"username": "agus", "password": PASSWORD})
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def watch_problems(page: Page) -> list[str]:
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Refused to" in message.text or "Uncaught" in message.text
            else None
        ),
    )
    return problems


def open_board(browser: Browser, server: str) -> Page:
    page = browser.new_context(viewport=WALL).new_page()
    page.goto(f"{server}/supervisor/queues")
    page.fill("#username", "agus")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{server}/supervisor/queues")
    return page


@pytest.mark.parametrize("lang", ["id", "en"])
def test_board_and_hall_follow_an_autogate_going_down_within_5_seconds(
    server: str, browser: Browser, shots: Path, lang: str
) -> None:
    board = open_board(browser, server)
    hall = browser.new_context(viewport=WALL).new_page()
    problems = watch_problems(board) + watch_problems(hall)
    hall.goto(f"{server}/hall?lang={lang}")
    expect(hall.locator("h1")).to_contain_text(HALL_TITLE[lang])
    expect(hall.locator("html")).to_have_attribute("lang", lang)
    citizens_hall = hall.locator('[data-queue="citizens"]')
    expect(citizens_hall.locator(".open-lanes")).to_have_text("A1, A2")

    # Another supervisor marks A1 out of order over the API: neither page is touched by the test.
    changed = httpx.post(f"{server}/api/v1/lanes/A1", json={"status": "down"}, headers=token(server))
    assert changed.status_code == 200
    started = time.monotonic()
    expect(citizens_hall.locator(".down-lanes")).to_have_text("A1", timeout=5000)
    expect(citizens_hall.locator(".open-lanes")).to_have_text("A2", timeout=5000)
    expect(citizens_hall).to_contain_text(DOWN_WORDS[lang])
    citizens_board = board.locator("#queue-citizens")
    expect(citizens_board.locator(".down-lanes")).to_have_text("A1", timeout=5000)
    assert time.monotonic() - started < 5
    # The board speaks its supervisor's language (Indonesian until chosen), the advice's reasons too.
    expect(board.locator("#lane-A1")).to_contain_text("Rusak")
    expect(citizens_board.locator(".reasons")).to_contain_text("rusak")
    expect(board.locator("svg.chart")).to_be_visible()
    hall.screenshot(path=str(shots / f"hall-{lang}.png"))
    board.screenshot(path=str(shots / f"queue-board-{lang}.png"), full_page=True)
    assert problems == []


def test_a_supervisor_closes_a_counter_from_the_board_and_the_hall_follows(
    server: str, browser: Browser
) -> None:
    board = open_board(browser, server)
    hall = browser.new_context(viewport=WALL).new_page()
    problems = watch_problems(board) + watch_problems(hall)
    hall.goto(f"{server}/hall?lang=en")
    foreigners_hall = hall.locator('[data-queue="foreigners"]')
    expect(foreigners_hall.locator(".open-lanes")).to_have_text("C1, C2")
    board.locator("#lane-C2 button[data-action=closed]").click()
    expect(board.locator("#lane-C2")).to_contain_text("Tutup")
    expect(foreigners_hall.locator(".open-lanes")).to_have_text("C1", timeout=5000)
    assert problems == []


def test_the_hall_keeps_its_last_figures_and_says_how_old_when_the_node_stops_answering(
    server: str, browser: Browser
) -> None:
    hall = browser.new_context(viewport=WALL).new_page()
    hall.clock.install()  # the page's timers run on a clock the test moves
    hall.goto(f"{server}/hall?lang=id")
    expect(hall.locator('[data-queue="citizens"] .open-lanes')).to_have_text("A1, A2")
    expect(hall.locator("#hall-age-note")).to_be_hidden()
    # Every poll now fails, as when the node's web server is gone; the page must keep what it showed.
    hall.route("**/hall?*", lambda route: route.abort())
    hall.clock.run_for(3 * 60 * 1000)
    expect(hall.locator("#hall-age-note")).to_be_visible(timeout=5000)
    expect(hall.locator("#hall-age")).to_contain_text("min")
    expect(hall.locator('[data-queue="citizens"] .open-lanes')).to_have_text("A1, A2")
