"""A foreigner's current stay merged from this checkpoint's crossings and the center's list of stays."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from gerbang.border.domain import CenterStay, Direction, LocalCrossing, Stay, current_stay, stay_lookup_key

SECRET = b"k" * 32
JAN_10 = datetime(2026, 1, 10, 3, 0, tzinfo=UTC)
FEB_01 = datetime(2026, 2, 1, 3, 0, tzinfo=UTC)
MAR_01 = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)


def local(
    direction: Direction, at: datetime, until: date | None = None, id: uuid.UUID | None = None
) -> LocalCrossing:
    return LocalCrossing(id or uuid.uuid4(), direction, at, until)


def center(at: datetime, until: date, id: uuid.UUID | None = None) -> CenterStay:
    return CenterStay(id or uuid.uuid4(), "DPS", at, until)


def test_no_crossing_anywhere_means_no_known_stay() -> None:
    assert current_stay(local=None, center=None) is None


def test_an_entry_at_another_checkpoint_gives_the_stay() -> None:
    stay = current_stay(local=None, center=center(JAN_10, date(2026, 2, 8)))
    assert stay == Stay(entered_at=date(2026, 1, 10), permitted_until=date(2026, 2, 8))


def test_an_entry_here_gives_the_stay_without_the_center() -> None:
    stay = current_stay(local=local(Direction.ENTRY, JAN_10, date(2026, 2, 8)), center=None)
    assert stay == Stay(date(2026, 1, 10), date(2026, 2, 8))


def test_the_latest_entry_wins_whichever_side_recorded_it() -> None:
    older_here = local(Direction.ENTRY, JAN_10, date(2026, 2, 8))
    newer_there = center(MAR_01, date(2026, 3, 30))
    assert current_stay(local=older_here, center=newer_there) == Stay(date(2026, 3, 1), date(2026, 3, 30))
    newer_here = local(Direction.ENTRY, MAR_01, date(2026, 3, 30))
    older_there = center(JAN_10, date(2026, 2, 8))
    assert current_stay(local=newer_here, center=older_there) == Stay(date(2026, 3, 1), date(2026, 3, 30))


def test_an_exit_here_after_the_centers_entry_ends_the_stay() -> None:
    assert current_stay(local=local(Direction.EXIT, FEB_01), center=center(JAN_10, date(2026, 2, 8))) is None


def test_an_exit_here_before_the_centers_entry_belongs_to_an_earlier_trip() -> None:
    stay = current_stay(local=local(Direction.EXIT, JAN_10), center=center(FEB_01, date(2026, 3, 2)))
    assert stay == Stay(date(2026, 2, 1), date(2026, 3, 2))


def test_for_the_same_entry_the_centers_copy_wins_because_a_permit_may_extend_it() -> None:
    crossing = uuid.uuid4()
    here = local(Direction.ENTRY, JAN_10, date(2026, 2, 8), id=crossing)
    extended = center(JAN_10, date(2027, 1, 9), id=crossing)
    assert current_stay(local=here, center=extended) == Stay(date(2026, 1, 10), date(2027, 1, 9))


def test_an_entry_here_without_a_permitted_end_leaves_the_stay_unknown() -> None:
    assert (
        current_stay(local=local(Direction.ENTRY, FEB_01, None), center=center(JAN_10, date(2026, 2, 8)))
        is None
    )


def test_lookup_key_ignores_case_filler_and_the_icao_alias() -> None:
    key = stay_lookup_key(SECRET, nationality="DEU", document_number="C01X00T47")
    assert key == stay_lookup_key(SECRET, nationality="D<<", document_number="c01x00t47<<")
    assert key != stay_lookup_key(SECRET, nationality="AUT", document_number="C01X00T47")
    assert key != stay_lookup_key(b"other" * 8, nationality="DEU", document_number="C01X00T47")
    assert len(key) == 64
    assert "C01X00T47" not in key
