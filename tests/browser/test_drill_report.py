"""The drill's report page in headless Chromium: Indonesian first, then English, every chart, no error."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from gerbang import words
from gerbang.recovery.drill import charts
from gerbang.recovery.drill import report as reporting

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs" / "drill"
SCREEN = {"width": 1280, "height": 900}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """The report of a real run of the short day (docs/drill/report.json) written afresh and served."""
    data = json.loads((DOCS / "report.json").read_text())
    reporting.write(data, tmp_path / "report")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(tmp_path / "report")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", data
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def pictures(shots: Path) -> Path:
    """docs/drill/ when GERBANG_DRILL_SHOTS=1 asks to refresh the pictures there, else the test's own."""
    return DOCS if os.environ.get("GERBANG_DRILL_SHOTS") == "1" else shots


def shot(folder: Path, page: Page, name: str) -> None:
    target = folder / name
    page.screenshot(path=str(target), type="png", scale="css")
    with Image.open(target) as picture:
        picture.convert("RGB").quantize(colors=64).save(target, optimize=True)


def check_queues_and_metrics(page: Page, data: dict[str, Any], language: str) -> None:
    """The measured queue waits beside the counters advised, and each node's own Prometheus figures."""
    measured = [row for row in data["queue_waits"]["slices"] if row["queues"]]
    rows = page.locator("table.queues tbody tr")
    expect(rows).to_have_count(len(measured))
    expect(page.locator("table.queues thead")).to_contain_text(words.say("drill.queue_foreigners", language))
    first = rows.nth(0).locator("td")
    expect(first.nth(1)).to_have_text(str(measured[0]["counters_advised"]))
    nodes = page.locator("table.metrics tbody tr")
    expect(nodes).to_have_count(len(data["metrics"]))
    for k, (node, figures) in enumerate(data["metrics"].items()):
        cells = nodes.nth(k).locator("td")
        named = (
            words.say(f"drill.node_{node}", language)
            if node in ("central", "jks", "status")
            else words.say("drill.node_checkpoint", language, site=node.upper())
        )
        expect(cells.nth(0)).to_have_text(named)
        assert "error" not in figures, figures
    cgk = list(data["metrics"]).index("cgk")
    admitted = data["metrics"]["cgk"]["decisions"]["admit"]
    expect(nodes.nth(cgk).locator("td").nth(1)).to_contain_text(
        words.say("drill.decision_admit", language)
        + " "
        + words.say("drill.figure_count", language, value=admitted)
    )


def check_page(page: Page, data: dict[str, Any], language: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", language)
    title = data["summary"]["title_id" if language == "id" else "title_en"]
    expect(page.locator("h1")).to_contain_text(title)
    verdict = page.locator("#verdict")
    expect(verdict).to_contain_text("Lulus" if language == "id" else "Passed")
    expect(verdict).to_have_class("verdict pass")
    # The reconciliation: one row per edge and record type, each with nothing missing or doubled.
    rows = page.locator("table.reconciliation tbody tr")
    expect(rows).to_have_count(len(data["reconciliation"]))
    for k, line in enumerate(data["reconciliation"]):
        cells = rows.nth(k).locator("td")
        expect(cells.nth(0)).to_have_text(line["edge"].upper())
        acknowledged = f"{line['acknowledged']:,}".replace(",", "." if language == "id" else ",")
        expect(cells.nth(2)).to_have_text(acknowledged)
        expect(cells.nth(4)).to_have_text("0")
        expect(cells.nth(5)).to_have_text("0")
    # Every chart is drawn in the page's language and has loaded.
    images = page.locator(".charts img")
    expect(images).to_have_count(len(charts.CHARTS))
    for k in range(len(charts.CHARTS)):
        image = images.nth(k)
        assert (image.get_attribute("src") or "").endswith(f".{language}.png")
        assert image.evaluate("i => i.complete && i.naturalWidth") > 0
    check_queues_and_metrics(page, data, language)


def test_the_drill_report_reads_in_indonesian_then_english_with_its_charts(
    browser: Browser, served: tuple[str, dict[str, Any]], axe: Callable[..., None], pictures: Path
) -> None:
    base, data = served
    context = browser.new_context(viewport=SCREEN, bypass_csp=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"{r.url}: {r.failure}"))
    page.on("response", lambda r: problems.append(f"{r.url}: {r.status}") if r.status >= 400 else None)

    page.goto(f"{base}/index.html")
    check_page(page, data, "id")
    expect(page.locator("body")).to_contain_text("Rekonsiliasi")
    axe(page, where="drill report (id)")
    shot(pictures, page, "report-id.png")

    page.click("a.lang")
    page.wait_for_url(f"{base}/index.en.html")
    check_page(page, data, "en")
    expect(page.locator("body")).to_contain_text("Reconciliation")
    axe(page, where="drill report (en)")
    shot(pictures, page, "report-en.png")

    page.click("a.lang")
    page.wait_for_url(f"{base}/index.html")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    assert problems == []
    context.close()
