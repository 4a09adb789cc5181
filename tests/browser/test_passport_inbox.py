"""The applicant's inbox in headless Chromium: a notice the service clock sent, read on a phone."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, ViewportSize, expect

from gerbang.apps.central import create_app as create_center_app
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import FixedClock
from gerbang.passports.center.clock import service_clock

pytestmark = pytest.mark.browser

ServeApp = Callable[[FastAPI], AbstractContextManager[str]]
PASSWORD = "correct-horse-battery"
SECRET = "bank-shared-secret-for-tests"
PHONE: ViewportSize = {"width": 390, "height": 844}
WIB = ZoneInfo("Asia/Jakarta")
DIGEST = "ab" * 32
SAME_DAY = {
    "nik": "3174050201850001",
    "name": "Person 1",
    "birth_date": "1985-01-02",
    "sex": "male",
    "kind": "ordinary",
    "validity_years": 5,
    "service": "same-day",
}


def wib(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, day, hour, minute, tzinfo=WIB).astimezone(UTC)


class Api:
    """The center's JSON API over HTTP: applicants, the bank and the office officer."""

    def __init__(self, base: str) -> None:
        self.http = httpx.Client(base_url=base, timeout=10)

    def as_(self, user: str) -> dict[str, str]:
        token = self.http.post("/api/v1/auth/token", json={"username": user, "password": PASSWORD})
        assert token.status_code == 201, token.text
        return {"Authorization": f"Bearer {token.json()['token']}"}

    def same_day_paid(self, at: datetime) -> str:
        base, ayu = "/api/v1/passports/applications", self.as_("ayu")
        ident = str(self.http.post(base, json=SAME_DAY, headers=ayu).json()["id"])
        slot = {"office": "JKS", "day": "2026-06-23", "hour": 9}
        billing = self.http.post(f"{base}/{ident}/booking", json=slot, headers=ayu).json()["billing"]
        payment = {
            "transaction_id": "BNI-1",
            "billing_code": billing["code"],
            "amount_idr": billing["amount_idr"],
            "paid_at": at.isoformat(),
        }
        raw = json.dumps(payment).encode()
        signature = hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()
        headers = {"X-Signature": signature, "Content-Type": "application/json"}
        paid = self.http.post("/api/v1/passports/payments/callback", content=raw, headers=headers)
        assert paid.json()["outcome"] == "applied", paid.text
        return ident

    def interview(self, ident: str) -> None:
        body = {"photo_sha256": DIGEST, "fingerprints_sha256": DIGEST}
        response = self.http.post(
            f"/api/v1/passports/applications/{ident}/interview", json=body, headers=self.as_("rina")
        )
        assert response.status_code == 200, response.text

    def inbox(self, user: str) -> Any:
        response = self.http.get("/api/v1/passports/inbox", headers=self.as_(user))
        assert response.status_code == 200, response.text
        return response.json()


def sign_in(page: Page, base: str, user: str) -> None:
    page.goto(f"{base}/passports/login")
    page.fill("#username", user)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Permohonan paspor")


def test_a_refund_notice_is_read_on_a_phone_in_the_chosen_language_and_only_by_its_applicant(
    tmp_path: Path, browser: Browser, serve_app: ServeApp, shots: Path
) -> None:
    clock = FixedClock(wib(20, 11, 15))
    url = f"sqlite:///{tmp_path / 'center.db'}"
    migrate.upgrade(url)
    database = Database(url)
    with database.transaction() as session:
        for user, role in (("ayu", Role.APPLICANT), ("ben", Role.APPLICANT), ("rina", Role.OFFICE_OFFICER)):
            accounts.create_account(
                session,
                username=user,
                password=PASSWORD,
                roles=frozenset({role}),
                display_name=None,
                actor="shell:admin",
                at=clock.now(),
            )
    center = create_center_app(
        Settings(data_dir=tmp_path, payment_callback_secret=SECRET), clock=clock, database=database
    )
    with serve_app(center) as base:
        api = Api(base)
        ident = api.same_day_paid(clock.now())
        clock.current = wib(23, 9, 30)
        api.interview(ident)
        # The same-day passport is not ready by midnight: the service clock refunds and tells her.
        clock.current = wib(24, 0, 5)
        service_clock.run_once(database, clock)

        phone = browser.new_page(viewport=PHONE)
        errors: list[str] = []
        phone.on("pageerror", lambda e: errors.append(str(e)))
        sign_in(phone, base, "ayu")
        phone.click("text=Kotak masuk")
        # Filing and paying left their own notices; the refund is the newest.
        expect(phone.locator("#notices li")).to_have_count(3)
        notice = phone.locator("#notices li", has_text="Biaya percepatan")
        expect(notice).to_have_count(1)
        expect(notice).to_have_class("unread")
        # Indonesian first (she never chose), the English a tap away.
        expect(notice.locator("h3[lang=id]")).to_have_text(
            f"Biaya percepatan Rp 1.000.000 dikembalikan: permohonan {ident}"
        )
        expect(notice.locator("p[lang=id]")).to_contain_text("Paspor percepatan Anda tidak selesai")
        english = notice.locator("details[lang=en]")
        expect(english.locator("summary")).to_contain_text("English: Same-day surcharge of Rp 1,000,000")
        expect(english.locator("p")).not_to_be_visible()
        english.locator("summary").click()
        expect(english.locator("p")).to_contain_text("Your same-day passport was not ready")
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        phone.screenshot(path=str(shots / "passport-inbox-phone.png"), full_page=True)
        notice_id = (notice.get_attribute("id") or "").removeprefix("notice-")

        # Ben, another applicant, sees none of it and cannot mark it read.
        other = browser.new_context(viewport=PHONE).new_page()
        sign_in(other, base, "ben")
        other.goto(f"{base}/passports/inbox")
        expect(other.locator("#notices")).to_contain_text("Belum ada pemberitahuan")
        assert "Biaya percepatan" not in other.content()
        key = other.locator("#contact input[name=key]").input_value()
        poked = other.request.post(f"{base}/passports/inbox/{notice_id}/read", form={"key": key})
        assert poked.status == 404
        assert "No notice" in poked.text()
        assert api.inbox("ben") == []
        assert api.inbox("ayu")[0]["read_at"] is None

        notice.locator("button", has_text="Tandai sudah dibaca").click()
        expect(notice).to_contain_text("Sudah dibaca")
        expect(notice).not_to_have_class("unread")
        phone.reload()
        expect(phone.locator("#notices li", has_text="Biaya percepatan")).to_contain_text("Sudah dibaca")
        assert api.inbox("ayu")[0]["read_at"] is not None

        # She chooses English: the same notice now leads in English, Indonesian beside it.
        phone.select_option("#language", "en")
        phone.click("#contact button[type=submit]")
        expect(phone.locator("#saved")).to_be_visible()
        expect(phone.locator("#notices li h3[lang=en]").first).to_have_text(
            f"Same-day surcharge of Rp 1,000,000 refunded: application {ident}"
        )
        expect(phone.locator("#notices li details[lang=id] summary").first).to_contain_text(
            "Bahasa Indonesia: Biaya percepatan Rp 1.000.000 dikembalikan"
        )
        expect(phone.locator("#language")).to_have_value("en")
        assert api.inbox("ayu")[0]["language"] == "en"  # the API reads the same choice
        phone.screenshot(path=str(shots / "passport-inbox-english-phone.png"), full_page=True)
        assert not errors, errors
