"""Queries over the visa tables (rows are added, never rewritten) and the read views built from them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gerbang.kernel.clock import as_utc
from gerbang.visas.center.orm import (
    VisaApplicationRow,
    VisaCredentialRow,
    VisaDecisionRow,
    VisaRevocationListRow,
    VisaRevocationRow,
)
from gerbang.visas.domain.credential import CredentialType, Holder


def add(session: Session, row: object) -> None:
    """Stage a new row and write it now, so a clash surfaces inside the caller's transaction."""
    session.add(row)
    session.flush()


def lock_application(session: Session, application_id: uuid.UUID) -> VisaApplicationRow | None:
    """The application, locked until the transaction ends so two officers cannot both decide it."""
    return session.execute(
        select(VisaApplicationRow).where(VisaApplicationRow.id == application_id).with_for_update()
    ).scalar_one_or_none()


def get_application(session: Session, application_id: uuid.UUID) -> VisaApplicationRow | None:
    return session.get(VisaApplicationRow, application_id)


def decision_for(session: Session, application_id: uuid.UUID) -> VisaDecisionRow | None:
    return session.execute(
        select(VisaDecisionRow).where(VisaDecisionRow.application_id == application_id)
    ).scalar_one_or_none()


def list_applications(
    session: Session,
    *,
    applicant_id: uuid.UUID | None,
    status: str | None,
    before: uuid.UUID | None,
    limit: int,
) -> Sequence[tuple[VisaApplicationRow, VisaDecisionRow | None]]:
    """Applications newest first (ids are time-ordered), each with its decision if it has one."""
    query = select(VisaApplicationRow, VisaDecisionRow).outerjoin(
        VisaDecisionRow, VisaDecisionRow.application_id == VisaApplicationRow.id
    )
    if applicant_id is not None:
        query = query.where(VisaApplicationRow.applicant_id == applicant_id)
    if status == "submitted":
        query = query.where(VisaDecisionRow.id.is_(None))
    elif status is not None:
        query = query.where(VisaDecisionRow.decision == status)
    if before is not None:
        query = query.where(VisaApplicationRow.id < before)
    rows = session.execute(query.order_by(VisaApplicationRow.id.desc()).limit(limit)).all()
    return [(application, decision) for application, decision in rows]


def open_application_for(
    session: Session, *, applicant_id: uuid.UUID, passport_number: str, type: str
) -> VisaApplicationRow | None:
    """An undecided application by the same applicant for the same passport and type, if any."""
    return (
        session.execute(
            select(VisaApplicationRow)
            .outerjoin(VisaDecisionRow, VisaDecisionRow.application_id == VisaApplicationRow.id)
            .where(
                VisaApplicationRow.applicant_id == applicant_id,
                VisaApplicationRow.passport_number == passport_number,
                VisaApplicationRow.type == type,
                VisaDecisionRow.id.is_(None),
            )
            .limit(1)
        )
        .scalars()
        .first()
    )


def get_credential(session: Session, credential_id: uuid.UUID) -> VisaCredentialRow | None:
    return session.get(VisaCredentialRow, credential_id)


def lock_credential(session: Session, credential_id: uuid.UUID) -> VisaCredentialRow | None:
    return session.execute(
        select(VisaCredentialRow).where(VisaCredentialRow.id == credential_id).with_for_update()
    ).scalar_one_or_none()


def credentials_of(session: Session, application_id: uuid.UUID) -> Sequence[VisaCredentialRow]:
    """Every credential issued on an application, first issued first (an extension comes later)."""
    return (
        session.execute(
            select(VisaCredentialRow)
            .where(VisaCredentialRow.application_id == application_id)
            .order_by(VisaCredentialRow.id)
        )
        .scalars()
        .all()
    )


def successor_of(session: Session, credential_id: uuid.UUID) -> VisaCredentialRow | None:
    """The credential that superseded this one by extension, if any."""
    return session.execute(
        select(VisaCredentialRow).where(VisaCredentialRow.extended_from == credential_id)
    ).scalar_one_or_none()


def revocation_of(session: Session, credential_id: uuid.UUID) -> VisaRevocationRow | None:
    return session.get(VisaRevocationRow, credential_id)


def all_revocations(session: Session) -> Sequence[VisaRevocationRow]:
    return session.execute(select(VisaRevocationRow)).scalars().all()


def latest_revocation_list(session: Session) -> VisaRevocationListRow | None:
    return (
        session.execute(select(VisaRevocationListRow).order_by(VisaRevocationListRow.version.desc()).limit(1))
        .scalars()
        .first()
    )


@dataclass(frozen=True)
class ApplicationView:
    """An application as its reader may see it; watchlist matches and officers' names only for officers."""

    id: uuid.UUID
    type: CredentialType
    status: str
    holder: Holder
    fee_idr: int
    created_at: datetime
    decided_at: datetime | None
    decided_by: str | None
    reason: str | None
    credential_id: uuid.UUID | None
    watchlist_matches: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class CredentialView:
    """An issued credential with what happened to it since: revoked, or superseded by an extension."""

    id: uuid.UUID
    application_id: uuid.UUID
    type: CredentialType
    holder: Holder
    valid_from: datetime
    valid_until: datetime
    stay_days: int | None
    entries: int | None
    issued_at: datetime
    text: str
    extended_from: uuid.UUID | None
    superseded_by: uuid.UUID | None
    revoked_at: datetime | None
    revocation_reason: str | None


def holder_of(row: VisaApplicationRow) -> Holder:
    return Holder(row.holder_name, row.passport_number, row.nationality, row.birth_date)


def application_view(
    row: VisaApplicationRow,
    decision: VisaDecisionRow | None,
    credential_id: uuid.UUID | None,
    *,
    officer: bool,
) -> ApplicationView:
    # The decision's screening is newer than the application's when an officer has decided.
    screening = decision.screening if decision is not None and decision.screening else row.screening
    return ApplicationView(
        id=row.id,
        type=CredentialType(row.type),
        status=decision.decision if decision else "submitted",
        holder=holder_of(row),
        fee_idr=row.fee_idr,
        created_at=as_utc(row.created_at),
        decided_at=as_utc(decision.decided_at) if decision else None,
        decided_by=decision.decided_by if decision and officer else None,
        reason=decision.reason if decision else None,
        credential_id=credential_id,
        # Telling an applicant they resemble a wanted person would tip them off.
        watchlist_matches=tuple(screening.get("hits", ())) if officer else (),
    )


def credential_view(
    row: VisaCredentialRow,
    application: VisaApplicationRow,
    revocation: VisaRevocationRow | None,
    successor: VisaCredentialRow | None,
) -> CredentialView:
    return CredentialView(
        id=row.id,
        application_id=row.application_id,
        type=CredentialType(row.type),
        holder=holder_of(application),
        valid_from=as_utc(row.valid_from),
        valid_until=as_utc(row.valid_until),
        stay_days=row.stay_days,
        entries=row.entries,
        issued_at=as_utc(row.issued_at),
        text=row.text,
        extended_from=row.extended_from,
        superseded_by=successor.id if successor else None,
        revoked_at=as_utc(revocation.revoked_at) if revocation else None,
        revocation_reason=revocation.reason if revocation else None,
    )
