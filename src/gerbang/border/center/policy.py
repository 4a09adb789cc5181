"""Center only: the entry policy as versioned data, and the snapshot section carrying it to checkpoints."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gerbang.border.domain import BorderPolicy
from gerbang.border.orm import BorderPolicyRow
from gerbang.border.packaged_policy import packaged_policy_document
from gerbang.infra import audit
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import InvalidInput
from gerbang.sync.center.versions import bump_version

SECTION = "border_policy"


def current_policy_document(session: Session) -> dict[str, Any]:
    """The policy in force: the newest one imported, or the one packaged with Gerbang before any import."""
    return policy_in_force(session).document


def replace_border_policy(
    session: Session, document: Mapping[str, Any], *, reason: str, actor: str, at: datetime
) -> int:
    """Put `document` in force for every checkpoint: checked first, kept beside the older versions,
    audited, and published with the next reference version, which is returned.
    """
    policy = BorderPolicy.from_json(dict(document))  # raises MalformedInput naming what is wrong
    missing = policy.missing_on(at.date())
    if missing:
        # Checkpoints would have no rule to decide with: refused here rather than failing at the lanes.
        raise InvalidInput("entry_policy.row_missing", at=at.date(), missing=", ".join(missing))
    if not reason.strip():
        raise InvalidInput("entry_policy.say_why", field="reason")
    row = BorderPolicyRow(document=dict(document), reason=reason[:500], imported_by=actor, imported_at=at)
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="border_policy.replace",
        record_type="border_policy",
        record_id=str(row.id),
        details={"reason": reason[:200]},
        at=at,
    )
    return bump_version(session, reason=f"entry policy replaced: {reason}", at=at)


@dataclass(frozen=True)
class PolicyInForce:
    """The entry policy the center publishes, its version (0: the packaged one) and who put it in force."""

    version: int
    document: dict[str, Any]
    imported_at: datetime | None = None
    imported_by: str | None = None
    reason: str | None = None


def policy_in_force(session: Session) -> PolicyInForce:
    """The newest imported policy with its version (how many have been imported), or the packaged one."""
    row = session.execute(
        select(BorderPolicyRow).order_by(BorderPolicyRow.id.desc()).limit(1)
    ).scalar_one_or_none()
    if row is None:
        return PolicyInForce(0, packaged_policy_document())
    # Counted rather than taken from the id, which a rolled-back import may have skipped.
    version = session.execute(select(func.count()).select_from(BorderPolicyRow)).scalar_one()
    return PolicyInForce(version, dict(row.document), as_utc(row.imported_at), row.imported_by, row.reason)


def policy_section(session: Session, _at: datetime) -> tuple[str, Any]:
    """The snapshot section: the policy document in force, in the packaged policy's JSON format."""
    return SECTION, current_policy_document(session)
