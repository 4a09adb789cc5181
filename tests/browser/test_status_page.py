"""The public status page in headless Chromium, with JavaScript off: both languages, the bar, the form."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, expect

from gerbang.apps.status import create_app
from gerbang.infra import migrate
from gerbang.infra.accounts import Principal
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.status import service
from gerbang.status.domain import State
from gerbang.status.domain.messages import Text
from gerbang.status.orm import StatusDayRow
from gerbang.status.rounds import apply_round
from gerbang.status.settings import StatusSettings, Target

pytestmark = pytest.mark.browser

ServeApp = Callable[[FastAPI], AbstractContextManager[str]]
CENTER = ("passports", "portal", "visas", "evoa")
OPERATOR = Principal("account", uuid.uuid4(), "ops", frozenset({Role.OPERATOR}))


def _app(tmp_path: Path) -> tuple[FastAPI, Database]:
    url = f"sqlite:///{tmp_path / 'status.db'}"
    migrate.upgrade(url)
    database = Database(url)
    settings = Settings(data_dir=tmp_path, role="status", node_name="status")
    status = StatusSettings(
        checkpoints=[
            Target(name="cgk", site="CGK", url="http://127.0.0.1:9"),
            Target(name="dps", site="DPS", url="http://127.0.0.1:9"),
        ],
        probe_interval_s=19,
        fail_after=3,
    )
    return create_app(settings, status=status, database=database, background=False), database


def _seed(app: FastAPI, database: Database) -> None:
    """Ninety days of history, a resolved outage, an ongoing center outage, and a maintenance window."""
    ctx = app.state.status_context
    now = datetime.now(UTC)
    today = now.astimezone(ctx.timezone).date()
    with database.transaction() as session:
        for component in ctx.board.components:
            for back in range(1, 80):  # the oldest ten days have no data: the node is new
                counts = {"operational": 8640}
                if back == 12:
                    counts = {"operational": 6000, "major_outage": 2640}
                elif back == 30 and component.id == "checkpoint-dps":
                    counts = {"operational": 8000, "degraded": 640}
                elif back == 45:
                    counts = {"operational": 8000, "unknown": 640}
                session.add(
                    StatusDayRow(component=component.id, day=today - timedelta(days=back), counts=counts)
                )
        past = service.create_incident(
            session,
            ctx=ctx,
            title=Text("Pembayaran PNBP terganggu", "PNBP payments disrupted"),
            components=["passports"],
            text=Text("Bank mitra sedang gangguan.", "The partner bank has an outage."),
            operator=OPERATOR,
            at=now - timedelta(days=12),
        )
        service.add_update(
            session,
            ctx=ctx,
            incident_id=past.id,
            resolve=True,
            operator=OPERATOR,
            text=Text("Pembayaran kembali normal.", "Payments work again."),
            at=now - timedelta(days=12) + timedelta(hours=3),
        )
        service.schedule_maintenance(
            session,
            ctx=ctx,
            title=Text("Pemeliharaan e-VoA", "e-VoA maintenance"),
            components=["evoa"],
            starts_at=now + timedelta(days=2),
            ends_at=now + timedelta(days=2, hours=2),
            text=Text("e-VoA tidak tersedia selama dua jam.", "e-VoA is unavailable for two hours."),
            operator=OPERATOR,
            at=now,
        )
    seen = {
        **dict.fromkeys(CENTER, State.MAJOR_OUTAGE),
        "checkpoint-cgk": State.OPERATIONAL,
        "checkpoint-dps": State.DEGRADED,
    }
    for back in (3, 2, 1):
        with database.transaction() as session:
            apply_round(session, ctx=ctx, states=seen, blind=False, at=now - timedelta(seconds=10 * back))


@pytest.fixture
def server(tmp_path: Path, serve_app: ServeApp) -> Iterator[str]:
    app, database = _app(tmp_path)
    _seed(app, database)
    with serve_app(app) as url:
        yield url


@pytest.fixture
def blind_server(tmp_path: Path, serve_app: ServeApp) -> Iterator[str]:
    app, database = _app(tmp_path / "blind")
    ctx = app.state.status_context
    now = datetime.now(UTC)
    for back in (3, 2, 1):
        with database.transaction() as session:
            apply_round(
                session,
                ctx=ctx,
                states={c.id: State.OPERATIONAL for c in ctx.board.components},
                blind=back != 3,
                at=now - timedelta(seconds=10 * back),
            )
    with serve_app(app) as url:
        yield url


def _page(browser: Browser, *, locale: str, width: int = 1100) -> Page:
    context = browser.new_context(
        java_script_enabled=False, locale=locale, viewport={"width": width, "height": 900}
    )
    return context.new_page()


def test_english_page_shows_the_outage_what_still_works_and_ninety_days(
    server: str, browser: Browser, shots: Path
) -> None:
    page = _page(browser, locale="en-GB")
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.goto(f"{server}/?lang=en")
    expect(page.locator(".overall")).to_contain_text("Major outage")
    ongoing = page.locator("article.incident.s-open", has_text="Outage: Passports")
    expect(ongoing).to_contain_text("Outage: Passports, Applicant portal, Visas and stay permits, and e-VoA")
    expect(ongoing).to_contain_text("checkpoints CGK and DPS are clearing travellers in offline mode")
    expect(page.locator("#component-passports .state")).to_have_text("✕ Major outage")
    expect(page.locator("#component-checkpoint-dps .state")).to_have_text("! Degraded performance")
    expect(page.locator("#component-passports .bar .day")).to_have_count(90)
    expect(page.locator("#component-passports .notable")).to_contain_text("(Major outage)")
    expect(page.locator("#maintenance-h")).to_have_text("Scheduled maintenance")
    expect(page.locator("#past-h ~ article").first).to_contain_text("Payments work again.")
    assert page.locator("script:not([src])").count() == 0  # nothing inline: the CSP allows none
    page.screenshot(path=str(shots / "status-en.png"), full_page=True)
    assert problems == []


def test_indonesian_page_from_accept_language_and_the_switch_to_english(
    server: str, browser: Browser, shots: Path
) -> None:
    page = _page(browser, locale="id-ID")
    page.goto(f"{server}/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("h1")).to_have_text("Status layanan Imigrasi")
    expect(page.locator(".overall")).to_contain_text("Ada gangguan besar pada layanan")
    ongoing = page.locator("article.incident.s-open", has_text="Gangguan: Paspor")
    expect(ongoing).to_contain_text("tetap melayani pelintas dalam mode luring")
    expect(page.locator("#component-checkpoint-cgk .state")).to_have_text("✓ Beroperasi normal")
    page.screenshot(path=str(shots / "status-id.png"), full_page=True)
    page.click("a.lang-switch")
    expect(page.locator("h1")).to_have_text("Immigration service status")


def test_email_form_works_without_javascript(server: str, browser: Browser) -> None:
    page = _page(browser, locale="en-GB")
    page.goto(f"{server}/?lang=en")
    page.fill("#email", "ani@contoh.id")
    page.click(".subscribe button[type=submit]")
    expect(page.locator(".subscribe .ok")).to_have_text("Thank you. You will get the next update by email.")


def test_phone_width_keeps_the_page_readable(server: str, browser: Browser, shots: Path) -> None:
    page = _page(browser, locale="id-ID", width=390)
    page.goto(f"{server}/")
    expect(page.locator("#component-passports .bar")).to_be_visible()
    for selector in ("#component-passports .bar", ".overall", ".subscribe"):
        box = page.locator(selector).bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 390, selector
    page.screenshot(path=str(shots / "status-id-phone.png"), full_page=True)


def test_blind_node_shows_grey_unknown_never_green(blind_server: str, browser: Browser, shots: Path) -> None:
    page = _page(browser, locale="en-GB")
    page.goto(f"{blind_server}/?lang=en")
    expect(page.locator(".overall")).to_have_class("overall s-unknown")
    expect(page.locator(".overall")).to_contain_text("Status unknown")
    expect(page.locator(".components .state.s-operational")).to_have_count(0)
    expect(page.locator("#component-passports .state")).to_have_text("? Unknown")
    page.screenshot(path=str(shots / "status-unknown-en.png"), full_page=True)


def _scripted(browser: Browser, *, width: int, height: int = 844) -> Page:
    # bypass_csp only lets the test inject axe-core; the page's own scripts come from the node.
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": height})
    return context.new_page()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_status_page_has_no_serious_accessibility_finding(
    server: str, browser: Browser, axe: Callable[..., None], lang: str, width: int
) -> None:
    page = _scripted(browser, width=width)
    page.goto(f"{server}/?lang={lang}")
    expect(page.locator("#component-passports .bar")).to_be_visible()
    axe(page, where=f"the status page ({lang}, {width} px)")
    page.goto(f"{server}/?lang={lang}&subscribed=1#subscribe")
    axe(page, where=f"the status page after subscribing ({lang}, {width} px)")
    page.context.close()


def test_refresh_swaps_the_status_part_only_and_never_under_a_typing_visitor(
    server: str, browser: Browser
) -> None:
    page = _scripted(browser, width=390)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "/live" in request.url else None)
    page.goto(f"{server}/?lang=id")
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    page.wait_for_function("() => window.htmx !== undefined")
    page.fill("#email", "ani@cont")
    page.evaluate("() => window.htmx.trigger('#live', 'refresh')")
    page.wait_for_timeout(500)
    assert asked == []  # focus is in the form: no refresh at all
    page.evaluate("() => Object.defineProperty(document, 'hidden', {value: true, configurable: true})")
    page.locator("h1").click()
    page.evaluate("() => window.htmx.trigger('#live', 'refresh')")
    page.wait_for_timeout(500)
    assert asked == []  # the tab is hidden: nothing to refresh for
    page.evaluate("() => Object.defineProperty(document, 'hidden', {value: false, configurable: true})")
    page.evaluate("() => document.getElementById('component-passports').classList.add('old')")
    with page.expect_response(lambda response: "/live" in response.url):
        page.evaluate("() => window.htmx.trigger('#live', 'refresh')")
    expect(page.locator("#component-passports")).not_to_have_class("component old")
    expect(page.locator("#component-passports .bar .day")).to_have_count(90)
    expect(page.locator("#overall .overall")).to_contain_text("Ada gangguan besar pada layanan")
    assert page.locator("#overall").count() == 1
    assert page.input_value("#email") == "ani@cont"
    assert asked == [f"{server}/live?lang=id"]
    page.context.close()
