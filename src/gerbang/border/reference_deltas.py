"""A checkpoint's side of watchlist deltas: verify one against the view it decides with, apply it in place."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from gerbang.border.reference_view import ReferenceHolder
from gerbang.infra import audit
from gerbang.infra.database import Database
from gerbang.kernel.errors import Conflict, GerbangError, MalformedInput
from gerbang.kernel.signed import parse_time, verify_signed
from gerbang.screening.deltas import DELTA_KIND, WatchlistReplica
from gerbang.sync.domain import sections_digest
from gerbang.sync.edge.kept_files import write_atomically
from gerbang.sync.edge.reference_store import ReferenceStore

log = logging.getLogger("gerbang.sync")

WATCHLIST = "watchlist"
# A bound on what a checkpoint accepts as one delta's text (the center makes them far smaller).
MAX_DELTA_BYTES = 16 * 1024 * 1024
# The deltas applied on top of the kept snapshot, so that a restart without the center forgets none.
DELTAS_FILE = "reference-deltas.json"


def other_sections_digest(sections: Mapping[str, Any]) -> str:
    """The fingerprint of every section but the watchlist: a delta is usable only while it matches."""
    return sections_digest({name: content for name, content in sections.items() if name != WATCHLIST})


class ViewDeltas:
    """Moves the checkpoint's view forward by the center's signed watchlist deltas, one at a time.

    A delta is checked whole (signature, the other sections it was made against, the version it
    starts from) before the index changes; the index then changes in place, so lanes keep deciding
    on it, and the view's version moves with it. A refusal is logged and audited, and the caller
    downloads the whole snapshot instead. With `kept`, each delta applied is kept on disk beside the
    snapshot it builds on, and read back (verified again) at start-up.
    """

    def __init__(
        self,
        holder: ReferenceHolder,
        store: ReferenceStore,
        database: Database,
        *,
        actor: str,
        kept: Path | None = None,
    ) -> None:
        self._holder = holder
        self._store = store
        self._database = database
        self._actor = actor
        self._rest: tuple[str, str] | None = None
        self._kept_path = kept
        self._kept: tuple[str, list[str]] | None = None

    @property
    def version(self) -> int:
        """The list version the view holds now (the kept snapshot's, or later by deltas)."""
        return self._holder.view.version

    def rest_digest(self) -> str | None:
        """The fingerprint of the kept snapshot's other sections (None before any snapshot)."""
        held = self._store.current
        if held is None:
            return None
        if self._rest is None or self._rest[0] != held.digest:
            self._rest = (held.digest, other_sections_digest(held.sections))
        return self._rest[1]

    def apply(self, text: str, *, at: datetime) -> int:
        """Verify `text` and apply it to the view's index; return the version now held."""
        if len(text) > MAX_DELTA_BYTES:
            raise MalformedInput("watchlist.delta_too_long", limit=MAX_DELTA_BYTES)
        payload = verify_signed(text, keys=self._store.trust, kind=DELTA_KIND, at=at).payload
        if not isinstance(payload, dict):
            raise MalformedInput("watchlist.delta_not_object")
        issued_at = parse_time(payload.get("issued_at"))
        rest = self.rest_digest()
        if rest is None or payload.get("rest_digest") != rest:
            raise Conflict("watchlist.delta_other_sections")
        view = self._holder.view
        version = WatchlistReplica(view.index, view.version).apply(text, keys=self._store.trust, at=at)
        self._holder.replace(replace(view, version=version, issued_at=issued_at))
        self._keep(text)
        return version

    def _keep(self, text: str) -> None:
        held = self._store.current
        if self._kept_path is None or held is None:
            return
        if self._kept is None or self._kept[0] != held.digest:
            self._kept = (held.digest, [])
        self._kept[1].append(text)
        body = {"snapshot_digest": held.digest, "deltas": self._kept[1]}
        try:
            write_atomically(self._kept_path, json.dumps(body).encode())
        except OSError as exc:
            log.error("could not keep the applied watchlist delta on disk: %s", exc)

    def replay_kept(self, *, at: datetime) -> int:
        """At start-up: apply again the deltas kept on top of the kept snapshot; return how many held.

        Each is verified again (the disk is not trusted); the first that fails ends the replay, and
        the center's next answer brings the view the rest of the way.
        """
        held, path = self._store.current, self._kept_path
        if held is None or path is None or not path.exists():
            return 0
        try:
            kept = json.loads(path.read_bytes())
            texts = kept["deltas"] if kept.get("snapshot_digest") == held.digest else []
        except (OSError, ValueError, KeyError, AttributeError):
            log.warning("%s cannot be read; the kept snapshot alone counts", path.name)
            return 0
        self._kept = (held.digest, [])
        for text in texts if isinstance(texts, list) else []:
            try:
                self.apply(str(text), at=at)
            except GerbangError as exc:
                log.error("kept watchlist delta rejected: %s", exc.message)
                break
        return len(self._kept[1])

    def refused(self, error: GerbangError, *, at: datetime) -> None:
        """A delta was refused: say so in the log and the checkpoint's audit log."""
        log.warning("watchlist delta refused (%s): %s; fetching the whole snapshot", error.reason, error)
        try:
            with self._database.transaction() as session:
                audit.record(
                    session,
                    actor=self._actor,
                    action="reference.delta_refused",
                    record_type="reference",
                    record_id=str(self.version),
                    details={"reason": error.reason},
                    at=at,
                )
        except Exception:
            # The audit write failing must not stop the whole download that follows.
            log.exception("could not audit the refused watchlist delta")
