"""Notices to applicants: rendered in Indonesian and English, kept in an inbox, and queued for email."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from sqlalchemy import select
from sqlalchemy.orm import Session

from gerbang.infra.clock import new_id
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import InvalidInput, NotFound
from gerbang.passports.center import repository as repo
from gerbang.passports.center.clock.orm import ContactRow, EmailOutboxRow, NoticeRow
from gerbang.passports.center.orm import ApplicationRow

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
KINDS = (
    "submitted",
    "payment_received",
    "rescheduled",
    "surcharge_refunded",
    "due_extended",
    "slot_offered",
    "pickup_reminder",
    "pickup_cancelled",
    "payment_unmatched",
)

# Plain-text mail and inbox bodies: nothing here is HTML, so there is nothing to escape.
_templates = Environment(  # noqa: S701
    loader=PackageLoader("gerbang.passports", "templates/notices"),
    undefined=StrictUndefined,
    keep_trailing_newline=False,
)


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


@dataclass(frozen=True)
class NoticeView:
    id: uuid.UUID
    application_id: uuid.UUID | None
    kind: str
    language: str
    subject: str
    body: str
    subject_id: str
    body_id: str
    subject_en: str
    body_en: str
    created_at: datetime
    read_at: datetime | None


@dataclass(frozen=True)
class ContactView:
    email: str | None
    language: str


def render(kind: str, language: str, params: dict[str, Any]) -> Rendered:
    """One notice in one language: the template's first line is the subject, the rest the body."""
    text = _templates.get_template(f"{kind}.{language}.txt").render(**params).strip()
    subject, _, body = text.partition("\n")
    return Rendered(subject.strip()[:200], body.strip())


def rupiah(amount: int, language: str) -> str:
    grouped = f"{amount:,}"
    return grouped.replace(",", ".") if language == "id" else grouped


def notify(
    session: Session,
    *,
    application: ApplicationRow,
    kind: str,
    key: str,
    params: dict[str, Any],
    at: datetime,
) -> NoticeRow | None:
    """Put a notice in the applicant's inbox and queue its email, once per key (None if it already exists)."""
    return notify_account(
        session,
        account_id=application.account_id,
        application_id=application.id,
        kind=kind,
        key=f"{application.id}:{key}",
        params={"ref": str(application.id)} | params,
        at=at,
    )


def notify_account(
    session: Session,
    *,
    account_id: uuid.UUID,
    application_id: uuid.UUID | None,
    kind: str,
    key: str,
    params: dict[str, Any],
    at: datetime,
) -> NoticeRow | None:
    """A notice to an account, about one of its applications or none, once per key (None if it exists)."""
    if session.execute(select(NoticeRow.id).where(NoticeRow.key == key)).first() is not None:
        return None
    texts = {lang: render(kind, lang, params) for lang in LANGUAGES}
    notice = NoticeRow(
        id=new_id(at),
        account_id=account_id,
        application_id=application_id,
        key=key,
        kind=kind,
        subject_id=texts["id"].subject,
        body_id=texts["id"].body,
        subject_en=texts["en"].subject,
        body_en=texts["en"].body,
        created_at=at,
        read_at=None,
    )
    repo.add(session, notice)
    contact = session.get(ContactRow, account_id)
    if contact is not None and contact.email:
        repo.add(
            session,
            EmailOutboxRow(
                id=new_id(at),
                notice_id=notice.id,
                address=contact.email,
                language=contact.language,
                attempts=0,
                next_attempt_at=at,
                sent_at=None,
                last_error=None,
            ),
        )
    return notice


def inbox(
    session: Session, *, account_id: uuid.UUID, unread_only: bool, limit: int, language: str | None
) -> list[NoticeView]:
    """The account's own notices, newest first, in its language (both are always included)."""
    query = select(NoticeRow).where(NoticeRow.account_id == account_id)
    if unread_only:
        query = query.where(NoticeRow.read_at.is_(None))
    rows = session.execute(query.order_by(NoticeRow.id.desc()).limit(limit)).scalars()
    lang = language or contact(session, account_id=account_id).language
    return [_view(row, lang) for row in rows]


def mark_read(session: Session, *, account_id: uuid.UUID, notice_id: uuid.UUID, at: datetime) -> NoticeView:
    """Mark one of the account's own notices read; another account's notice does not exist for it."""
    row = session.get(NoticeRow, notice_id)
    if row is None or row.account_id != account_id:
        raise NotFound("notice.not_found", notice_id=notice_id)
    if row.read_at is None:
        row.read_at = at
        session.flush()
    return _view(row, contact(session, account_id=account_id).language)


def contact(session: Session, *, account_id: uuid.UUID) -> ContactView:
    row = session.get(ContactRow, account_id)
    return ContactView(row.email, row.language) if row else ContactView(None, DEFAULT_LANGUAGE)


def set_contact(
    session: Session, *, account_id: uuid.UUID, email: str | None, language: str, at: datetime
) -> ContactView:
    """Set where notices are mailed and in which language they come first."""
    if language not in LANGUAGES:
        raise InvalidInput("notice.bad_language", field="language")
    if email is not None:
        email = email.strip()
        local, _, domain = email.partition("@")
        if not local or "." not in domain or any(c.isspace() for c in email) or len(email) > 254:
            raise InvalidInput("notice.bad_email", field="email")
    row = session.get(ContactRow, account_id)
    if row is None:
        row = ContactRow(account_id=account_id, email=email, language=language, updated_at=at)
        session.add(row)
    else:
        row.email, row.language, row.updated_at = email, language, at
    session.flush()
    return ContactView(email, language)


def _view(row: NoticeRow, language: str) -> NoticeView:
    english = language == "en"
    return NoticeView(
        id=row.id,
        application_id=row.application_id,
        kind=row.kind,
        language=language,
        subject=row.subject_en if english else row.subject_id,
        body=row.body_en if english else row.body_id,
        subject_id=row.subject_id,
        body_id=row.body_id,
        subject_en=row.subject_en,
        body_en=row.body_en,
        created_at=as_utc(row.created_at),
        read_at=as_utc(row.read_at) if row.read_at else None,
    )
