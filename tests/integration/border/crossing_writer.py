"""A checkpoint lane deciding crossings as fast as it can, to be killed mid-write by a test.

`python crossing_writer.py DATABASE_URL run` prints each crossing's id once `record_crossing` has
returned (the officer has the answer, so it must survive); `... lanes` does so from four lanes
deciding at once, whose crossings share commits. `... pause` records three crossings,
then stops inside the fourth transaction, after the crossing's insert and before its outbox row
and audit entry, prints `inside <document number>` and waits to be killed there.
"""

from __future__ import annotations

import sys
import threading
import uuid
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event

from gerbang.border.domain import LaneKind
from gerbang.border.packaged_policy import load_border_policy
from gerbang.border.reference_view import ReferenceHolder, ReferenceView
from gerbang.border.schemas import CrossingCreate
from gerbang.border.service import Checkpoint, record_crossing
from gerbang.documents import make_zone
from gerbang.infra.accounts import Principal
from gerbang.infra.clock import SystemClock
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.screening import WatchlistIndex
from gerbang.screening.evaluation.generator import generate
from gerbang.sync.edge.uploader import Contact


def main() -> None:
    url, mode = sys.argv[1], sys.argv[2]
    database = Database(url)
    now = datetime.now(UTC)
    index = WatchlistIndex.build(generate(200, 1, seed=3, on=now.date()).entries)
    checkpoint = Checkpoint(
        node="crash",
        site="CGK",
        lanes={"C1": LaneKind.COUNTER},
        timezone=ZoneInfo("Asia/Jakarta"),
        database=database,
        clock=SystemClock(),
        reference=ReferenceHolder(ReferenceView(1, now, index, None, None, load_border_policy())),
        contact=Contact(last_success=now),
    )
    officer = Principal("account", uuid.uuid4(), "officer", frozenset({Role.CHECKPOINT_OFFICER}))
    if mode == "pause":

        @event.listens_for(database.engine, "after_cursor_execute")
        def _stop_after_crossing(
            _conn: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any, _many: bool
        ) -> None:
            if statement.startswith("INSERT INTO crossings") and writes.count == 3:
                print(f"inside K{writes.count:07d}", flush=True)
                threading.Event().wait()  # until killed, holding the write lock mid-transaction

    writes = _Count()
    if mode == "lanes":
        for k in range(4):
            threading.Thread(target=decide, args=(checkpoint, officer, k, 4, writes)).start()
        threading.Event().wait()
    decide(checkpoint, officer, 0, 1, writes)


def decide(checkpoint: Checkpoint, officer: Principal, first: int, step: int, writes: _Count) -> None:
    for n in range(first, 1_000_000, step):
        request = CrossingCreate(
            mrz=make_zone(
                format="TD3",
                document_type="P",
                issuing_state="SGP",
                surname="TAN",
                given_names="WEI",
                document_number=f"K{n:07d}",
                nationality="SGP",
                birth_date="850505",
                sex="M",
                expiry_date="340101",
            ),
            direction="entry" if n % 2 else "exit",
            lane="C1",
            biometric_match=True,
        )
        answer = record_crossing(checkpoint, request=request, officer=officer)
        writes.count += 1
        sys.stdout.write(f"{answer.id}\n")  # one write a line (print makes two): lanes' lines do not mix
        sys.stdout.flush()


class _Count:
    count = 0


if __name__ == "__main__":
    main()
