"""Security fixtures: one whole local Gerbang (`gerbang up`, real processes on loopback) for the suite."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "e2e"))

from local_gerbang import LocalGerbang

NODES = ("central", "cgk", "status", "jks")


@pytest.fixture(scope="session")
def gerbang(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalGerbang]:
    """Every node of `gerbang up`, started once for the security suite and stopped after it."""
    local = _started(tmp_path_factory)
    try:
        yield local
    finally:
        local.stop()


def _started(tmp_path_factory: pytest.TempPathFactory, attempts: int = 3) -> LocalGerbang:
    # On a machine shared with other test runs, a port found free may be taken before a node binds
    # it; then `gerbang up` stops every node, and a fresh block of ports is tried.
    for attempt in range(1, attempts + 1):
        local = LocalGerbang(tmp_path_factory.mktemp("security") / "gerbang")
        local._run_up()
        if _all_ready(local):
            return local
        local.stop()
        if attempt == attempts:
            raise AssertionError(f"gerbang up did not start every node; see {local.root / 'logs'}")
    raise AssertionError("unreachable")


def _all_ready(local: LocalGerbang, timeout: float = 480) -> bool:
    """Every node answers /readyz, with room for a busy machine; False as soon as `gerbang up` gave up."""
    deadline = time.monotonic() + timeout
    supervisor = local._supervisors[-1]
    while time.monotonic() < deadline:
        if supervisor.poll() is not None:
            return False
        try:
            nodes = local.nodes()
            if all(httpx.get(f"{nodes[n]['url']}/readyz", timeout=2).status_code == 200 for n in NODES):
                return True
        except (FileNotFoundError, ValueError, KeyError, httpx.HTTPError):
            pass
        time.sleep(0.5)
    return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Under pytest-xdist (--dist loadgroup) every test of the shared local Gerbang runs in one worker,
    # so the suite starts it once, not once per worker.
    here = Path(__file__).parent
    for item in items:
        if item.path.parent == here and "gerbang" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("security-gerbang-up"))
