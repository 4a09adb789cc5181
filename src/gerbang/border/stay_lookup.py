"""Checkpoint side of a foreigner's current stay: the latest crossing here, merged with the center's list."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gerbang.border.domain import (
    CenterStay,
    Direction,
    LocalCrossing,
    Outcome,
    Stay,
    Traveller,
    current_stay,
    stay_lookup_key,
)
from gerbang.border.orm import CrossingRow
from gerbang.border.reference_view import ReferenceView
from gerbang.kernel.clock import as_utc
from gerbang.sync.edge.stays import StaysStore


def current_stay_of(
    session: Session, traveller: Traveller, view: ReferenceView, stays: StaysStore | None
) -> Stay | None:
    """The stay this traveller is in: their latest crossing here, merged with the center's list."""
    latest = session.execute(
        select(CrossingRow)
        .where(CrossingRow.document_number == traveller.document_number)
        .where(CrossingRow.nationality == traveller.nationality)
        .where(CrossingRow.decision != Outcome.REFUSE.value)  # a refused traveller did not cross
        .order_by(CrossingRow.recorded_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    local = (
        LocalCrossing(
            latest.id, Direction(latest.direction), as_utc(latest.recorded_at), latest.permitted_until
        )
        if latest is not None
        else None
    )
    return current_stay(local=local, center=_center_stay(traveller, view, stays))


def _center_stay(traveller: Traveller, view: ReferenceView, stays: StaysStore | None) -> CenterStay | None:
    document = stays.current if stays else None
    key = view.stays_key
    if document is None or key is None or key.key_id != document.key_id:
        return None
    lookup = stay_lookup_key(
        key.secret, nationality=traveller.nationality, document_number=traveller.document_number
    )
    listed = document.stays.get(lookup)
    if listed is None:
        return None
    return CenterStay(listed.crossing_id, listed.site, listed.entered_at, listed.permitted_until)
