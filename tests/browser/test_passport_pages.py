"""The passport pages in headless Chromium: an applicant on a phone, an officer at the office counter."""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, ViewportSize, expect

from gerbang.apps.central import create_app as create_center_app
from gerbang.apps.edge import create_app as create_edge_app
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import KEY_SET_FILE
from gerbang.kernel.clock import FixedClock
from gerbang.kernel.signed import KeySet
from gerbang.passports.center.intake.feed import refresh_if_changed
from gerbang.sync.center.publisher import Audience
from gerbang.sync.edge.reference_store import ReferenceStore

pytestmark = pytest.mark.browser

ServeApp = Callable[[FastAPI], AbstractContextManager[str]]
PASSWORD = "correct-horse-battery"
SECRET = "bank-shared-secret-for-tests"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESK: ViewportSize = {"width": 1366, "height": 768}
DIGEST = "ab" * 32
# A woman born 15 April 1990 in Jakarta Selatan: the NIK's day is written 55 (15 + 40).
AYU = {"name": "Ayu Lestari", "nik": "3174055504900001", "birth_date": "1990-04-15"}
BEN_CHILD = {
    "nik": "3174050201850005",
    "name": "Person 5",
    "birth_date": "1985-01-02",
    "sex": "male",
    "kind": "ordinary",
    "validity_years": 5,
    "service": "regular",
}


class Api:
    """The center's JSON API over HTTP, as the bank and the officers' tools reach it."""

    def __init__(self, base: str) -> None:
        self.http = httpx.Client(base_url=base, timeout=10)

    def token(self, user: str) -> dict[str, str]:
        response = self.http.post("/api/v1/auth/token", json={"username": user, "password": PASSWORD})
        return {"Authorization": f"Bearer {response.json()['token']}"}

    def pay(self, code: str, amount: int, at: datetime, transaction: str) -> Any:
        raw = json.dumps(
            {
                "transaction_id": transaction,
                "billing_code": code,
                "amount_idr": amount,
                "paid_at": at.isoformat(),
            }
        ).encode()
        signature = hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()
        headers = {"X-Signature": signature, "Content-Type": "application/json"}
        return self.http.post("/api/v1/passports/payments/callback", content=raw, headers=headers).json()


def problems_of(page: Page) -> list[str]:
    found: list[str] = []
    # A refused script or style (the pages' CSP) or a script error; a 4xx answer is the page's own.
    page.on("console", lambda m: found.append(m.text) if "Refused to" in m.text else None)
    page.on("pageerror", lambda e: found.append(str(e)))
    return found


def ready_passport(api: Api, clock: FixedClock) -> str:
    """Ben's passport, paid, interviewed at the center and ready at JKS."""
    ben, rina = api.token("ben"), api.token("rina")
    ident = api.http.post("/api/v1/passports/applications", json=BEN_CHILD, headers=ben).json()["id"]
    booking = {"office": "JKS", "day": "2026-06-23", "hour": 14}
    billing = api.http.post(f"/api/v1/passports/applications/{ident}/booking", json=booking, headers=ben)
    code = billing.json()["billing"]
    api.pay(code["code"], code["amount_idr"], clock.now(), "BNI-BEN")
    base = f"/api/v1/passports/applications/{ident}"
    api.http.post(
        f"{base}/interview", json={"photo_sha256": DIGEST, "fingerprints_sha256": DIGEST}, headers=rina
    )
    for step in ("approve", "printed", "ready"):
        assert api.http.post(f"{base}/{step}", headers=rina).status_code == 200
    return str(ident)


def office_app(tmp_path: Path, center: FastAPI, database: Database, clock: FixedClock) -> FastAPI:
    """Office JKS holding the center's signed data of the interview day, built as the office test does."""
    now = clock.now()
    with database.transaction() as session:
        refresh_if_changed(session, at=now, previous=None)
        text = center.state.reference_publisher.latest(
            session, at=now, audience=Audience("office", "JKS")
        ).text
    home = tmp_path / "jks"
    (home / "trust").mkdir(parents=True)
    shutil.copy(tmp_path / "keys" / "reference" / KEY_SET_FILE, home / "trust" / "reference-keys.json")
    ReferenceStore(
        home / "reference", KeySet.loads((home / "trust" / "reference-keys.json").read_bytes())
    ).install(text, at=now)
    url = f"sqlite:///{home / 'gerbang.db'}"
    migrate.upgrade(url)
    office_db = Database(url)
    with office_db.transaction() as session:
        accounts.create_account(
            session,
            username="clerk",
            password=PASSWORD,
            roles=frozenset({Role.OFFICE_OFFICER}),
            display_name="Clerk JKS",
            actor="shell:admin",
            at=now,
        )
    settings = Settings(data_dir=home, role="office", node_name="jks", site="JKS")
    return create_edge_app(settings, clock=clock, database=office_db, background=False)


def test_an_applicant_on_a_phone_applies_books_pays_and_an_officer_interviews_and_hands_over(
    tmp_path: Path, browser: Browser, serve_app: ServeApp, shots: Path
) -> None:
    clock = FixedClock(datetime(2026, 6, 20, 4, 15, tzinfo=UTC))
    url = f"sqlite:///{tmp_path / 'center.db'}"
    migrate.upgrade(url)
    database = Database(url)
    with database.transaction() as session:
        for user, role in (("ben", Role.APPLICANT), ("rina", Role.OFFICE_OFFICER)):
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
        waiting = ready_passport(api, clock)
        phone = browser.new_page(viewport=PHONE)
        errors = problems_of(phone)
        phone.goto(f"{base}/passports")
        expect(phone).to_have_url(f"{base}/passports/login?next=/passports")
        phone.click("text=Belum punya akun? Daftar")
        phone.fill("#username", "ayu")
        phone.fill("#display_name", "Ayu Lestari")
        phone.fill("#password", PASSWORD)
        phone.click("button[type=submit]")
        # Sign-up answers alike for a taken username, so the new account then signs in as usual.
        expect(phone.locator("#username")).to_have_value("ayu")
        phone.fill("#password", PASSWORD)
        phone.click("button[type=submit]")
        expect(phone.locator("h1")).to_contain_text("Permohonan paspor")
        phone.click("text=Ajukan paspor")
        phone.fill("#name-0", AYU["name"])
        phone.fill("#nik-0", "31740555")  # too short: refused next to the field, keeping the rest
        phone.fill("#birth_date-0", AYU["birth_date"])
        phone.select_option("#sex-0", "female")
        phone.select_option("#service-0", "same-day")
        expect(phone.locator("#fee-0")).to_contain_text("Rp 1.650.000")  # htmx recomputed it from policy
        phone.screenshot(path=str(shots / "passport-apply-phone.png"), full_page=True)
        phone.click("button[value=submit]")
        expect(phone.locator("#nik-0-problem")).to_contain_text("16 digits")
        expect(phone.locator("#name-0")).to_have_value(AYU["name"])
        phone.screenshot(path=str(shots / "passport-apply-bad-nik-phone.png"), full_page=True)
        phone.fill("#nik-0", AYU["nik"])
        phone.click("button[value=submit]")
        expect(phone.locator("h1")).to_contain_text("Pilih jadwal")
        phone.select_option("#office-0", "JKS")
        phone.fill("#day-0", "2026-06-23")
        phone.select_option("#hour-0", "10")
        phone.screenshot(path=str(shots / "passport-book-phone.png"), full_page=True)
        phone.click("main button.primary")
        code = phone.locator("#billing-code").inner_text().strip()
        assert len(code) == 15
        assert code.isdigit()
        expect(phone.locator("#amount")).to_have_text("Rp 1.650.000")
        expect(phone.locator("#deadline")).to_contain_text("13:15 WIB")
        phone.screenshot(path=str(shots / "passport-pay-phone.png"), full_page=True)
        clock.current = datetime(2026, 6, 20, 5, 0, tzinfo=UTC)
        assert api.pay(code, 1_650_000, clock.now(), "BNI-AYU")["outcome"] == "applied"
        # The page polls by htmx: the payment shows without a reload.
        expect(phone.locator("#payment-state")).to_contain_text("Pembayaran diterima", timeout=15_000)
        expect(phone.locator("#timeline li")).to_have_count(3)
        phone.screenshot(path=str(shots / "passport-paid-phone.png"), full_page=True)
        desk = browser.new_page(viewport=DESK)
        desk.context.add_cookies(phone.context.cookies())  # type: ignore[arg-type]
        desk.goto(phone.url)
        desk.screenshot(path=str(shots / "passport-paid-desktop.png"), full_page=True)
        assert not errors, errors

        clock.current = datetime(2026, 6, 23, 1, 0, tzinfo=UTC)
        office = office_app(tmp_path, center, database, clock)
        with serve_app(office) as counter:
            page = browser.new_page(viewport=DESK)
            errors = problems_of(page)
            page.goto(f"{counter}/office")
            page.fill("#username", "clerk")
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            card = page.locator("article.card", has_text="Ayu Lestari")
            expect(card).to_contain_text("10:00")
            photo, prints = tmp_path / "face.jpg", tmp_path / "prints.wsq"
            photo.write_bytes(b"\xff\xd8 a photo")
            prints.write_bytes(b"ten fingerprints")
            card.locator("input[name=photo]").set_input_files(str(photo))
            card.locator("input[name=fingerprints]").set_input_files(str(prints))
            page.screenshot(path=str(shots / "office-queue-desktop.png"), full_page=True)
            card.locator("button[type=submit]").click()
            expect(page.locator("article.card", has_text="Ayu Lestari")).to_contain_text("Sudah wawancara")
            page.click(f"a[href='/office/handovers/{waiting}']")
            page.fill("#nik-0", "3174050201850009")
            page.fill("#name-0", "PERSON 5")
            page.fill("#birth_date-0", "1985-01-02")
            page.click("main button.primary")
            expect(page.locator("#refusal")).to_contain_text("Hand-over refused")
            page.screenshot(path=str(shots / "office-handover-refused-desktop.png"), full_page=True)
            page.fill("#nik-0", str(BEN_CHILD["nik"]))
            page.click("main button.primary")
            expect(page.locator("#ready")).to_be_visible()
            expect(page.locator("li", has_text="Person 5")).to_contain_text("Sudah diserahkan")
            small = browser.new_page(viewport=PHONE)
            small.context.add_cookies(page.context.cookies())  # type: ignore[arg-type]
            small.goto(f"{counter}/office")
            small.screenshot(path=str(shots / "office-queue-phone.png"), full_page=True)
            assert not errors, errors
