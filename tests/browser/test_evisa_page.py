"""The e-visa page in headless Chromium against a real central server: content, QR, and the printed A4."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser

from gerbang.apps.central import create_app
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery"
ServeApp = Callable[[FastAPI], AbstractContextManager[str]]


@dataclass
class Server:
    url: str
    tokens: dict[str, str]


@pytest.fixture
def server(tmp_path: Path, serve_app: ServeApp) -> Iterator[Server]:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    migrate.upgrade(url)
    database = Database(url)
    with database.transaction() as session:
        for username, role in [("ayu", Role.APPLICANT), ("siti", Role.VISA_OFFICER)]:
            accounts.create_account(
                session,
                username=username,
                password=PASSWORD,
                roles=frozenset({role}),
                display_name=None,
                actor="shell:admin",
                at=datetime.now().astimezone(),
            )
    app = create_app(Settings(data_dir=tmp_path), database=database)
    with serve_app(app) as base:
        tokens = {
            user: httpx.post(
                f"{base}/api/v1/auth/token", json={"username": user, "password": PASSWORD}
            ).json()["token"]
            for user in ("ayu", "siti")
        }
        yield Server(base, tokens)


def _issue_evisa(server: Server) -> dict[str, str]:
    def auth(user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {server.tokens[user]}"}

    application = httpx.post(
        f"{server.url}/api/v1/visas/applications",
        headers=auth("ayu"),
        json={
            "type": "evoa",
            "name": "Emma Louise Watson",
            "passport_number": "PA1234567",
            "nationality": "AUS",
            "birth_date": "1990-04-15",
        },
    )
    assert application.status_code == 201, application.text
    approved = httpx.post(
        f"{server.url}/api/v1/visas/applications/{application.json()['id']}/approve",
        headers=auth("siti"),
        json={},
    )
    assert approved.status_code == 200, approved.text
    credential = httpx.get(
        f"{server.url}/api/v1/visas/credentials/{approved.json()['credential_id']}", headers=auth("ayu")
    )
    result: dict[str, str] = credential.json()
    return result


def test_the_evisa_page_shows_the_visa_and_prints_without_navigation(
    server: Server, browser: Browser, tmp_path: Path
) -> None:
    credential = _issue_evisa(server)
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.add_cookies([{"name": "gerbang_token", "value": server.tokens["ayu"], "url": server.url}])
    page = context.new_page()
    response = page.goto(f"{server.url}/visas/{credential['id']}")
    assert response is not None
    assert response.status == 200

    assert page.get_by_text("Emma Louise Watson").is_visible()
    valid_until = datetime.fromisoformat(credential["valid_until"])
    assert page.locator(".valid-until").inner_text().startswith(f"{valid_until:%Y-%m-%d %H:%M} UTC")
    qr = page.locator("svg.qr")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box is not None
    assert box["width"] > 100
    assert page.locator("pre.credential-text").inner_text() == credential["text"]
    assert page.locator("nav.site-nav").is_visible()
    page.screenshot(path=str(tmp_path / "evisa-screen.png"), full_page=True)

    page.emulate_media(media="print")
    assert page.locator("nav.site-nav").is_hidden()
    assert page.get_by_text("Emma Louise Watson").is_visible()
    assert qr.is_visible()
    page.screenshot(path=str(tmp_path / "evisa-print.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1  # one clean A4 sheet
    context.close()


def test_the_evisa_page_asks_a_stranger_to_sign_in(server: Server, browser: Browser) -> None:
    credential = _issue_evisa(server)
    page = browser.new_page()
    response = page.goto(f"{server.url}/visas/{credential['id']}")
    assert response is not None
    assert response.status == 401
    assert page.get_by_text("Please sign in").is_visible()
    assert "Emma" not in page.content()
    page.close()
