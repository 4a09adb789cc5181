"""Applicant use cases: apply for oneself or family (up to five people), read, and cancel."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from gerbang.infra.accounts import Principal
from gerbang.infra.clock import new_id
from gerbang.infra.roles import Permission
from gerbang.kernel.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from gerbang.passports.center import history
from gerbang.passports.center import repository as repo
from gerbang.passports.center.notices import steps as notice_steps
from gerbang.passports.center.orm import ApplicationRow, GuardianRow
from gerbang.passports.center.views import ApplicationView, application_view
from gerbang.passports.domain.lifecycle import Status
from gerbang.passports.domain.minors import check_child_validity, check_guardian, is_minor
from gerbang.passports.domain.nik import Sex, check_nik
from gerbang.passports.domain.policy import Kind, Service
from gerbang.passports.packaged_policy import load_policy

# The oldest birth date an applicant may give: nobody living was born earlier.
EARLIEST_BIRTH = date(1900, 1, 1)


@dataclass(frozen=True)
class GuardianGiven:
    """A child's parent or guardian as the form or the API gives them, checked when filing."""

    name: str = ""
    relationship: str = ""
    nik: str = ""
    consent: bool = False


def is_officer(principal: Principal) -> bool:
    return Permission.APPLICATIONS_PROCESS in principal.permissions


def apply(
    session: Session,
    *,
    applicant: Principal,
    nik: str,
    name: str,
    birth_date: date,
    sex: Sex,
    kind: Kind,
    validity_years: int,
    service: Service,
    at: datetime,
    married: bool = False,
    guardian: GuardianGiven | None = None,
) -> ApplicationView:
    """File an application for one person; an account files for at most five people at a time.

    A child (under the policy's adult age and not married) is filed only with a parent or guardian
    who consents; an adult's application keeps no guardian even if one is given."""
    if applicant.kind != "account":
        raise PermissionDenied("application.person_only")
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("application.name_required", field="name")
    if birth_date > at.date():
        raise InvalidInput("application.birth_in_future", field="birth_date")
    if birth_date < EARLIEST_BIRTH:
        raise InvalidInput("application.birth_too_early", field="birth_date", earliest=EARLIEST_BIRTH)
    checked = check_nik(nik, birth_date=birth_date, sex=sex)
    policy = load_policy()
    consenting = None
    if is_minor(birth_date, on=at.date(), married=married, rule=policy.minors):
        check_child_validity(validity_years, rule=policy.minors)
        given = guardian or GuardianGiven()
        consenting = check_guardian(
            name=given.name, relationship=given.relationship, nik=given.nik, consent=given.consent,
            child_nik=checked.value, rule=policy.minors, on=at.date(),
        )  # fmt: skip
    fee = policy.fee(kind, validity_years, service, at.date())
    repo.lock_account(session, applicant.id)
    if repo.open_applications(session, nik=checked.value):
        raise Conflict("application.nik_in_progress", field="nik")
    people = {row.nik for row in repo.open_applications(session, account_id=applicant.id)}
    if len(people) >= policy.max_people_per_account:
        raise Conflict(
            "application.too_many_people", field="nik", max_people_per_account=policy.max_people_per_account
        )
    row = ApplicationRow(
        id=new_id(at),
        account_id=applicant.id,
        nik=checked.value,
        name=name,
        birth_date=birth_date,
        sex=sex.value,
        kind=kind.value,
        validity_years=validity_years,
        service=service.value,
        fee_idr=fee.total_idr,
        fee_source=fee.source,
        created_at=at,
    )
    repo.add(session, row)
    if consenting is not None:
        session.add(
            GuardianRow(
                application_id=row.id,
                name=consenting.name,
                relationship=consenting.relationship.value,
                nik=consenting.nik,
                consented_at=at,
            )
        )
    history.append(session, row.id, Status.SUBMITTED, actor=applicant.audit_name, at=at, note=None)
    notice_steps.submitted(session, row, at=at)
    return application_view(session, row)


def get_application(session: Session, *, application_id: uuid.UUID, principal: Principal) -> ApplicationView:
    """One application: its account or an office officer may see it; to anyone else it does not exist."""
    return application_view(session, owned(session, application_id, principal))


def owned(session: Session, application_id: uuid.UUID, principal: Principal) -> ApplicationRow:
    row = repo.get_application(session, application_id)
    if row is None or not (is_officer(principal) or row.account_id == principal.id):
        raise NotFound("application.not_found", application_id=application_id)
    return row


def list_applications(
    session: Session, *, principal: Principal, status: Status | None, before: uuid.UUID | None, limit: int
) -> list[ApplicationView]:
    """Newest first: an applicant sees their own, an office officer everyone's."""
    rows = repo.list_applications(
        session,
        account_id=None if is_officer(principal) else principal.id,
        status=status.value if status else None,
        before=before,
        limit=limit,
    )
    return [application_view(session, row) for row in rows]
