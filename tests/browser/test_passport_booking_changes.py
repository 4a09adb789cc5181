"""Rescheduling and cancelling from the portal in headless Chromium, with and without JavaScript."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, ViewportSize, expect

from gerbang.apps.central import create_app as create_center_app
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.kernel.calendar import WorkingCalendar
from gerbang.kernel.clock import FixedClock
from gerbang.passports.center.booking import slots
from gerbang.passports.domain.policy import Service

pytestmark = pytest.mark.browser

ServeApp = Callable[[FastAPI], AbstractContextManager[str]]
PASSWORD = "correct-horse-battery"
SECRET = "bank-shared-secret-for-tests"
PHONE: ViewportSize = {"width": 390, "height": 844}
# Saturday 20 June 2026, 11:15 in Jakarta: quotas up to 4 July are released and past their draw.
START = datetime(2026, 6, 20, 4, 15, tzinfo=UTC)
INTERVIEW = date(2026, 6, 23)


def person(serial: int) -> dict[str, Any]:
    return {
        "nik": f"31740502018500{serial:02d}",
        "name": f"Person {serial}",
        "birth_date": "1985-01-02",
        "sex": "male",
        "kind": "ordinary",
        "validity_years": 5,
        "service": "regular",
    }


class Api:
    """The center's JSON API over HTTP: the applicant's own calls and the bank's callback."""

    def __init__(self, base: str) -> None:
        self.http = httpx.Client(base_url=base, timeout=10)
        self.ayu: dict[str, str] = {}
        self.sign_in()

    def sign_in(self) -> None:
        """A fresh API token (they last 12 hours of the test's clock)."""
        token = self.http.post("/api/v1/auth/token", json={"username": "ayu", "password": PASSWORD})
        self.ayu = {"Authorization": f"Bearer {token.json()['token']}"}

    def booked_and_paid(self, serial: int, at: datetime) -> str:
        base = "/api/v1/passports/applications"
        ident = str(self.http.post(base, json=person(serial), headers=self.ayu).json()["id"])
        slot = {"office": "JKS", "day": INTERVIEW.isoformat(), "hour": 9}
        booked = self.http.post(f"{base}/{ident}/booking", json=slot, headers=self.ayu)
        assert booked.status_code == 200, booked.text
        billing = booked.json()["billing"]
        payment = {
            "transaction_id": f"BNI-{serial}",
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

    def application(self, ident: str) -> Any:
        return self.http.get(f"/api/v1/passports/applications/{ident}", headers=self.ayu).json()


def sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/passports/login")
    page.fill("#username", "ayu")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Permohonan paspor")


def open_days(today: date) -> list[str]:
    """Working days after today up to the 14-day release horizon, by the Indonesian calendar."""
    calendar = WorkingCalendar()
    days = (today + timedelta(days=n) for n in range(1, 15))
    return [d.isoformat() for d in days if calendar.is_working_day(d)]


def fill_up(database: Database, day: date, at: datetime) -> None:
    """Everyone else books the rest of the day's places (as a burst of other applicants would)."""
    with database.transaction() as session:
        quota = slots.ensure_quota(session, slots.office(session, "JKS"), day, Service.REGULAR, at=at)
        quota.booked = quota.capacity


def test_an_applicant_reschedules_once_and_cancels_and_each_refusal_is_explained_in_both_languages(
    tmp_path: Path, browser: Browser, serve_app: ServeApp, shots: Path
) -> None:
    clock = FixedClock(START)
    url = f"sqlite:///{tmp_path / 'center.db'}"
    migrate.upgrade(url)
    database = Database(url)
    with database.transaction() as session:
        accounts.create_account(
            session,
            username="ayu",
            password=PASSWORD,
            roles=frozenset({Role.APPLICANT}),
            display_name="Ayu Lestari",
            actor="shell:admin",
            at=clock.now(),
        )
    center = create_center_app(
        Settings(data_dir=tmp_path, payment_callback_secret=SECRET), clock=clock, database=database
    )
    with serve_app(center) as base:
        api = Api(base)
        first, second, third = (api.booked_and_paid(n, clock.now()) for n in (1, 2, 3))
        phone = browser.new_page(viewport=PHONE)
        errors: list[str] = []
        phone.on("pageerror", lambda e: errors.append(str(e)))
        sign_in(phone, base)

        # With JavaScript: the days with places, one free move, and the page says it is used.
        phone.goto(f"{base}/passports/applications/{first}")
        phone.click("#reschedule-link")
        expect(phone.locator("h1")).to_contain_text("Ubah jadwal wawancara")
        days = phone.locator("#days input[name=day]")
        offered = [days.nth(i).get_attribute("value") for i in range(days.count())]
        assert offered == open_days(date(2026, 6, 20))
        booked_day = phone.locator("#days label", has_text="Selasa, 23 Juni 2026")
        expect(booked_day).to_contain_text("197 tempat")  # three of the day's 200 are taken
        expect(booked_day).to_contain_text("jadwal Anda")
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        phone.screenshot(path=str(shots / "passport-reschedule-phone.png"), full_page=True)
        phone.check("input[name=day][value='2026-06-24']")
        phone.select_option("#hour", "10")
        phone.click("main button.primary")
        expect(phone.locator("#changed")).to_contain_text("Jadwal wawancara sudah diubah")
        expect(phone.locator("dl.facts")).to_contain_text("Rabu, 24 Juni 2026 · 10:00")
        expect(phone.locator("#moved-once")).to_be_visible()
        expect(phone.locator("#reschedule-link")).to_have_count(0)
        assert api.application(first)["booking"] == {
            "office": "JKS",
            "day": "2026-06-24",
            "hour": 10,
            "service": "regular",
            "rescheduled": True,
        }

        # Without JavaScript: a second move is refused, in Indonesian and in English.
        plain = browser.new_context(java_script_enabled=False, viewport=PHONE)
        plain.add_cookies(phone.context.cookies())  # type: ignore[arg-type]
        page = plain.new_page()
        page.goto(f"{base}/passports/applications/{first}/reschedule")
        page.check("input[name=day][value='2026-06-25']")
        page.click("main button.primary")
        expect(page.locator("#refusal")).to_contain_text("Jadwal hanya bisa diubah satu kali")
        expect(page.locator("#refusal span[lang=en]")).to_contain_text("rescheduled once only")
        page.screenshot(path=str(shots / "passport-reschedule-twice-refused-phone.png"), full_page=True)
        assert api.application(first)["booking"]["day"] == "2026-06-24"

        # With JavaScript: the chosen day fills up before the form is sent; nothing moves.
        phone.goto(f"{base}/passports/applications/{second}/reschedule")
        phone.check("input[name=day][value='2026-06-25']")
        fill_up(database, date(2026, 6, 25), clock.now())
        phone.click("main button.primary")
        full = "Kuota reguler JKS pada Kamis, 25 Juni 2026 sudah penuh"
        expect(phone.locator("#refusal")).to_contain_text(full)
        expect(phone.locator("#refusal span[lang=en]")).to_contain_text("is full")
        expect(phone.locator("input[name=day][value='2026-06-25']")).to_have_count(0)  # no longer offered
        phone.screenshot(path=str(shots / "passport-reschedule-full-phone.png"), full_page=True)
        kept = api.application(second)["booking"]
        assert (kept["day"], kept["hour"], kept["rescheduled"]) == ("2026-06-23", 9, False)

        # Without JavaScript: cancelling asks first, then gives the place back and owes the fee back.
        page.goto(f"{base}/passports/applications/{second}")
        page.click("#cancel-link")
        expect(page.locator("h1")).to_contain_text("Batalkan permohonan ini?")
        expect(page.locator("#cancel")).to_contain_text("dicatat untuk dikembalikan")
        assert api.application(second)["status"] == "paid"  # following the link cancels nothing
        page.click("#confirm-cancel")
        expect(page.locator("#changed")).to_contain_text("Permohonan sudah dibatalkan")
        expect(page.locator("#status")).to_contain_text("Dibatalkan")
        expect(page.locator("#refunds")).to_contain_text("Rp 350.000 — akan dikembalikan")
        page.screenshot(path=str(shots / "passport-cancelled-phone.png"), full_page=True)
        cancelled = api.application(second)
        assert (cancelled["status"], cancelled["booking"]) == ("cancelled", None)
        page.goto(f"{base}/passports/applications/{third}/reschedule")
        expect(page.locator("#days label", has_text="Selasa, 23 Juni 2026")).to_contain_text("199 tempat")
        page.goto(f"{base}/passports/applications/{second}/cancel")
        page.click("#confirm-cancel")
        expect(page.locator("#refusal")).to_contain_text("tidak bisa dibatalkan lagi")
        expect(page.locator("#refusal span[lang=en]")).to_contain_text("cannot become cancelled")

        # On the interview day itself it is too late to move.
        clock.current = datetime(2026, 6, 23, 1, 0, tzinfo=UTC)  # 08:00 in Jakarta
        sign_in(phone, base)  # the 8-hour session has ended
        api.sign_in()
        phone.goto(f"{base}/passports/applications/{third}/reschedule")
        phone.check("input[name=day][value='2026-06-24']")
        phone.click("main button.primary")
        expect(phone.locator("#refusal")).to_contain_text(
            "paling lambat sehari sebelum wawancara (Selasa, 23 Juni 2026)"
        )
        expect(phone.locator("#refusal span[lang=en]")).to_contain_text("up to the day before")
        phone.screenshot(path=str(shots / "passport-reschedule-too-late-phone.png"), full_page=True)
        assert api.application(third)["booking"]["day"] == INTERVIEW.isoformat()
        assert not errors, errors
