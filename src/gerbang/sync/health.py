"""What every edge node reports about itself: does the center answer, what waits, how old its data is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gerbang.infra.database import Database
from gerbang.sync import outbox
from gerbang.sync.domain import ReferenceAge
from gerbang.sync.uploader import Contact


@dataclass(frozen=True)
class Wording:
    """The warnings in the node's own words (a checkpoint screens, an office lists appointments)."""

    no_data: str
    stale: str  # formatted with {hours}
    offline: str


def edge_health(
    *, node: str, site: str, database: Database, contact: Contact, offline: bool, version: int,
    issued_at: datetime | None, age: ReferenceAge | None, wording: Wording,
) -> dict[str, Any]:  # fmt: skip
    """The health fields common to every edge node, with the warnings a supervisor should see."""
    with database.reading() as session:
        backlog = outbox.backlog(session)
    warnings = []
    if age is None:
        warnings.append(wording.no_data)
    elif age.stale:
        warnings.append(wording.stale.format(hours=f"{age.age.total_seconds() / 3600:.1f}"))
    if offline:
        warnings.append(wording.offline)
    last = contact.last_success
    return {
        "node": node,
        "site": site,
        "center_reachable": not offline,
        "last_contact_at": last.isoformat() if last else None,
        "outbox_backlog": backlog,
        "reference_version": version,
        "reference_issued_at": issued_at.isoformat() if issued_at else None,
        "reference_age_s": round(age.age.total_seconds(), 1) if age else None,
        "reference_stale": age.stale if age else True,
        "warnings": warnings,
    }
