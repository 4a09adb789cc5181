"""The office's view of a verified snapshot: its own office only, entries read strictly, swapped whole."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from gerbang.kernel.errors import InvalidInput
from gerbang.passports.office.reference import (
    OfficeReferenceHolder,
    empty_office_view,
    office_view_from_snapshot,
)
from gerbang.sync.edge.reference_store import Snapshot

APP = uuid.UUID("01890000-0000-7000-8000-000000000001")
ENTRY = {
    "application_id": str(APP),
    "name": "Ayu Lestari",
    "nik": "3174055504900001",
    "birth_date": "1990-04-15",
    "service": "regular",
    "slot": "2026-06-23T02:00:00Z",
    "status": "paid",
}
ISSUED = datetime(2026, 6, 23, 0, 0, tzinfo=UTC)


def snapshot(version: int, section: object) -> Snapshot:
    return Snapshot(version, ISSUED, {"passport_offices": section}, "", "")


def test_an_office_sees_only_its_own_appointments_and_ready_passports() -> None:
    view = office_view_from_snapshot(
        snapshot(3, {"JKS": {"appointments": [ENTRY], "ready": []}, "SBY": {"appointments": [ENTRY]}}),
        site="JKS",
    )
    assert view.version == 3
    entry = view.appointment(APP)
    assert entry is not None
    assert (entry.birth_date, entry.slot) == (date(1990, 4, 15), datetime(2026, 6, 23, 2, tzinfo=UTC))
    assert view.ready_passport(APP) is None
    other = office_view_from_snapshot(snapshot(3, {"SBY": {}}), site="JKS")
    assert other.appointments == ()


def test_a_snapshot_without_the_section_gives_an_empty_office() -> None:
    view = office_view_from_snapshot(Snapshot(1, ISSUED, {}, "", ""), site="JKS")
    assert (view.appointments, view.ready) == ((), ())


def test_a_malformed_entry_is_refused() -> None:
    with pytest.raises(InvalidInput):
        office_view_from_snapshot(snapshot(2, {"JKS": {"ready": [{"name": "x"}]}}), site="JKS")


def test_an_older_view_never_replaces_a_newer_one() -> None:
    holder = OfficeReferenceHolder(empty_office_view("JKS"))
    newer = office_view_from_snapshot(snapshot(5, {}), site="JKS")
    holder.replace(newer)
    holder.replace(office_view_from_snapshot(snapshot(4, {}), site="JKS"))
    assert holder.view.version == 5
