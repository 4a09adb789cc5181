"""Edge housekeeping: forget uploaded records once they are older than the retention period."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

from gerbang.infra.database import Database
from gerbang.kernel.clock import Clock
from gerbang.sync.edge import outbox

log = logging.getLogger("gerbang.sync")


def retention_loop(
    database: Database, clock: Clock, *, keep: timedelta, every: float = 3600.0
) -> Callable[[threading.Event], None]:
    """A background loop that purges acknowledged outbox rows older than `keep`, every `every` seconds.

    Kept rows are what the edge sends again when a restored center asks; unsent rows are never purged.
    """

    def run(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                with database.transaction() as session:
                    purged = outbox.purge_sent_before(session, before=clock.now() - keep)
                if purged:
                    log.info("purged %d uploaded records past retention", purged)
            except Exception:  # housekeeping must never take the node down; try again next round
                log.exception("retention purge failed")
            stop.wait(every)

    return run
