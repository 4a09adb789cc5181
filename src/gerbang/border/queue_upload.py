"""The checkpoint's queue figures go to the center in the outbox, so a national view needs no live link."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from gerbang.border.queue_view import public_figures, queue_board
from gerbang.border.service import Checkpoint
from gerbang.infra.clock import new_id
from gerbang.sync.edge import outbox

RECORD_TYPE = "queue_figures"
EVERY_S = 300.0  # small enough to follow a wave, rare enough to add some 300 records a day
log = logging.getLogger("gerbang.border")


def enqueue_figures(checkpoint: Checkpoint) -> None:
    """Queue one snapshot of every queue's wait and lanes (never a traveller) for upload."""
    figures = public_figures(queue_board(checkpoint))
    figures["site"] = checkpoint.site
    now = checkpoint.clock.now()
    with checkpoint.database.transaction() as session:
        outbox.enqueue(session, record_type=RECORD_TYPE, record_id=new_id(now), payload=figures, at=now)


def figures_loop(checkpoint: Checkpoint, every_s: float = EVERY_S) -> Callable[[threading.Event], None]:
    """A background loop sending a snapshot every `every_s` seconds; a failed one waits for the next."""

    def run(stop: threading.Event) -> None:
        while not stop.wait(every_s):
            try:
                enqueue_figures(checkpoint)
            except Exception:  # a snapshot is worth losing; the loop is not
                log.exception("queue figures snapshot failed")

    return run
