"""What an office node works from: its appointments and ready passports, read from a verified snapshot."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from gerbang.kernel.errors import InvalidInput
from gerbang.kernel.signed import parse_time
from gerbang.sync.domain import ReferenceAge, reference_age
from gerbang.sync.edge.reference_store import Snapshot
from gerbang.sync.edge.view_holder import ViewHolder

# The snapshot section the center fills for every office, keyed by office code.
SECTION = "passport_offices"


@dataclass(frozen=True)
class OfficeEntry:
    """One application as an office sees it: who, which service, the interview slot and the status."""

    application_id: uuid.UUID
    name: str
    nik: str
    birth_date: date
    service: str
    slot: datetime | None
    status: str
    # A child's parent or guardian (name, relationship, NIK), who comes to the interview with them.
    guardian: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class OfficeView:
    """One snapshot's data for one office; replaced whole, never edited."""

    version: int
    issued_at: datetime | None
    site: str
    appointments: tuple[OfficeEntry, ...] = ()
    ready: tuple[OfficeEntry, ...] = ()
    _by_id: dict[tuple[str, uuid.UUID], OfficeEntry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for kind, entries in (("appointment", self.appointments), ("ready", self.ready)):
            for entry in entries:
                self._by_id[(kind, entry.application_id)] = entry

    def appointment(self, application_id: uuid.UUID) -> OfficeEntry | None:
        return self._by_id.get(("appointment", application_id))

    def ready_passport(self, application_id: uuid.UUID) -> OfficeEntry | None:
        return self._by_id.get(("ready", application_id))

    def age(
        self, *, now: datetime, max_age: timedelta, checked_at: datetime | None = None
    ) -> ReferenceAge | None:
        if self.issued_at is None:
            return None
        return reference_age(
            version=self.version, issued_at=self.issued_at, now=now, max_age=max_age, checked_at=checked_at
        )


def empty_office_view(site: str) -> OfficeView:
    """Before any snapshot arrived: nothing booked, nothing to hand over."""
    return OfficeView(0, None, site)


def parse_entry(raw: Any) -> OfficeEntry:
    """One entry of the section; a malformed one is named (the snapshot was signed, so this is a bug)."""
    try:
        return OfficeEntry(
            application_id=uuid.UUID(str(raw["application_id"])),
            name=str(raw["name"]),
            nik=str(raw["nik"]),
            birth_date=date.fromisoformat(str(raw["birth_date"])),
            service=str(raw["service"]),
            slot=parse_time(raw["slot"]) if raw.get("slot") else None,
            status=str(raw["status"]),
            guardian=_guardian(raw.get("guardian")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput("office.entry_unreadable", section=SECTION, error=type(exc).__name__) from None


def _guardian(raw: Any) -> tuple[str, str, str] | None:
    if raw is None:
        return None
    return str(raw["name"]), str(raw["relationship"]), str(raw["nik"])


def office_view_from_snapshot(snapshot: Snapshot, *, site: str) -> OfficeView:
    """This office's part of a verified snapshot (an office absent from it has nothing today)."""
    section = snapshot.sections.get(SECTION) or {}
    mine = section.get(site) if isinstance(section, dict) else None
    mine = mine if isinstance(mine, dict) else {}
    return OfficeView(
        snapshot.version,
        snapshot.issued_at,
        site,
        tuple(parse_entry(raw) for raw in mine.get("appointments") or []),
        tuple(parse_entry(raw) for raw in mine.get("ready") or []),
    )


class OfficeReferenceHolder(ViewHolder[OfficeView]):
    """Holds the office's view of its appointments and ready passports."""
