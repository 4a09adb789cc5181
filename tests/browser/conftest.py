"""Page-test fixtures: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# CI sets this: a page test that finds no browser fails instead of skipping.
BROWSER_REQUIRED = os.environ.get("GERBANG_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session; Playwright's own browser download is never used."""
    if not CHROMIUM.exists():
        message = "Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
        if BROWSER_REQUIRED:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
    )
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: GERBANG_SCREENSHOTS if set (to look at them), else the test's own directory."""
    folder = Path(os.environ.get("GERBANG_SCREENSHOTS", tmp_path / "shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _axe_module() -> object:
    """tests/browser/axe.py by its path: test folders are not packages under importlib mode."""
    spec = spec_from_file_location("gerbang_browser_axe", Path(__file__).with_name("axe.py"))
    assert spec is not None
    assert spec.loader is not None
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def axe() -> Callable[..., None]:
    """`axe(page, where="...")` fails the test on any critical or serious axe-core finding.

    axe-core is installed from npm once across all workers (see axe.py); the page's context must
    be opened with ``bypass_csp=True`` so the injected script may run under the strict CSP.
    """
    module = _axe_module()
    source: str = module.axe_source()  # type: ignore[attr-defined]
    check = module.assert_no_serious  # type: ignore[attr-defined]

    def run(page: Page, *, where: str = "") -> None:
        check(page, source, where=where)

    return run
