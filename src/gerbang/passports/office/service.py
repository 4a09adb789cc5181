"""Passport office node use cases: the day's queue, interviews and hand-overs, kept and queued for upload."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gerbang.infra import audit
from gerbang.infra.accounts import Principal
from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.kernel.clock import Clock, as_utc
from gerbang.kernel.errors import Conflict, NotFound
from gerbang.passports.domain.handover import Collector, Holder, check_collector
from gerbang.passports.office.orm import OfficeHandoverRow, OfficeInterviewRow
from gerbang.passports.office.reference import OfficeEntry, OfficeReferenceHolder
from gerbang.passports.office.schemas import (
    HANDOVER_RECORD,
    INTERVIEW_RECORD,
    EntryRead,
    GuardianRead,
    HandoverCreate,
    HandoverRead,
    HandoverRecord,
    InterviewCreate,
    InterviewRead,
    InterviewRecord,
    QueueRead,
)
from gerbang.sync.domain import ReferenceAge
from gerbang.sync.edge import outbox
from gerbang.sync.edge.health import Wording, edge_health
from gerbang.sync.edge.reference_store import ReferenceStore
from gerbang.sync.edge.uploader import Contact

OFFICE_WORDING = Wording(no_data="office.no_data", stale="office.data_stale", offline="office.offline")


@dataclass
class Office:
    """The running office node: who and where it is, its store, and the appointments it works from."""

    node: str
    site: str
    timezone: ZoneInfo
    database: Database
    clock: Clock
    reference: OfficeReferenceHolder
    contact: Contact
    max_reference_age: timedelta = timedelta(hours=6)
    offline_after: timedelta = timedelta(minutes=2)
    # Where the snapshot is kept; it knows when the center last confirmed it (a 304 included).
    snapshots: ReferenceStore | None = None

    def is_offline(self, now: datetime) -> bool:
        last = self.contact.last_success
        return self.contact.failing or last is None or now - last > self.offline_after

    def today(self) -> date:
        return self.clock.now().astimezone(self.timezone).date()

    def reference_age(self, now: datetime) -> ReferenceAge | None:
        """The age of the appointment data; stale once the center has not confirmed it for too long."""
        view, store = self.reference.view, self.snapshots
        held = store.current if store else None
        # A confirmation vouches for the snapshot held; it says nothing of a view built from another.
        checked = store.checked_at if store and held and held.version == view.version else None
        return view.age(now=now, max_age=self.max_reference_age, checked_at=checked)


def day_queue(office: Office, *, day: date | None = None) -> QueueRead:
    """The appointments of `day` (today by default) in slot order, and the passports waiting here."""
    view = office.reference.view
    day = day or office.today()
    todays = [e for e in view.appointments if e.slot and e.slot.astimezone(office.timezone).date() == day]
    todays.sort(key=lambda e: (e.slot or datetime.min, str(e.application_id)))
    with office.database.transaction() as session:
        interviewed = _recorded(session, OfficeInterviewRow, [e.application_id for e in todays])
        handed = _recorded(session, OfficeHandoverRow, [e.application_id for e in view.ready])
    return QueueRead(
        site=office.site, day=day, reference_version=view.version,
        appointments=[_entry(e, "interviewed" if e.application_id in interviewed else None) for e in todays],
        ready=[_entry(e, "handed_over" if e.application_id in handed else None) for e in view.ready],
    )  # fmt: skip


def record_interview(office: Office, *, request: InterviewCreate, officer: Principal) -> InterviewRead:
    """Record an interview of a paid appointment here, with its outbox row, in one transaction."""
    view = office.reference.view
    entry = view.appointment(request.application_id)
    if entry is None:
        raise NotFound(
            "office.no_appointment",
            field="application_id",
            application_id=request.application_id,
            site=office.site,
            version=view.version,
        )
    if entry.status != "paid":
        raise Conflict("office.not_paid", field="application_id", status=entry.status)
    now = office.clock.now()
    row = OfficeInterviewRow(
        id=new_id(now), application_id=entry.application_id, node=office.node, site=office.site,
        photo_sha256=request.photo_sha256, fingerprints_sha256=request.fingerprints_sha256,
        photo_ref=request.photo_ref, fingerprints_ref=request.fingerprints_ref,
        officer=officer.audit_name, recorded_at=now,
    )  # fmt: skip
    record = InterviewRecord(
        id=row.id, application_id=row.application_id, node=row.node, site=row.site,
        photo_sha256=row.photo_sha256, fingerprints_sha256=row.fingerprints_sha256, officer=row.officer,
        reference_version=view.version, recorded_at=now,
    )  # fmt: skip
    _write(
        office, row, INTERVIEW_RECORD, record.model_dump(mode="json"), officer, "passport.office.interview"
    )
    return InterviewRead(id=row.id, application_id=row.application_id, status="interviewed", recorded_at=now)


def record_handover(office: Office, *, request: HandoverCreate, officer: Principal) -> HandoverRead:
    """Hand a ready passport over after checking the collector; a refusal is audited and explained."""
    view = office.reference.view
    entry = view.ready_passport(request.application_id)
    if entry is None:
        raise NotFound(
            "office.not_ready",
            field="application_id",
            application_id=request.application_id,
            site=office.site,
            version=view.version,
        )
    now = office.clock.now()
    collector = Collector(
        request.collector_kind, request.nik.strip(), " ".join(request.name.split()), request.birth_date,
        request.relationship, request.family_card,
    )  # fmt: skip
    check = check_collector(Holder(entry.nik, entry.name, entry.birth_date), collector, on=office.today())
    if not check.accepted:
        with office.database.transaction() as session:
            # Ids and the reason code only: the audit log never holds a name or NIK.
            audit.record(
                session, actor=officer.audit_name, action="passport.office.handover_refused",
                record_type="passport_application", record_id=str(entry.application_id),
                details={"reason": check.code, "collector_kind": collector.kind.value}, at=now,
            )  # fmt: skip
        raise Conflict("handover.refused", field=check.code, reason=check.text or check.reason)
    row = OfficeHandoverRow(
        id=new_id(now), application_id=entry.application_id, node=office.node, site=office.site,
        collector_kind=collector.kind.value, collector_nik=collector.nik, collector_name=collector.name,
        collector_birth_date=collector.birth_date,
        relationship=collector.relationship.value if collector.relationship else None,
        family_card=collector.family_card, officer=officer.audit_name, recorded_at=now,
    )  # fmt: skip
    record = HandoverRecord(
        id=row.id, application_id=row.application_id, node=row.node, site=row.site,
        collector_kind=collector.kind, collector_nik=row.collector_nik, collector_name=row.collector_name,
        collector_birth_date=row.collector_birth_date, relationship=collector.relationship,
        family_card=row.family_card, officer=row.officer, reference_version=view.version, recorded_at=now,
    )  # fmt: skip
    _write(office, row, HANDOVER_RECORD, record.model_dump(mode="json"), officer, "passport.office.handover")
    return HandoverRead(
        id=row.id, application_id=row.application_id, collector_kind=collector.kind, status="handed_over",
        recorded_at=now,
    )  # fmt: skip


def health(office: Office) -> dict[str, Any]:
    """Whether the center answers, what waits to be uploaded, and how old the appointment data is."""
    now = office.clock.now()
    view = office.reference.view
    report = edge_health(
        node=office.node, site=office.site, database=office.database, contact=office.contact,
        offline=office.is_offline(now), version=view.version, issued_at=view.issued_at,
        age=office.reference_age(now), wording=OFFICE_WORDING,
    )  # fmt: skip
    return report | {
        "role": "office",
        "appointments": len(view.appointments),
        "ready_passports": len(view.ready),
    }


def _write(
    office: Office,
    row: OfficeInterviewRow | OfficeHandoverRow,
    record_type: str,
    payload: dict[str, Any],
    officer: Principal,
    action: str,
) -> None:
    """The record, its outbox row and its audit entry commit together or not at all."""
    kind = "an interview" if record_type == INTERVIEW_RECORD else "a hand-over"
    try:
        with office.database.transaction() as session:
            earlier = session.execute(
                select(type(row).recorded_at).where(type(row).application_id == row.application_id)
            ).scalar_one_or_none()
            if earlier is not None:
                raise Conflict(
                    "office.already_recorded",
                    field="application_id",
                    kind=kind,
                    at=as_utc(earlier).isoformat(),
                )
            session.add(row)
            outbox.enqueue(
                session, record_type=record_type, record_id=row.id, payload=payload, at=row.recorded_at
            )
            audit.record(
                session, actor=officer.audit_name, action=action, record_type="passport_application",
                record_id=str(row.application_id), details={"record_id": str(row.id)}, at=row.recorded_at,
            )  # fmt: skip
    except IntegrityError:
        # Two officers pressed at once: the unique application id lets one through.
        raise Conflict("office.just_recorded", field="application_id", kind=kind) from None


def _recorded(
    session: Session, table: type[OfficeInterviewRow | OfficeHandoverRow], ids: list[uuid.UUID]
) -> set[uuid.UUID]:
    if not ids:
        return set()
    return set(session.execute(select(table.application_id).where(table.application_id.in_(ids))).scalars())


def _entry(entry: OfficeEntry, local_status: str | None) -> EntryRead:
    return EntryRead(
        application_id=entry.application_id, name=entry.name, nik=entry.nik, birth_date=entry.birth_date,
        service=entry.service, slot=entry.slot, status=local_status or entry.status,
        guardian=GuardianRead(name=entry.guardian[0], relationship=entry.guardian[1], nik=entry.guardian[2])
        if entry.guardian else None,
    )  # fmt: skip
