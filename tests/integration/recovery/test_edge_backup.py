"""A checkpoint backs itself up to a second disk on a schedule; a broken first disk loses nothing unsent."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from gerbang.infra.backup.keys import read_key
from gerbang.infra.clock import SystemClock
from gerbang.infra.settings import Settings
from gerbang.recovery.backup.catalogue import list_sets
from gerbang.recovery.backup.sqlite_restore import restore
from gerbang.recovery.backup.sqlite_verify import verify_restored
from gerbang.sync.edge.backups import backup_loop, prune_local


def test_broken_disk_at_a_checkpoint_loses_no_unsent_crossing(node: Path, tmp_path: Path) -> None:
    second_disk, key_file = tmp_path / "second-disk", tmp_path / "escrow" / "edge.key"
    loop = backup_loop(
        database=node / "gerbang.db",
        data_dir=node,
        node="cgk",
        repo=second_disk,
        key_file=key_file,
        clock=SystemClock(),
        every_s=0.2,
        keep=3,
    )
    stop = threading.Event()
    thread = threading.Thread(target=loop, args=(stop,))
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while len(list_sets(second_disk)) < 4 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        thread.join(timeout=20)
    kept = list_sets(second_disk)
    assert 1 <= len(kept) <= 4  # pruned to the newest three after each new one

    shutil.rmtree(node)  # the first disk is gone
    restore(
        second_disk, read_key(key_file), data_dir=node, database=node / "gerbang.db", at=datetime.now(UTC)
    )
    verify_restored(node, node / "gerbang.db", read_key(key_file), at=datetime.now(UTC))
    with sqlite3.connect(node / "gerbang.db") as restored:
        assert restored.execute("SELECT count(*) FROM crossings").fetchone()[0] == 50


def test_only_the_newest_sets_are_kept_on_the_second_disk(node: Path, tmp_path: Path) -> None:
    from gerbang.infra.backup.keys import create_key
    from gerbang.infra.backup.sqlite_set import create_set

    key_file = tmp_path / "edge.key"
    create_key(key_file)
    repo = tmp_path / "second-disk"
    for second in range(5):
        create_set(
            database=node / "gerbang.db",
            data_dir=node,
            node="cgk",
            repo=repo,
            key=read_key(key_file),
            at=datetime(2026, 6, 20, 4, 15, second, tzinfo=UTC),
        )
    removed = prune_local(repo, keep=2)
    assert len(removed) == 3
    assert [s.manifest.created.second for s in list_sets(repo)] == [4, 3]


def test_edge_settings_name_the_second_disk_and_its_key() -> None:
    settings = Settings(role="checkpoint", backup_dir=Path("/mnt/second"), backup_key_file=Path("/etc/k"))
    assert settings.backup_every_s == 300.0
    assert settings.backup_keep == 48
