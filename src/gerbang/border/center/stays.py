"""Center only: each foreign passport's newest crossing from any checkpoint, and who is in the country now."""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from gerbang.border.domain import CITIZEN_NATIONALITY, policy_code, stay_end, stay_lookup_key
from gerbang.border.orm import ForeignerStayRow
from gerbang.border.schemas import CrossingRecord
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import MalformedInput
from gerbang.kernel.signed import b64url_decode, b64url_encode, format_time
from gerbang.sync.center.versions import STAYS_STREAM, bump_version
from gerbang.sync.domain import UploadRecord
from gerbang.visas.center.orm import VisaCredentialRow, VisaRevocationRow
from gerbang.visas.domain.credential import normalise_passport_number

KEY_SECTION = "stays_key"
SECRET_FILE = "lookup-key"  # noqa: S105 - a file name, not a secret
_UPDATED = ("crossing_id", "direction", "site", "recorded_at", "permitted_until", "updated_at")


def track_stays(session: Session, _node: str, records: Sequence[UploadRecord], at: datetime) -> int:
    """An ingest reviewer: a foreigner's newer crossing replaces what the center knew; raises no alerts.

    An entry begins a stay and an exit ends it; a refused crossing changes nothing (the traveller
    did not pass). Only a crossing newer than the one held replaces it, whatever order batches come in.
    """
    newest: dict[tuple[str, str], dict[str, Any]] = {}
    for record in records:
        crossing = CrossingRecord.model_validate(record.payload)
        nationality = policy_code(crossing.nationality)
        if nationality == CITIZEN_NATIONALITY or crossing.decision == "refuse":
            continue
        number = normalise_passport_number(crossing.document_number)
        row = {
            "nationality": nationality,
            "document_number": number,
            "crossing_id": crossing.id,
            "direction": crossing.direction,
            "site": crossing.site,
            "recorded_at": as_utc(crossing.recorded_at),
            "updated_at": at,
            "permitted_until": crossing.permitted_until if crossing.direction == "entry" else None,
        }
        held = newest.get((nationality, number))
        if held is None or _order(row) > _order(held):
            newest[(nationality, number)] = row
    if newest and _replace_older(session, list(newest.values())):
        bump_version(session, reason="foreigners' stays changed", at=at, stream=STAYS_STREAM)
    return 0


def _order(row: dict[str, Any]) -> tuple[datetime, str]:
    return row["recorded_at"], str(row["crossing_id"])


def _replace_older(session: Session, rows: list[dict[str, Any]]) -> int:
    table = ForeignerStayRow.__table__
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    insert = dialect.insert(table)
    held, new = table.c, insert.excluded
    # One statement decides "newer" inside the database, so two edges' batches racing stay correct.
    statement = insert.on_conflict_do_update(
        index_elements=["nationality", "document_number"],
        set_={name: new[name] for name in _UPDATED},
        where=or_(
            held.recorded_at < new.recorded_at,
            and_(held.recorded_at == new.recorded_at, held.crossing_id < new.crossing_id),
        ),
    ).returning(held.nationality)
    return len(session.execute(statement, rows).all())


def stays_provider(secret: bytes) -> Callable[[Session, datetime], dict[str, Any]]:
    """Build the stays document: each stay under a keyed hash of its passport, sorted by that hash."""
    key_id = secret_key_id(secret)

    def build(session: Session, at: datetime) -> dict[str, Any]:
        rows = session.execute(
            select(ForeignerStayRow).where(
                ForeignerStayRow.direction == "entry", ForeignerStayRow.permitted_until.is_not(None)
            )
        ).scalars()
        extended = _extensions(session, at)
        stays = []
        for row in rows:
            entered = as_utc(row.recorded_at)
            assert row.permitted_until is not None  # filtered in the query
            until = max(row.permitted_until, _extended_until(extended, row, entered))
            key = stay_lookup_key(secret, nationality=row.nationality, document_number=row.document_number)
            stays.append(
                {
                    "key": key,
                    "crossing_id": str(row.crossing_id),
                    "site": row.site,
                    "entered_at": format_time(entered),
                    "permitted_until": until.isoformat(),
                }
            )
        stays.sort(key=lambda stay: str(stay["key"]))
        return {"key_id": key_id, "stays": stays}

    return build


def _extensions(session: Session, at: datetime) -> dict[tuple[str, str], list[VisaCredentialRow]]:
    # Credentials that lengthen a stay without a crossing: a stay permit (no stay length: it lasts
    # until it expires) and an extended visit visa (a longer stay counted from the entry).
    rows = session.execute(
        select(VisaCredentialRow)
        .join(
            ForeignerStayRow,
            and_(
                ForeignerStayRow.nationality == VisaCredentialRow.nationality,
                ForeignerStayRow.document_number == VisaCredentialRow.passport_number,
            ),
        )
        .outerjoin(VisaRevocationRow, VisaRevocationRow.credential_id == VisaCredentialRow.id)
        .where(ForeignerStayRow.direction == "entry", VisaRevocationRow.credential_id.is_(None))
        .where(VisaCredentialRow.valid_from <= at)
        .where(or_(VisaCredentialRow.stay_days.is_(None), VisaCredentialRow.extended_from.is_not(None)))
    ).scalars()
    found: dict[tuple[str, str], list[VisaCredentialRow]] = {}
    for row in rows:
        found.setdefault((row.nationality, row.passport_number), []).append(row)
    return found


def _extended_until(
    extended: dict[tuple[str, str], list[VisaCredentialRow]], stay: ForeignerStayRow, entered: datetime
) -> date:
    until = date.min
    for credential in extended.get((stay.nationality, stay.document_number), []):
        if credential.stay_days is None:
            until = max(until, as_utc(credential.valid_until).date())
        elif as_utc(credential.issued_at) >= entered:  # an extension granted during this stay
            until = max(until, stay_end(entered.date(), credential.stay_days))
    return until


def stays_key_section(secret: bytes) -> Callable[[Session, datetime], tuple[str, Any]]:
    """The snapshot section that lets a checkpoint derive the lookup keys of the stays document."""
    content = {"key_id": secret_key_id(secret), "secret": b64url_encode(secret)}
    return lambda _session, _at: (KEY_SECTION, content)


def secret_key_id(secret: bytes) -> str:
    """A short public name for the lookup secret, so a checkpoint can tell which one a list was made with."""
    return hashlib.sha256(b"gerbang-stays-key-id:" + secret).hexdigest()[:16]


def load_or_create_secret(directory: Path) -> bytes:
    """The center's stays lookup secret, made on first start and readable by the center's owner only."""
    path = directory / SECRET_FILE
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process of this center made it a moment ago
            pass
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(b64url_encode(secrets.token_bytes(32)) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
    try:
        secret = b64url_decode(path.read_text().strip())
    except MalformedInput:
        raise MalformedInput("stays.secret_missing", field="data_dir", path=path) from None
    if len(secret) < 16:
        raise MalformedInput("stays.secret_short", field="data_dir", path=path)
    return secret
