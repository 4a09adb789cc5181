"""End-to-end fixtures: a whole local Gerbang, started by `gerbang up` as real processes on loopback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from local_gerbang import LocalGerbang


@pytest.fixture
def gerbang(tmp_path: Path) -> Iterator[LocalGerbang]:
    local = LocalGerbang(tmp_path / "gerbang")
    try:
        local.start()
        yield local
    finally:
        local.stop()
