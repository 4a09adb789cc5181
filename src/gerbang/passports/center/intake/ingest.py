"""Center only: take office interviews and hand-overs once each; a step it cannot take is a conflict."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TypeVar, cast
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import Table
from sqlalchemy.orm import Session

from gerbang.infra import audit
from gerbang.kernel.errors import GerbangError, InvalidInput, PermissionDenied
from gerbang.passports.center import history
from gerbang.passports.center import repository as repo
from gerbang.passports.center.orm import ApplicationRow, InterviewRow, OfficeRow, QuotaRow
from gerbang.passports.domain.handover import Collector, Holder, check_collector
from gerbang.passports.domain.lifecycle import Facts, Status
from gerbang.passports.office.orm import OfficeRecordRow
from gerbang.passports.office.schemas import (
    HANDOVER_RECORD,
    INTERVIEW_RECORD,
    HandoverRecord,
    InterviewRecord,
)
from gerbang.sync.center.ingest import insert_new_rows, node_site
from gerbang.sync.domain import UploadRecord

R = TypeVar("R", InterviewRecord, HandoverRecord)
Outcome = tuple[str, str | None]
APPLIED, DUPLICATE, CONFLICT = "applied", "duplicate", "conflict"


def ingest_interviews(
    session: Session, node: str, records: Sequence[UploadRecord], at: datetime
) -> set[uuid.UUID]:
    """Store interviews not yet held and move each application to interviewed (or note why not)."""
    return _ingest(session, node, records, at, InterviewRecord, INTERVIEW_RECORD)


def ingest_handovers(
    session: Session, node: str, records: Sequence[UploadRecord], at: datetime
) -> set[uuid.UUID]:
    """Store hand-overs not yet held and move each application to handed over (or note why not)."""
    return _ingest(session, node, records, at, HandoverRecord, HANDOVER_RECORD)


# Registered in the central app beside the checkpoint's crossing handler.
HANDLERS = {INTERVIEW_RECORD: ingest_interviews, HANDOVER_RECORD: ingest_handovers}


def _ingest(
    session: Session, node: str, records: Sequence[UploadRecord], at: datetime, model: type[R], kind: str
) -> set[uuid.UUID]:
    parsed = [_parse(model, record, kind) for record in records]
    # The site comes from the node's credential, never from what its records claim: a key without a
    # site may act for no office (it used to act for whichever office the record named).
    site = node_site(session, node)
    for record in parsed:
        if record.site.upper() != site:
            raise PermissionDenied(
                "intake.wrong_office", field="site", kind=kind, id=record.id, site=record.site, site2=site
            )
    rows = [
        {
            "id": r.id,
            "record_type": kind,
            "node": node,
            "site": site,
            "application_id": r.application_id,
            "outcome": "pending",
            "reason": None,
            "payload": r.model_dump(mode="json"),
            "recorded_at": r.recorded_at,
            "received_at": at,
        }
        for r in parsed
    ]
    fresh: set[uuid.UUID] = insert_new_rows(session, cast(Table, OfficeRecordRow.__table__), rows)
    for record in parsed:
        if record.id not in fresh:
            continue
        row = session.get(OfficeRecordRow, record.id)
        assert row is not None  # inserted just now
        if isinstance(record, InterviewRecord):
            row.outcome, row.reason = _apply_interview(session, record, row.site, node)
        elif isinstance(record, HandoverRecord):
            row.outcome, row.reason = _apply_handover(session, record, row.site, node)
        if row.outcome == CONFLICT:
            audit.record(
                session,
                actor=f"node:{node}",
                action="passport.office.conflict",
                record_type=kind,
                record_id=str(row.id),
                details={"application_id": str(row.application_id)},
                at=at,
            )
    session.flush()
    return fresh


def _parse(model: type[R], record: UploadRecord, kind: str) -> R:
    """A malformed record is the edge's error: the batch is refused naming the record (nothing stored)."""
    try:
        parsed = model.model_validate(record.payload)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise InvalidInput(
            "intake.unreadable", field=where, kind=kind, id=record.id, where=where, problem=problem["msg"]
        ) from None
    if parsed.id != record.id:
        raise InvalidInput("intake.id_differs", field="id", kind=kind, id=record.id)
    return parsed


def _application(session: Session, application_id: uuid.UUID, site: str) -> ApplicationRow | str:
    """The locked application if it belongs to `site`, or the reason it cannot be stepped here."""
    application = repo.lock_application(session, application_id)
    if application is None:
        return f"the center has no passport application {application_id}"
    booking = repo.latest_booking(session, application.id)
    quota = session.get(QuotaRow, booking.quota_id) if booking else None
    if quota is None or quota.office_code != site:
        where = quota.office_code if quota else "no office"
        return f"the application belongs to {where}, not to office {site}"
    return application


def _apply_interview(session: Session, record: InterviewRecord, site: str, node: str) -> Outcome:
    application = _application(session, record.application_id, site)
    if isinstance(application, str):
        return CONFLICT, application
    if session.get(InterviewRow, application.id) is not None:
        return DUPLICATE, "the center already holds an interview of this application"
    actor = f"{record.officer}@{node}"
    try:
        with session.begin_nested():
            history.advance(
                session,
                application,
                Status.INTERVIEWED,
                actor=actor,
                at=record.recorded_at,
                facts=Facts(photo_taken=True, fingerprints_taken=True),
                note=f"office {site}",
            )
            repo.add(
                session,
                InterviewRow(
                    application_id=application.id,
                    photo_sha256=record.photo_sha256,
                    fingerprints_sha256=record.fingerprints_sha256,
                    officer=actor,
                    at=record.recorded_at,
                ),
            )
    except GerbangError as exc:
        return CONFLICT, exc.message[:300]
    _audit(session, actor, "passport.interviewed", application.id, Status.INTERVIEWED, record.recorded_at)
    return APPLIED, None


def _apply_handover(session: Session, record: HandoverRecord, site: str, node: str) -> Outcome:
    application = _application(session, record.application_id, site)
    if isinstance(application, str):
        return CONFLICT, application
    if repo.status_of(session, application.id) is Status.HANDED_OVER:
        return DUPLICATE, "the center already marked this passport handed over"
    # The office checked the collector; the center checks again against the application as it holds it.
    holder = Holder(application.nik, application.name, application.birth_date)
    collector = Collector(
        record.collector_kind,
        record.collector_nik,
        record.collector_name,
        record.collector_birth_date,
        record.relationship,
        record.family_card,
    )
    office = session.get(OfficeRow, site)
    zone = ZoneInfo(office.timezone) if office else UTC
    check = check_collector(holder, collector, on=record.recorded_at.astimezone(zone).date())
    if not check.accepted:
        return CONFLICT, f"the collector does not match the application: {check.reason}"
    actor = f"{record.officer}@{node}"
    try:
        with session.begin_nested():
            history.advance(
                session,
                application,
                Status.HANDED_OVER,
                actor=actor,
                at=record.recorded_at,
                note=f"office {site}, collected by the {record.collector_kind.value}",
            )
    except GerbangError as exc:
        return CONFLICT, exc.message[:300]
    _audit(session, actor, "passport.handed_over", application.id, Status.HANDED_OVER, record.recorded_at)
    return APPLIED, None


def _audit(
    session: Session, actor: str, action: str, application_id: uuid.UUID, status: Status, at: datetime
) -> None:
    # Ids only: an audit entry must never carry a name, NIK or birth date.
    audit.record(
        session,
        actor=actor,
        action=action,
        record_type="passport_application",
        record_id=str(application_id),
        details={"status": status.value},
        at=at,
    )
