"""A lab process started for the unprivileged user runs in its home, wherever we were started from."""

from __future__ import annotations

import os
import pwd
from collections.abc import Iterator
from pathlib import Path

import pytest

from gerbang.recovery.cluster import supervise

pytestmark = pytest.mark.skipif(not supervise.running_as_root(), reason="starts a process as postgres")


@pytest.fixture
def closed_cwd(tmp_path: Path) -> Iterator[Path]:
    """A working directory only root may enter, as a checkout under a private directory is."""
    closed = tmp_path / "private"
    closed.mkdir(mode=0o700)
    before = Path.cwd()
    os.chdir(closed)
    try:
        yield closed
    finally:
        os.chdir(before)


def test_patronis_workers_can_enter_the_directory_they_start_in(closed_cwd: Path, tmp_path: Path) -> None:
    # Patroni's worker processes change into their parent's working directory as they start. The
    # system's interpreter, as Patroni's: ours may sit in a checkout the unprivileged user cannot enter.
    log = tmp_path / "start.log"
    command = ["/usr/bin/python3", "-I", "-c", "import os; here = os.getcwd(); os.chdir(here); print(here)"]
    process = supervise.start(command, log, unprivileged=True)
    assert process.wait(timeout=30) == 0, log.read_text()
    assert log.read_text().strip() == pwd.getpwnam(supervise.UNPRIVILEGED_USER).pw_dir
    assert str(closed_cwd) not in log.read_text()
