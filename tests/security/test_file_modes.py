"""Everything `gerbang up` and its nodes write is readable by their owner only."""

from __future__ import annotations

import stat

import pytest
from local_gerbang import LocalGerbang

# Written by the test harness around `gerbang up`, not by Gerbang.
HARNESS = {"up.log"}


@pytest.mark.slow
def test_no_file_or_directory_of_a_running_gerbang_is_open_to_others(gerbang: LocalGerbang) -> None:
    gerbang.cross(1)  # let the nodes write databases, logs, reference copies and the outbox
    opened = []
    for path in gerbang.root.rglob("*"):
        if path.name in HARNESS or path.is_symlink():
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            opened.append(f"{path.relative_to(gerbang.root)} {oct(mode)}")
    assert opened == []
    for name in ("demo.json", "nodes.json", "logins.json"):
        assert stat.S_IMODE((gerbang.root / name).stat().st_mode) == 0o600
