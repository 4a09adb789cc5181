"""An edge backs its store up to a second disk on a schedule, so a broken disk loses no unsent crossing."""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from gerbang.infra.backup.keys import create_key, read_key
from gerbang.infra.backup.manifest import MANIFEST
from gerbang.infra.backup.sqlite_set import create_set
from gerbang.kernel.clock import Clock

log = logging.getLogger(__name__)


def prune_local(repo: Path, *, keep: int) -> list[str]:
    """Remove all but the newest `keep` finished sets (names sort by time) and any unfinished leftovers."""
    finished = sorted(p for p in repo.iterdir() if (p / MANIFEST).is_file())
    removed = [p.name for p in finished[:-keep]]
    for name in removed:
        shutil.rmtree(repo / name)
    return removed


def backup_loop(
    *,
    database: Path,
    data_dir: Path,
    node: str,
    repo: Path,
    key_file: Path,
    clock: Clock,
    every_s: float,
    keep: int,
) -> Callable[[threading.Event], None]:
    """A background loop: one encrypted set every `every_s` seconds into `repo`, the newest `keep` kept."""

    def run(stop: threading.Event) -> None:
        if not key_file.exists():
            # The operator escrows this key with the center's; without it the copies cannot be read.
            create_key(key_file)
        key = read_key(key_file)
        while not stop.wait(every_s):
            try:
                manifest = create_set(
                    database=database, data_dir=data_dir, node=node, repo=repo, key=key, at=clock.now()
                )
                prune_local(repo, keep=keep)
                log.info("backed up to %s as %s", repo, manifest.backup_id)
            except Exception:  # a full or missing second disk must never stop the checkpoint deciding
                log.exception("edge backup failed; trying again at the next interval")

    return run
