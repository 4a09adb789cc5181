"""The monitor: probe on a schedule, judge each component, and apply the round to the store."""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from gerbang.infra.database import Database
from gerbang.kernel.clock import Clock
from gerbang.status import rounds
from gerbang.status.domain import (
    Kind,
    State,
    assess_center,
    assess_checkpoint,
    assess_office,
    is_blind,
    only_silence,
)
from gerbang.status.domain.components import (
    backup_section,
    backup_too_old,
    database_redundant,
    read_health,
)
from gerbang.status.probes import Observations, Prober
from gerbang.status.service import Context

log = logging.getLogger("gerbang.status")


class Monitor:
    """Turns each round of probes into component states; all judgement is in the pure domain."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        ctx: Context,
        prober: Prober,
        *,
        interval: float,
        slow_after_s: float,
        draining_window: int,
        backup_max_age_s: float = 26 * 3600,
        edge_grace_s: float = 150.0,
    ) -> None:
        self._database = database
        self._clock = clock
        self._ctx = ctx
        self._prober = prober
        self._interval = interval
        self._slow_after_s = slow_after_s
        self._window = draining_window
        self._backup_max_age_s = backup_max_age_s
        # How long an edge may take to notice that the center went or came back: its uploader and
        # poller retry on a backoff of up to a minute, then report on their next health read.
        self._edge_grace = timedelta(seconds=edge_grace_s)
        ctx.board.round_seconds = interval

    def judge(self, seen: Observations) -> dict[str, State]:
        """Each component's state from one round's observations."""
        center = assess_center(seen.center_ready, seen.center_canary, slow_after_s=self._slow_after_s)
        if (
            center is State.OPERATIONAL
            and seen.database is not None
            and not database_redundant(seen.database.body)
        ):
            # Serving, but on one copy of its data: a second loss would lose acknowledged writes.
            center = State.DEGRADED
        backup = backup_section(seen.center_ready.body) if seen.center_ready.ok else None
        self._ctx.board.center_backup = backup
        if center is State.OPERATIONAL and backup_too_old(backup, max_age_s=self._backup_max_age_s):
            # Serving, but with no verified backup recent enough to recover from.
            center = State.DEGRADED
        center_up = center in (State.OPERATIONAL, State.DEGRADED)
        settled = self._ctx.board.center_settled(center_up, at=self._clock.now(), grace=self._edge_grace)
        states: dict[str, State] = {}
        for component in self._ctx.board.components:
            name = component.group.split("-", 1)[-1]
            if component.kind is Kind.CENTER:
                states[component.id] = center
            elif component.kind is Kind.CHECKPOINT:
                probe = seen.checkpoints.get(name)
                if probe is None:
                    states[component.id] = State.UNKNOWN
                    continue
                health = read_health(probe.body) if probe.ok else None
                # The backlog trend only means something while the center could take the uploads.
                history = (
                    self._ctx.board.note_backlog(component.id, health.outbox_backlog, keep=self._window)
                    if health is not None and center_up and settled
                    else []
                )
                states[component.id] = assess_checkpoint(
                    probe,
                    center_up=center_up,
                    backlog_history=history,
                    draining_window=self._window,
                    center_settled=settled,
                )
            else:
                probe = seen.offices.get(name)
                states[component.id] = assess_office(probe) if probe is not None else State.UNKNOWN
        return states

    def silent(self, seen: Observations) -> frozenset[str]:
        """Components whose probes this round failed only by timing out: the node may just be busy."""
        found = set()
        for component in self._ctx.board.components:
            name = component.group.split("-", 1)[-1]
            if component.kind is Kind.CENTER:
                probes = [seen.center_ready, seen.center_canary]
            elif component.kind is Kind.CHECKPOINT:
                probes = [p for p in (seen.checkpoints.get(name),) if p is not None]
            else:
                probes = [p for p in (seen.offices.get(name),) if p is not None]
            if only_silence(probes):
                found.add(component.id)
        return frozenset(found)

    def round_once(self) -> None:
        """Probe everything, judge, and record the round."""
        seen = self._prober.round()
        blind = is_blind(control=seen.control, targets=seen.targets())
        states = self.judge(seen)
        silent = self.silent(seen)
        with self._database.transaction() as session:
            rounds.apply_round(
                session, ctx=self._ctx, states=states, blind=blind, at=self._clock.now(), silent=silent
            )
        if blind:
            log.warning("monitor is blind this round: the control probe failed or every target timed out")

    def run(self, stop: threading.Event) -> None:
        """Loop until `stop`, one round every interval; an error in one round never stops the next."""
        while not stop.is_set():
            started = time.monotonic()
            try:
                self.round_once()
            except Exception:
                log.exception("probe round failed")
            stop.wait(max(0.0, self._interval - (time.monotonic() - started)))
