"""Security fixtures: one whole local Gerbang (`gerbang up`, real processes on loopback) for the suite."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "e2e"))

from local_gerbang import LocalGerbang, eventually

NODES = ("central", "cgk", "status", "jks")


@pytest.fixture(scope="session")
def gerbang(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalGerbang]:
    """Every node of `gerbang up`, started once for the security suite and stopped after it."""
    local = LocalGerbang(tmp_path_factory.mktemp("security") / "gerbang")
    try:
        # As LocalGerbang.start, with room for a machine busy with other work.
        local._run_up()
        eventually(lambda: local._pids_known(NODES), timeout=300, what="every node to start")
        for name in NODES:
            local.wait_ready(name, timeout=180)
        yield local
    finally:
        local.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Under pytest-xdist (--dist loadgroup) every test of the shared local Gerbang runs in one worker,
    # so the suite starts it once, not once per worker.
    here = Path(__file__).parent
    for item in items:
        if item.path.parent == here and "gerbang" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("security-gerbang-up"))
