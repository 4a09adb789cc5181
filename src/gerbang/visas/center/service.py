"""Visa use cases at the center: apply, approve, refuse, extend, revoke, and reading what one may see."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from gerbang.border.center.watchlist import CenterIndex
from gerbang.border.domain.policy import policy_code
from gerbang.border.packaged_policy import load_border_policy
from gerbang.infra import audit
from gerbang.infra.accounts import Principal
from gerbang.infra.clock import new_id
from gerbang.infra.roles import Permission
from gerbang.infra.signing import Signer
from gerbang.kernel.clock import as_utc
from gerbang.kernel.countries import is_known_code
from gerbang.kernel.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from gerbang.screening import ScreeningQuery
from gerbang.sync.center.versions import bump_version
from gerbang.visas.center import repository as repo
from gerbang.visas.center.issuer import Issued, issue, sign_revocation_list
from gerbang.visas.center.orm import (
    VisaApplicationRow,
    VisaCredentialRow,
    VisaDecisionRow,
    VisaRevocationListRow,
    VisaRevocationRow,
)
from gerbang.visas.center.repository import (
    ApplicationView,
    CredentialView,
    application_view,
    credential_view,
    holder_of,
)
from gerbang.visas.domain.credential import UNLIMITED, CredentialType, Holder
from gerbang.visas.domain.policy import VisaPolicy
from gerbang.visas.domain.revocation import Revocation, RevocationList, empty_revocation_list
from gerbang.visas.packaged_policy import policy_for

SCREENING_ACTOR = "system:screening"
ENTRY_BAN_REASON = "the holder matches an entry ban (penangkalan) on the watchlist"
SUPERSEDED = "superseded by extension"
_OFFICER = frozenset({Permission.VISAS_ISSUE, Permission.VISAS_REVOKE})
_HOLDER_FIELDS = {"passport": "passport_number"}


def is_officer(principal: Principal) -> bool:
    return bool(principal.permissions & _OFFICER)


def apply(
    session: Session,
    *,
    applicant: Principal,
    type: CredentialType,
    name: str,
    passport_number: str,
    nationality: str,
    birth_date: date,
    watchlist: CenterIndex,
    at: datetime,
) -> ApplicationView:
    """Submit an application for oneself; an entry-ban match refuses it at once."""
    if applicant.kind != "account":
        raise PermissionDenied("visa.person_only")
    rules = _policy(type, at.date())
    if rules.fee_idr is None:
        raise InvalidInput("visa.no_fee", field="type", label=type.label)
    holder = _holder(name, passport_number, nationality, birth_date, on=at.date())
    if type is CredentialType.EVOA and not load_border_policy().visa_on_arrival(at.date()).includes(
        holder.nationality
    ):
        raise InvalidInput(
            "visa.voa_not_eligible", field="nationality", nationality=holder.nationality, at=at.date()
        )
    waiting = repo.open_application_for(
        session, applicant_id=applicant.id, passport_number=holder.passport_number, type=type.value
    )
    if waiting is not None:
        raise Conflict("visa.awaiting_decision", id=waiting.id)
    row = VisaApplicationRow(
        id=new_id(at),
        applicant_id=applicant.id,
        type=type.value,
        holder_name=holder.name,
        passport_number=holder.passport_number,
        nationality=holder.nationality,
        birth_date=holder.birth_date,
        fee_idr=rules.fee_idr,
        screening={},
        created_at=at,
    )
    row.screening = _screen(session, watchlist, row, at=at)
    repo.add(session, row)
    audit.record(
        session,
        actor=applicant.audit_name,
        action="visa.apply",
        record_type="visa_application",
        record_id=str(row.id),
        details={"type": type.value},
        at=at,
    )
    decision = _refuse_if_banned(session, row, row.screening, at=at)
    return application_view(row, decision, None, officer=False)


def approve(
    session: Session,
    *,
    application_id: uuid.UUID,
    officer: Principal,
    signer: Signer,
    watchlist: CenterIndex,
    screening_reviewed: bool,
    at: datetime,
) -> ApplicationView:
    """Issue the credential, after screening again: the watchlist may have changed since applying."""
    row = _undecided(session, application_id)
    screening = _screen(session, watchlist, row, at=at)
    banned = _refuse_if_banned(session, row, screening, at=at)
    if banned is not None:
        return application_view(row, banned, None, officer=True)
    if screening["hits"] and not screening_reviewed:
        kinds = ", ".join(sorted({hit["list_kind"] for hit in screening["hits"]}))
        raise Conflict("visa.watchlist_match", field="screening_reviewed", kinds=kinds)
    issued = issue(signer, type=CredentialType(row.type), holder=holder_of(row), issued_at=at)
    credential = _store(session, issued, row, by=officer.audit_name, extended_from=None)
    decision = _decide(session, row, "approved", None, screening, by=officer.audit_name, at=at)
    audit.record(
        session,
        actor=officer.audit_name,
        action="visa.approve",
        record_type="visa_application",
        record_id=str(row.id),
        at=at,
        details={"credential_id": str(credential.id), "watchlist_matches": len(screening["hits"])},
    )
    return application_view(row, decision, credential.id, officer=True)


def refuse(
    session: Session, *, application_id: uuid.UUID, officer: Principal, reason: str, at: datetime
) -> ApplicationView:
    """Refuse an application with a reason the applicant will read."""
    reason = _reason(reason)
    row = _undecided(session, application_id)
    decision = _decide(session, row, "refused", reason, {}, by=officer.audit_name, at=at)
    audit.record(
        session,
        actor=officer.audit_name,
        action="visa.refuse",
        record_type="visa_application",
        record_id=str(row.id),
        details={},
        at=at,
    )
    return application_view(row, decision, None, officer=True)


def extend(
    session: Session, *, credential_id: uuid.UUID, officer: Principal, signer: Signer, at: datetime
) -> CredentialView:
    """Extend a stay: a new credential supersedes the old one, which is revoked; the policy caps how often."""
    old = repo.lock_credential(session, credential_id)
    if old is None:
        raise NotFound("credential.not_found", credential_id=credential_id)
    kind = CredentialType(old.type)
    rules = _policy(kind, at.date())
    if rules.extensions is None or rules.extension_days is None:
        raise Conflict("extension.no_rule", label=kind.label)
    if rules.extensions == 0:
        raise Conflict("extension.not_extendable", label=kind.label)
    limit: dict[str, Any] = {"label": kind.label, "times": rules.extensions, "days": rules.extension_days}
    once = rules.extensions == 1
    successor = repo.successor_of(session, old.id)
    if successor is not None:
        raise Conflict(
            "extension.superseded_once" if once else "extension.superseded", id=successor.id, **limit
        )
    revoked = repo.revocation_of(session, old.id)
    if revoked is not None:
        raise Conflict("extension.revoked", reason=revoked.reason)
    if _extensions_before(session, old) >= rules.extensions:
        raise Conflict("extension.already_once" if once else "extension.already", **limit)
    stay, until = old.stay_days, as_utc(old.valid_until)
    if stay is None:  # a permit's stay lasts until it expires, so the expiry moves instead
        until += timedelta(days=rules.extension_days)
    else:
        stay += rules.extension_days
    application = repo.get_application(session, old.application_id)
    assert application is not None  # a foreign key guarantees it
    issued = issue(
        signer,
        type=kind,
        holder=holder_of(application),
        issued_at=at,
        valid_from=as_utc(old.valid_from),
        valid_until=until,
        stay_days=stay,
        entries=UNLIMITED if old.entries is None else old.entries,
    )
    new = _store(session, issued, application, by=officer.audit_name, extended_from=old.id)
    _revoke(session, old, SUPERSEDED, by=officer.audit_name, signer=signer, at=at)
    audit.record(
        session,
        actor=officer.audit_name,
        action="visa.extend",
        record_type="visa_credential",
        record_id=str(new.id),
        details={"extended_from": str(old.id), "stay_days": stay},
        at=at,
    )
    return credential_view(new, application, None, None)


def revoke(
    session: Session,
    *,
    credential_id: uuid.UUID,
    officer: Principal,
    reason: str,
    signer: Signer,
    at: datetime,
) -> CredentialView:
    """Revoke a credential and publish a new signed revocation list to the edges."""
    reason = _reason(reason)
    credential = repo.lock_credential(session, credential_id)
    if credential is None:
        raise NotFound("credential.not_found", credential_id=credential_id)
    existing = repo.revocation_of(session, credential.id)
    if existing is not None:
        raise Conflict("credential.already_revoked", reason=existing.reason)
    revocation, version = _revoke(session, credential, reason, by=officer.audit_name, signer=signer, at=at)
    audit.record(
        session,
        actor=officer.audit_name,
        action="visa.revoke",
        record_type="visa_credential",
        record_id=str(credential.id),
        details={"revocation_list_version": version},
        at=at,
    )
    application = repo.get_application(session, credential.application_id)
    assert application is not None
    return credential_view(credential, application, revocation, repo.successor_of(session, credential.id))


def get_application(session: Session, *, application_id: uuid.UUID, principal: Principal) -> ApplicationView:
    """One application: its applicant or a visa officer may see it; to anyone else it does not exist."""
    row = repo.get_application(session, application_id)
    if row is None or not (is_officer(principal) or row.applicant_id == principal.id):
        raise NotFound("visa.application_not_found", application_id=application_id)
    credentials = repo.credentials_of(session, row.id)
    newest = max(credentials, key=lambda c: as_utc(c.issued_at)).id if credentials else None
    return application_view(row, repo.decision_for(session, row.id), newest, officer=is_officer(principal))


def list_applications(
    session: Session, *, principal: Principal, status: str | None, before: uuid.UUID | None, limit: int
) -> list[ApplicationView]:
    """Newest first: an applicant sees their own, a visa officer sees everyone's."""
    officer = is_officer(principal)
    rows = repo.list_applications(
        session, applicant_id=None if officer else principal.id, status=status, before=before, limit=limit
    )
    return [get_application(session, application_id=row.id, principal=principal) for row, _ in rows]


def get_credential(session: Session, *, credential_id: uuid.UUID, principal: Principal) -> CredentialView:
    """A credential with its revocation and successor; only its applicant or a visa officer may see it."""
    credential = repo.get_credential(session, credential_id)
    application = None if credential is None else repo.get_application(session, credential.application_id)
    if (
        credential is None
        or application is None
        or not (is_officer(principal) or application.applicant_id == principal.id)
    ):
        raise NotFound("credential.not_found", credential_id=credential_id)
    return credential_view(
        credential,
        application,
        repo.revocation_of(session, credential.id),
        repo.successor_of(session, credential.id),
    )


# The empty list, signed once per key: re-signed at every snapshot build, its new time would change
# the snapshot's content and make every checkpoint download the whole watchlist again.
_EMPTY_LISTS: dict[str, str] = {}


def revocation_list(session: Session, *, signer: Signer, at: datetime) -> tuple[int, str]:
    """The newest signed revocation list (version, text); an empty version 0 until anything is revoked."""
    latest = repo.latest_revocation_list(session)
    if latest is not None:
        return latest.version, latest.text
    if signer.key_id not in _EMPTY_LISTS:
        _EMPTY_LISTS[signer.key_id] = sign_revocation_list(signer, empty_revocation_list(issued_at=at))
    return 0, _EMPTY_LISTS[signer.key_id]


def _policy(kind: CredentialType, on: date) -> VisaPolicy:
    try:
        return policy_for(kind, on)
    except NotFound as exc:
        raise InvalidInput(exc.reason, field="type", **exc.params) from exc


def _holder(name: str, passport_number: str, nationality: str, birth_date: date, *, on: date) -> Holder:
    code = nationality.strip().upper()
    if not is_known_code(code.rstrip("<")):
        raise InvalidInput("visa.bad_nationality", field="nationality", nationality=nationality)
    if birth_date > on:
        raise InvalidInput("visa.birth_in_future", field="birth_date")
    if birth_date < date(on.year - 130, 1, 1):
        raise InvalidInput("visa.birth_too_old", field="birth_date")
    try:
        return Holder(name, passport_number, code.rstrip("<").ljust(3, "<"), birth_date)
    except InvalidInput as exc:
        field = _HOLDER_FIELDS.get(exc.field or "", exc.field)
        raise InvalidInput(exc.reason, field=field, **exc.params) from exc


def _reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if len(reason) < 3:
        raise InvalidInput("visa.reason_too_short", field="reason")
    return reason


def _screen(
    session: Session, watchlist: CenterIndex, row: VisaApplicationRow, *, at: datetime
) -> dict[str, Any]:
    version, index = watchlist.current(session, at=at)
    query = ScreeningQuery(
        id=str(row.id),
        name=row.holder_name,
        birth_date=row.birth_date,
        nationality=policy_code(row.nationality),
        document_number=row.passport_number,
    )
    hits = [hit for hit in index.screen(query, on=at.date()) if hit.match]
    return {
        "version": version,
        "hits": [
            {"entry_id": h.entry_id, "list_kind": h.list_kind, "score": round(h.score, 3)} for h in hits
        ],
    }


def _refuse_if_banned(
    session: Session, row: VisaApplicationRow, screening: dict[str, Any], *, at: datetime
) -> VisaDecisionRow | None:
    if not any(hit["list_kind"] == "entry-ban" for hit in screening["hits"]):
        return None
    decision = _decide(session, row, "refused", ENTRY_BAN_REASON, screening, by=SCREENING_ACTOR, at=at)
    audit.record(
        session,
        actor=SCREENING_ACTOR,
        action="visa.refuse",
        record_type="visa_application",
        record_id=str(row.id),
        details={"automatic": True},
        at=at,
    )
    return decision


def _undecided(session: Session, application_id: uuid.UUID) -> VisaApplicationRow:
    row = repo.lock_application(session, application_id)
    if row is None:
        raise NotFound("visa.application_not_found", application_id=application_id)
    decided = repo.decision_for(session, row.id)
    if decided is not None:
        raise Conflict(
            "visa.already_decided", decision=decided.decision, decided_at=as_utc(decided.decided_at)
        )
    return row


def _decide(
    session: Session,
    row: VisaApplicationRow,
    decision: str,
    reason: str | None,
    screening: dict[str, Any],
    *,
    by: str,
    at: datetime,
) -> VisaDecisionRow:
    decided = VisaDecisionRow(
        id=new_id(at),
        application_id=row.id,
        decision=decision,
        reason=reason,
        screening=screening,
        decided_by=by,
        decided_at=at,
    )
    repo.add(session, decided)
    return decided


def _store(
    session: Session, issued: Issued, row: VisaApplicationRow, *, by: str, extended_from: uuid.UUID | None
) -> VisaCredentialRow:
    c = issued.credential
    credential = VisaCredentialRow(
        id=c.credential_id,
        application_id=row.id,
        type=c.type.value,
        passport_number=c.holder.passport_number,
        nationality=c.holder.nationality,
        valid_from=c.valid_from,
        valid_until=c.valid_until,
        stay_days=c.stay_days,
        entries=None if c.entries is UNLIMITED else c.entries,
        text=issued.text,
        issued_at=c.issued_at,
        issued_by=by,
        extended_from=extended_from,
    )
    repo.add(session, credential)
    return credential


def _extensions_before(session: Session, credential: VisaCredentialRow) -> int:
    count, current = 0, credential
    while current.extended_from is not None:
        previous = repo.get_credential(session, current.extended_from)
        if previous is None:
            break
        count, current = count + 1, previous
    return count


def _revoke(
    session: Session, credential: VisaCredentialRow, reason: str, *, by: str, signer: Signer, at: datetime
) -> tuple[VisaRevocationRow, int]:
    # Raising the reference version first takes its row lock, so concurrent revocations queue here.
    bump_version(session, reason="visa revocation list changed", at=at)
    revocation = VisaRevocationRow(credential_id=credential.id, revoked_at=at, reason=reason, revoked_by=by)
    repo.add(session, revocation)
    latest = repo.latest_revocation_list(session)
    signed = RevocationList(
        version=(latest.version if latest else 0) + 1,
        issued_at=at,
        revocations=tuple(
            Revocation(r.credential_id, as_utc(r.revoked_at), r.reason) for r in repo.all_revocations(session)
        ),
    )
    text = sign_revocation_list(signer, signed)
    repo.add(session, VisaRevocationListRow(version=signed.version, issued_at=signed.issued_at, text=text))
    return revocation, signed.version
