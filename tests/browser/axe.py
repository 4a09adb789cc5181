"""axe-core in page tests: fetch it once from the npm registry, inject it, keep the serious findings.

The script comes from `npm install --prefix .cache/axe axe-core@4` (what `make` runs too). The
first test that needs it runs that command under a lock file, so parallel xdist workers install it
once and then share it. Pages have a strict CSP with no inline scripts: the context a test checks
must be opened with ``bypass_csp=True`` for the injected script to run.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
# GERBANG_AXE_DIR points at an existing install (CI, an offline machine); else the repo's cache.
CACHE = Path(os.environ.get("GERBANG_AXE_DIR", ROOT / ".cache" / "axe"))
PACKAGE = "axe-core@4"
SERIOUS = ("critical", "serious")
# WCAG 2.2 AA and below: what the platform promises, nothing stricter.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def install_command(prefix: Path = CACHE) -> list[str]:
    """The one command that fetches axe-core into `prefix`."""
    return ["npm", "install", "--prefix", str(prefix), "--no-save", "--no-audit", "--no-fund", PACKAGE]


def script_path(prefix: Path = CACHE) -> Path:
    return prefix / "node_modules" / "axe-core" / "axe.min.js"


def axe_source(prefix: Path = CACHE) -> str:
    """axe.min.js's text, installing it first if no worker has yet; one install across workers."""
    target = script_path(prefix)
    if not target.exists():
        prefix.mkdir(parents=True, exist_ok=True)
        # The cache is never committed: it ignores itself.
        (prefix.parent / ".gitignore").write_text("*\n", encoding="utf-8")
        with (prefix / ".install.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if not target.exists():
                    _install(prefix)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    return target.read_text(encoding="utf-8")


def _install(prefix: Path) -> None:
    if shutil.which("npm") is None:
        raise RuntimeError(f"npm is missing; install axe-core with: {' '.join(install_command(prefix))}")
    done = subprocess.run(install_command(prefix), capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0 or not script_path(prefix).exists():
        raise RuntimeError(f"npm could not install {PACKAGE}:\n{done.stdout}\n{done.stderr}")


def violations(page: Page, source: str, *, impacts: Iterable[str] = SERIOUS) -> list[dict[str, Any]]:
    """Run axe on the page as it is now; the violations whose impact is in `impacts`."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=source)
    result: dict[str, Any] = page.evaluate(
        """async (tags) => await window.axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        TAGS,
    )
    wanted = set(impacts)
    return [v for v in result["violations"] if v.get("impact") in wanted]


def report(found: list[dict[str, Any]], *, where: str = "") -> str:
    """One readable block per rule: impact, rule id, what it means, and the first few elements."""
    lines = [f"{len(found)} serious accessibility violation(s){' on ' + where if where else ''}:"]
    for violation in found:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            lines.append(f"    {target}: {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_no_serious(page: Page, source: str, *, where: str = "") -> None:
    """Fail with the readable report when axe finds anything critical or serious on the page."""
    found = violations(page, source)
    assert not found, report(found, where=where or page.url)
