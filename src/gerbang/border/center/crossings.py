"""Center only: receive crossings from edges once each; re-screen offline decisions against today's list."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import cast

from pydantic import ValidationError
from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from gerbang.border.center.watchlist import CenterIndex
from gerbang.border.orm import AlertRow, CrossingRow
from gerbang.border.schemas import CrossingRecord
from gerbang.infra.clock import new_id
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import InvalidInput, PermissionDenied
from gerbang.screening import ScreeningQuery
from gerbang.sync.center.ingest import insert_new_rows, node_site
from gerbang.sync.domain import UploadRecord

# Which lists would have stopped a traveller going each way.
STOPPING_LISTS = {
    "entry": {"entry-ban", "wanted", "lost-stolen-document"},
    "exit": {"exit-ban", "wanted", "lost-stolen-document"},
}


def parse_crossing(record: UploadRecord) -> CrossingRecord:
    """Check an uploaded crossing; a malformed one is the edge's error, reported with the record id."""
    try:
        crossing = CrossingRecord.model_validate(record.payload)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise InvalidInput(
            "crossing.unreadable", field=where, id=record.id, where=where, problem=problem["msg"]
        ) from None
    if crossing.id != record.id:
        raise InvalidInput("crossing.id_differs", field="id", id=record.id, id2=crossing.id)
    return crossing


# The longest stay any permit grants (KITAP: five years) and how far an edge's clock may run ahead.
LONGEST_STAY = timedelta(days=5 * 366 + 1)
CLOCK_AHEAD = timedelta(days=1)
EARLIEST = date(1900, 1, 1)


def check_crossing_claims(crossing: CrossingRecord, *, site: str, at: datetime) -> None:
    """Refuse a crossing whose site is not the node's, or whose dates no lane could have written."""
    if crossing.site.upper() != site:
        raise PermissionDenied(
            "crossing.wrong_site", field="site", id=crossing.id, site=crossing.site, site2=site
        )
    recorded = as_utc(crossing.recorded_at)
    if not datetime(2000, 1, 1, tzinfo=UTC) <= recorded <= as_utc(at) + CLOCK_AHEAD:
        raise InvalidInput("crossing.impossible_time", field="recorded_at", id=crossing.id)
    if crossing.birth_date is not None and not EARLIEST <= crossing.birth_date <= recorded.date():
        raise InvalidInput("crossing.impossible_birth", field="birth_date", id=crossing.id)
    until = crossing.permitted_until
    if until is not None and not recorded.date() <= until <= (recorded + LONGEST_STAY).date():
        raise InvalidInput("crossing.stay_too_long", field="permitted_until", id=crossing.id, until=until)


def ingest_crossings(
    session: Session, node: str, records: Sequence[UploadRecord], at: datetime
) -> set[uuid.UUID]:
    """Store crossings not yet held, keeping the edge's decision and reference version as they were.

    A crossing is filed under the site on the node's credential; one claiming another site is refused.
    """
    site = node_site(session, node)
    rows = []
    for record in records:
        crossing = parse_crossing(record)
        check_crossing_claims(crossing, site=site, at=at)
        values = crossing.model_dump()
        values["reasons"] = {"reasons": values["reasons"]}
        values.update(node=node, site=site, received_at=at)
        rows.append(values)
    inserted: set[uuid.UUID] = insert_new_rows(session, cast(Table, CrossingRow.__table__), rows)
    return inserted


class OfflineRescreener:
    """Re-screens decisions taken offline or on old data, and raises an alert for each miss."""

    def __init__(self, index: CenterIndex) -> None:
        self._index = index

    def __call__(self, session: Session, node: str, records: Sequence[UploadRecord], at: datetime) -> int:
        version, index = self._index.current(session, at=at)
        alerts = 0
        for record in records:
            crossing = CrossingRecord.model_validate(record.payload)
            # Only a decision taken online on the very version the center holds now is left alone: a
            # version the edge claims is newer than the center's proves nothing, so it is screened again.
            if crossing.decision != "admit" or (
                not crossing.offline and crossing.reference_version == version
            ):
                continue
            query = ScreeningQuery(
                id=str(crossing.id),
                name=f"{crossing.given_names} {crossing.surname}".strip(),
                birth_date=crossing.birth_date,
                nationality=crossing.nationality,
                document_number=crossing.document_number,
            )
            for hit in index.screen(query, on=crossing.recorded_at.date()):
                if hit.match and hit.list_kind in STOPPING_LISTS[crossing.direction]:
                    session.add(
                        AlertRow(
                            id=new_id(at),
                            crossing_id=crossing.id,
                            site=crossing.site,
                            entry_id=hit.entry_id,
                            list_kind=hit.list_kind,
                            score=hit.score,
                            edge_decision=crossing.decision,
                            edge_reference_version=crossing.reference_version,
                            center_reference_version=version,
                            raised_at=at,
                        )
                    )
                    alerts += 1
        return alerts


def list_crossings(
    session: Session, *, site: str | None, since: datetime | None, after_id: uuid.UUID | None, limit: int
) -> list[CrossingRow]:
    """Crossings held at the center, oldest first, a page at a time (keyset on the time-ordered id)."""
    query = select(CrossingRow).order_by(CrossingRow.id).limit(limit)
    if site:
        query = query.where(CrossingRow.site == site)
    if since:
        query = query.where(CrossingRow.recorded_at >= since)
    if after_id:
        query = query.where(CrossingRow.id > after_id)
    return list(session.execute(query).scalars())


def list_alerts(session: Session, *, limit: int) -> list[AlertRow]:
    """Alerts for supervisors, newest first."""
    return list(session.execute(select(AlertRow).order_by(AlertRow.raised_at.desc()).limit(limit)).scalars())
