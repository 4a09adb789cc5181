"""Center only: a node holding a newer version than the center's (restored from a backup) raises it past."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from gerbang.infra import audit
from gerbang.infra.database import Database
from gerbang.sync.center.versions import SNAPSHOT_STREAM, STAYS_STREAM, current_version, raise_past

log = logging.getLogger("gerbang.sync")

# Far below the 64-bit column's limit, so a node's claim can never push the counter to overflow.
MAX_VERSION = 2**53 - 1
STREAM_NAMES = {SNAPSHOT_STREAM: "snapshot", STAYS_STREAM: "stays"}
# How far a node's claim may raise the center's version at once. A center restored from a backup is
# behind by the versions it published since that backup: a few a minute at most, so this covers weeks.
# A claim further ahead is not something the center ever signed; it is ignored, so no key can push the
# counter to its limit and stop every later update.
MAX_RAISE = 100_000


def catch_up(database: Database, *, actor: str, held: int, stream: int, at: datetime) -> int | None:
    """Raise `stream` past `held`, the version the node `actor` says it holds, if the center's is lower.

    Edges refuse a document older than theirs, so without this a center restored from an older
    backup would publish nothing they accept until its counter passed theirs by chance. Returns the
    new version, or None when the center's was not behind (the usual case: a read, no write).
    """
    name = STREAM_NAMES.get(stream, f"stream {stream}")
    with database.reading() as session:
        current = current_version(session, stream=stream)
    if current >= held:
        return None
    if held > current + MAX_RAISE or held >= MAX_VERSION:
        log.warning("%s claimed %s version %d, far past the center's %d: ignored", actor, name, held, current)
        return None
    try:
        with database.transaction() as session:
            before = current_version(session, stream=stream)
            reason = f"a node held {name} version {held}: the center's state is older than what it published"
            version = raise_past(session, held=held, reason=reason, at=at, stream=stream)
            if version is None:  # another request raised it meanwhile
                return None
            audit.record(
                session,
                actor=actor,
                action="reference.version_raised",
                record_type="reference_stream",
                record_id=name,
                details={"held_by_node": held, "was": before, "now": version},
                at=at,
            )
    except IntegrityError:
        # Two nodes raced to create a counter the center never had; the other one's raise stands.
        return None
    log.warning(
        "%s held %s version %d but the center had %d (restored from an older state?): raised to %d",
        actor,
        name,
        held,
        before,
        version,
    )
    return version
