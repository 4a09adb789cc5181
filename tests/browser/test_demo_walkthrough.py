"""The demo, walked end to end in Chromium on `gerbang up`: apply, book and pay on a phone, interview
and hand over at JKS, decide a crossing at CGK, and read the public status page; each step's
screenshot goes to docs/demo/, and each portal and office page passes axe-core on the way."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, ViewportSize, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "docs" / "demo"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESK: ViewportSize = {"width": 1280, "height": 800}
PASSWORD = "kopi-tubruk-pagi-hari"


def _local_gerbang() -> Any:
    """tests/e2e/local_gerbang.py by its path: test folders are not packages under importlib mode."""
    spec = spec_from_file_location("gerbang_local_up", ROOT / "tests" / "e2e" / "local_gerbang.py")
    assert spec is not None
    assert spec.loader is not None
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Any]:
    local = _local_gerbang().LocalGerbang(tmp_path / "gerbang")
    try:
        local.start()
        for name in ("jks", "status"):
            local.wait_ready(name)
        yield local
    finally:
        local.stop()


def login_of(root: Path, node: str, username: str) -> str:
    for login in json.loads((root / "logins.json").read_text()):
        if login["node"] == node and login["username"] == username:
            return str(login["password"])
    raise AssertionError(f"no {username} on {node}")


@pytest.fixture
def pictures(shots: Path) -> Path:
    """docs/demo/ when GERBANG_DEMO_SHOTS=1 asks to refresh the README's pictures, else the test's own."""
    if os.environ.get("GERBANG_DEMO_SHOTS") == "1":
        DEMO.mkdir(parents=True, exist_ok=True)
        return DEMO
    return shots


def shot(folder: Path, page: Page, name: str) -> None:
    # A phone page whole; a desktop page as the screen shows it, so each picture stays small.
    whole = (page.viewport_size or DESK)["width"] <= PHONE["width"]
    target = folder / name
    page.screenshot(path=str(target), full_page=whole, type="png", scale="css")
    # Pages are a few flat colours: a 64-colour palette keeps them sharp at a third of the size.
    with Image.open(target) as picture:
        picture.convert("RGB").quantize(colors=64).save(target, optimize=True)


def test_the_demo_walks_from_application_to_a_crossing_and_the_status_page(
    platform: Any, browser: Browser, axe: Callable[..., None], pictures: Path
) -> None:
    urls = {name: node["url"] for name, node in platform.nodes().items()}
    demo = json.loads((platform.root / "demo.json").read_text())
    center = urls["central"]

    # 1. An applicant on a phone signs up, applies, books a day with places left and pays at the demo bank.
    phone = browser.new_context(viewport=PHONE, bypass_csp=True).new_page()
    phone.goto(f"{center}/passports")
    phone.click("text=Belum punya akun? Daftar")
    phone.fill("#username", "ayu")
    phone.fill("#display_name", "Ayu Lestari")
    phone.fill("#password", PASSWORD)
    axe(phone, where="sign-up")
    phone.click("main button[type=submit]")
    phone.fill("#password", PASSWORD)
    phone.click("main button[type=submit]")
    expect(phone.locator("h1")).to_contain_text("Permohonan paspor")
    expect(phone.locator("body")).to_contain_text("Ayu Lestari")
    shot(pictures, phone, "01-portal-home-phone.png")
    phone.click("text=Ajukan paspor")
    phone.fill("#name-0", "Ayu Lestari")
    phone.fill("#nik-0", "3174055504900001")
    phone.fill("#birth_date-0", "1990-04-15")
    phone.select_option("#sex-0", "female")
    axe(phone, where="the application form")
    shot(pictures, phone, "02-apply-phone.png")
    phone.click("button[value=submit]")
    expect(phone.locator("h1")).to_contain_text("Pilih jadwal")
    phone.select_option("#office-0", "JKS")
    phone.locator("input[name=day]").first.check()
    phone.select_option("#hour-0", "10")
    axe(phone, where="the booking form")
    shot(pictures, phone, "03-book-phone.png")
    phone.click("main button.primary")
    code = phone.locator("#billing-code").inner_text().strip()
    assert len(code) == 15
    tracking = phone.url
    axe(phone, where="the application awaiting payment")
    shot(pictures, phone, "04-billing-code-phone.png")
    phone.click("text=Bayar di bank demo")
    expect(phone.locator("#code")).to_have_value(code)
    shot(pictures, phone, "05-demo-bank-phone.png")
    phone.click("main button[type=submit]")
    expect(phone.locator("main")).to_contain_text("applied")
    phone.goto(tracking)
    expect(phone.locator("#payment-state")).to_contain_text("Pembayaran diterima")
    axe(phone, where="the paid application")
    shot(pictures, phone, "06-paid-phone.png")
    phone.goto(f"{center}/passports/inbox")
    expect(phone.locator("#notices li")).to_have_count(2)  # filed and paid
    axe(phone, where="the inbox")
    shot(pictures, phone, "07-inbox-phone.png")

    # 2. At JKS an officer interviews today's first appointment and hands over a ready passport.
    office = demo["passport_office"]
    desk = browser.new_context(viewport=DESK, bypass_csp=True).new_page()
    desk.goto(f"{urls['jks']}/office")
    desk.fill("#username", "office-officer")
    desk.fill("#password", login_of(platform.root, "jks", "office-officer"))
    axe(desk, where="the office sign-in")
    desk.click("main button[type=submit]")
    first = office["appointments"][0]
    card = desk.locator("article.card", has_text=first["name"]).first
    expect(card).to_be_visible()
    photo, prints = platform.root / "face.jpg", platform.root / "prints.wsq"
    photo.write_bytes(b"\xff\xd8 a photo")
    prints.write_bytes(b"ten fingerprints")
    card.locator("input[name=photo]").set_input_files(str(photo))
    card.locator("input[name=fingerprints]").set_input_files(str(prints))
    axe(desk, where="the office queue")
    shot(pictures, desk, "08-office-queue-desktop.png")
    card.locator("button[type=submit]").click()
    expect(desk.locator("article.card", has_text=first["name"]).first).to_contain_text("Sudah wawancara")
    ready = next(person for person in office["ready"] if "collector" not in person)
    desk.click(f"a[href='/office/handovers/{ready['application_id']}']")
    desk.fill("#nik-0", ready["nik"])
    desk.fill("#name-0", ready["name"])
    desk.fill("#birth_date-0", ready["birth_date"])
    axe(desk, where="the hand-over form")
    desk.click("main button.primary")
    expect(desk.locator("#ready")).to_be_visible()
    shot(pictures, desk, "09-office-handover-desktop.png")

    # 3. At CGK the lane console decides a returning citizen, in the officer's language.
    traveller = demo["travellers"][0]
    lane = browser.new_context(viewport=DESK).new_page()
    lane.goto(f"{urls['cgk']}/")
    lane.fill("#username", "officer")
    lane.fill("#password", login_of(platform.root, "cgk", "officer"))
    lane.click("main button[type=submit]")
    lane.wait_for_function("window.htmx !== undefined")
    lane.fill("#mrz", "\n".join(traveller["mrz"]))
    lane.click("#lane-form button[type=submit]")
    expect(lane.locator(f"#result .verdict.{traveller['expect']}")).to_be_visible()
    shot(pictures, lane, "10-lane-decision-desktop.png")

    # 4. The public status page names the checkpoint and the portal as working.
    status = browser.new_context(viewport=PHONE, locale="id-ID").new_page()
    status.goto(f"{urls['status']}/")
    expect(status.locator("h1")).to_contain_text("Status layanan")
    expect(status.locator("main")).to_contain_text("CGK")
    shot(pictures, status, "11-status-phone.png")
