"""The applicant's pages read in Indonesian: every text a page shows outside its English asides is the
catalogue's Indonesian, so the password rules, a closed day, the fee's legal note and the service's
name never appear in English only (checked in Chromium on a phone)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, ViewportSize, expect

from gerbang import words
from gerbang.apps.central import create_app
from gerbang.infra import migrate
from gerbang.infra.accounts import MIN_PASSWORD_LENGTH
from gerbang.infra.database import Database
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import FixedClock
from gerbang.passports.pages_common import fee_note

pytestmark = pytest.mark.browser

ServeApp = Callable[[FastAPI], AbstractContextManager[str]]
PHONE: ViewportSize = {"width": 390, "height": 844}
PASSWORD = "kopi-tubruk-pagi-hari"
SATURDAY = date(2026, 6, 27)

# Every text node that no `lang="en"` element holds; an option cannot hold a span, so options apart.
INDONESIAN_TEXT = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('[lang="en"], script, style, option')) continue;
    out.push(node.textContent);
  }
  return out.join(" ").replace(/\\s+/g, " ");
}"""
OPTIONS = "() => [...document.querySelectorAll('option')].map(o => o.textContent.trim())"


def english_of(reason: str, **params: object) -> list[str]:
    """The English of a catalogue text as the API writes it and as a page starts a sentence with it."""
    english = words.text(reason, **params).en
    return [english, english[:1].upper() + english[1:]]


def read_indonesian(page: Page, where: str, *, shows: list[str], never: list[str]) -> None:
    seen: str = page.evaluate(INDONESIAN_TEXT)
    for indonesian in shows:
        assert indonesian in seen, f"{where}: {indonesian!r} missing from {seen!r}"
    for english in never:
        assert english not in seen, f"{where}: English {english!r} outside an English aside: {seen!r}"
    # A choice reads Indonesian first, its English after a slash.
    for option in page.evaluate(OPTIONS):
        for label in ("Regular", "Same-day", "e-passport", "ordinary", "Female", "Male", "choose"):
            if label in option:
                assert " / " in option, (where, option)
                assert option.index(" / ") < option.index(label), (where, option)


def test_the_portal_pages_say_each_catalogue_text_in_indonesian_with_the_english_only_beside_it(
    tmp_path: Path, browser: Browser, serve_app: ServeApp
) -> None:
    clock = FixedClock(datetime(2026, 6, 20, 4, 15, tzinfo=UTC))
    url = f"sqlite:///{tmp_path / 'center.db'}"
    migrate.upgrade(url)
    center = create_app(Settings(data_dir=tmp_path), clock=clock, database=Database(url))
    rules = words.text("page.password_rules", min_password_length=MIN_PASSWORD_LENGTH)
    short = words.text("account.password_short", min_password_length=MIN_PASSWORD_LENGTH)
    closed = words.text("booking.not_working_day", day=SATURDAY)
    regular = words.text("page.service_regular")
    with serve_app(center) as base:
        page = browser.new_context(viewport=PHONE, locale="id-ID").new_page()
        page.goto(f"{base}/passports/signup")
        page.fill("#username", "ayu")
        page.fill("#display_name", "Ayu Lestari")
        page.fill("#password", "pendek")
        page.click("main button[type=submit]")
        expect(page.locator("#password")).to_have_attribute("aria-invalid", "true")
        read_indonesian(
            page, "sign-up refused", shows=[rules.id, short.id],
            never=[*english_of("page.password_rules", min_password_length=MIN_PASSWORD_LENGTH),
                   *english_of("account.password_short", min_password_length=MIN_PASSWORD_LENGTH)],
        )  # fmt: skip
        expect(page.locator("[lang=en]", has_text=rules.en).first).to_be_attached()

        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        expect(page.locator("h1")).to_contain_text("Permohonan paspor")
        page.click("text=Ajukan paspor")
        page.fill("#name-0", "Ayu Lestari")
        page.fill("#nik-0", "3174055504900001")
        page.fill("#birth_date-0", "1990-04-15")
        page.select_option("#sex-0", "female")
        read_indonesian(page, "the application form", shows=["Biaya", "Rp 650.000"], never=["Rp 650,000"])
        page.click("button[value=submit]")

        expect(page.locator("h1")).to_contain_text("Pilih jadwal")
        read_indonesian(
            page, "the booking form", shows=[regular.id, words.text("page.working_days_only").id],
            never=[regular.en, *english_of("page.working_days_only")],
        )  # fmt: skip
        page.select_option("#office-0", "JKS")
        page.fill("#day-0", SATURDAY.isoformat())
        page.select_option("#hour-0", "10")
        page.click("main button.primary")
        expect(page.locator("#day-0")).to_have_attribute("aria-invalid", "true")
        read_indonesian(
            page, "the booking refused on a Saturday", shows=[closed.id, "Sabtu, 27 Juni 2026"],
            never=[*english_of("booking.not_working_day", day=SATURDAY), "not a working day"],
        )  # fmt: skip

        page.fill("#day-0", "2026-06-23")
        page.click("main button.primary")
        expect(page.locator("#billing-code")).to_be_visible()
        note = page.locator("#fee-note")
        law = note.inner_text()
        assert "PP 45/2024" in law, law
        legal = fee_note("PP 45/2024 on PNBP")
        read_indonesian(
            page, "the tracking page",
            shows=[legal.id, regular.id, words.text("page.status_awaiting_payment").id,
                   words.text("page.kind_electronic").id, "Rp 650.000"],
            never=[*english_of("page.fee_legal_note", law="PP 45/2024"), "Legal basis", regular.en,
                   "Awaiting payment", "e-passport", "Rp 650,000"],
        )  # fmt: skip
        expect(note.locator("[lang=en]")).to_contain_text("Legal basis: PP 45/2024")

        page.goto(f"{base}/passports")
        read_indonesian(
            page, "the portal's home", shows=[regular.id, "Menunggu pembayaran"],
            never=[regular.en, "Awaiting payment"],
        )  # fmt: skip
