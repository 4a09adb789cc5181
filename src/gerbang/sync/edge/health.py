"""What every edge node reports about itself: does the center answer, what waits, how old its data is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from gerbang import words
from gerbang.infra.database import Database
from gerbang.sync.domain import ReferenceAge
from gerbang.sync.edge import outbox
from gerbang.sync.edge.stays import StaysStore
from gerbang.sync.edge.uploader import Contact


@dataclass(frozen=True)
class Wording:
    """The warnings' reasons in the node's own words (a checkpoint screens, an office lists appointments);
    each is a key of the message catalogue."""

    no_data: str
    stale: str  # its text takes {hours} since the center last confirmed the data
    offline: str


def edge_health(
    *,
    node: str,
    site: str,
    database: Database,
    contact: Contact,
    offline: bool,
    version: int,
    issued_at: datetime | None,
    age: ReferenceAge | None,
    wording: Wording,
) -> dict[str, Any]:
    """The health fields common to every edge node, with the warnings a supervisor should see.

    The data's age counts from when the center issued it; it turns stale only once the center has
    not confirmed it for too long (`age.checked_at`), since an unchanged snapshot is as current as that.
    """
    with database.reading() as session:
        backlog = outbox.backlog(session)
    found: list[dict[str, Any]] = []
    if age is None:
        found.append({"reason": wording.no_data})
    elif age.stale:
        found.append({"reason": wording.stale, "hours": age.unconfirmed_for.total_seconds() / 3600})
    if offline:
        found.append({"reason": wording.offline})
    last = contact.last_success
    return {
        "node": node,
        "site": site,
        "center_reachable": not offline,
        "last_contact_at": last.isoformat() if last else None,
        "outbox_backlog": backlog,
        "reference_version": version,
        "reference_issued_at": issued_at.isoformat() if issued_at else None,
        "reference_checked_at": age.checked_at.isoformat() if age else None,
        "reference_age_s": round(age.age.total_seconds(), 1) if age else None,
        "reference_stale": age.stale if age else True,
        "warnings": [words.say(w["reason"], "en", **_details(w)) for w in found],
        # The same warnings by reason, so a console says them in its reader's language.
        "warning_reasons": found,
    }


def _details(warning: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in warning.items() if k != "reason"}


def warning_texts(report: dict[str, Any]) -> list[words.Text]:
    """A health report's warnings in both languages."""
    return [words.text(w["reason"], **_details(w)) for w in report.get("warning_reasons", [])]


STAYS_MISSING = (
    "no foreigners' stays received from the center yet: overstay is checked against this checkpoint's "
    "own entries only"
)
STAYS_STALE = (
    "foreigners' stays were last confirmed by the center {hours} hours ago: entries at other checkpoints "
    "since then are not known here"
)


def stays_health(
    store: StaysStore | None, *, now: datetime, max_age: timedelta
) -> tuple[dict[str, Any], list[str]]:
    """The stays list's version and age, and a warning when there is none or the center went quiet.

    The age counts from when the center signed the list; staleness counts from the center's last
    word on it (a new list or "nothing newer"), since an unchanged list is as current as that.
    """
    document = store.current if store else None
    if store is None or document is None:
        empty: dict[str, Any] = dict.fromkeys(("stays_version", "stays_issued_at", "stays_checked_at"))
        return empty | {"stays_age_s": None, "stays_entries": 0, "stays_stale": True}, [STAYS_MISSING]
    checked = store.checked_at or document.issued_at
    quiet = max(now - checked, timedelta(0))
    fields = {
        "stays_version": document.version,
        "stays_issued_at": document.issued_at.isoformat(),
        "stays_checked_at": checked.isoformat(),
        "stays_age_s": round(max(now - document.issued_at, timedelta(0)).total_seconds(), 1),
        "stays_entries": len(document.stays),
        "stays_stale": quiet > max_age,
    }
    if quiet > max_age:
        return fields, [STAYS_STALE.format(hours=f"{quiet.total_seconds() / 3600:.1f}")]
    return fields, []
