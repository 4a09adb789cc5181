"""Checkpoint use cases: decide and record a crossing, override it, read it, and report the node's health."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from gerbang.border.domain import (
    Decision,
    Direction,
    LaneKind,
    Outcome,
    Reason,
    ReasonCode,
    Traveller,
    WatchlistHit,
    consistent_with,
    decide,
    override,
)
from gerbang.border.orm import CrossingOverrideRow, CrossingRow
from gerbang.border.reference_view import ReferenceHolder, ReferenceView
from gerbang.border.schemas import CrossingCreate, CrossingRead, CrossingRecord, OverrideRead, ReasonRead
from gerbang.border.stay_lookup import current_stay_of
from gerbang.documents import parse_zone
from gerbang.infra import audit
from gerbang.infra.accounts import Principal
from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.infra.group_commit import GroupCommit
from gerbang.kernel.clock import Clock, as_utc
from gerbang.kernel.errors import InvalidInput, NotFound
from gerbang.kernel.signed import KeySet
from gerbang.screening import ScreeningQuery
from gerbang.sync.domain import ReferenceAge
from gerbang.sync.edge.health import Wording, edge_health, stays_health
from gerbang.sync.edge.reference_store import ReferenceStore
from gerbang.sync.edge.stays import StaysStore
from gerbang.sync.edge.uploader import Contact
from gerbang.sync.orm import OutboxRow
from gerbang.visas.domain.credential import Verification
from gerbang.visas.domain.verify import verify_credential

CHECKPOINT_WORDING = Wording(
    no_data="checkpoint.no_data", stale="checkpoint.data_stale", offline="checkpoint.offline"
)
PACKAGED_POLICY = (
    "no signed entry policy from the center yet: deciding on the policy packaged with this release, "
    "which may be out of date"
)
STAYS_KEY_MISSING = (
    "the foreigners' stays list was made with a lookup key this checkpoint does not hold: overstay is "
    "checked against this checkpoint's own entries only until the next snapshot"
)


@dataclass
class Checkpoint:
    """The running checkpoint: who and where it is, its lanes, its store and the data it decides with."""

    node: str
    site: str
    lanes: Mapping[str, LaneKind]
    timezone: ZoneInfo
    database: Database
    clock: Clock
    reference: ReferenceHolder
    contact: Contact
    # The center's list of foreigners in the country, for overstay on exit (None: own entries only).
    stays: StaysStore | None = None
    # The kept snapshot the view was built from: it knows when the center last confirmed it current.
    snapshots: ReferenceStore | None = None
    max_reference_age: timedelta = timedelta(hours=6)
    # Without an answer from the center for this long, decisions are marked as taken offline.
    offline_after: timedelta = timedelta(minutes=2)
    # Crossings decided at once share a commit (measured in bench/checkpoint_bench.py); off: each its own.
    group_commit: bool = True
    writes: GroupCommit | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.writes = GroupCommit(self.database) if self.group_commit else None

    def is_offline(self, now: datetime) -> bool:
        last = self.contact.last_success
        return self.contact.failing or last is None or now - last > self.offline_after

    def reference_age(self, now: datetime) -> ReferenceAge | None:
        """The age of the data decided with; stale once the center has not confirmed it for too long."""
        view, store = self.reference.view, self.snapshots
        held = store.current if store else None
        # A confirmation vouches for the snapshot held; it says nothing of a view built from another.
        checked = store.checked_at if store and held and held.version == view.version else None
        return view.age(now=now, max_age=self.max_reference_age, checked_at=checked)


_CROSSINGS, _OUTBOX = cast(Table, CrossingRow.__table__), cast(Table, OutboxRow.__table__)
_INSERT_CROSSING, _INSERT_OUTBOX = insert(_CROSSINGS), insert(_OUTBOX)


def record_crossing(checkpoint: Checkpoint, *, request: CrossingCreate, officer: Principal) -> CrossingRead:
    """Decide on local data only and record the crossing with its outbox row in one transaction."""
    lane_kind = checkpoint.lanes.get(request.lane)
    if lane_kind is None:
        known = ", ".join(sorted(checkpoint.lanes))
        raise InvalidInput("lane.unknown", field="lane", lane=request.lane, known=known)
    now = checkpoint.clock.now()
    local_now = now.astimezone(checkpoint.timezone)
    traveller = Traveller.from_zone(parse_zone(request.mrz), today=local_now.date())
    view = checkpoint.reference.view
    age = checkpoint.reference_age(now)
    offline = checkpoint.is_offline(now) or age is None or age.stale
    # Screening reads only the view in memory: done before the write, so no lane waits on it.
    hits = _screen(view, traveller, local_now)

    def write(session: Session) -> tuple[CrossingRow, Decision]:
        credential = _verify(request.credential, session, view, traveller, now)
        stay = (
            current_stay_of(session, traveller, view, checkpoint.stays)
            if request.direction == "exit"
            else None
        )
        decision = decide(
            traveller=traveller, direction=Direction(request.direction), lane_kind=lane_kind, at=local_now,
            policy=view.policy, credential=credential, hits=hits,
            stay=stay, biometric_match=request.biometric_match, voa_paid_at_counter=request.voa_paid,
        )  # fmt: skip
        row = _crossing_row(checkpoint, request, traveller, decision, credential, view, offline, officer, now)
        record = _record(row)
        # The crossing and its outbox row (as outbox.enqueue writes it) as plain statements, like the
        # audit entry after them: one round of statements, no unit of work to flush at the commit.
        connection = session.connection()
        connection.execute(_INSERT_CROSSING, {c.key: getattr(row, c.key) for c in _CROSSINGS.columns})
        connection.execute(
            _INSERT_OUTBOX,
            {
                "record_type": "crossing",
                "record_id": row.id,
                "payload": record.model_dump(mode="json"),
                "created_at": now,
                "sent_at": None,
            },
        )
        audit.record(
            session, actor=officer.audit_name, action="crossing.decide", record_type="crossing",
            record_id=str(row.id), details={"decision": row.decision, "lane": row.lane}, at=now,
        )  # fmt: skip
        return row, decision

    if checkpoint.writes is None:
        with checkpoint.database.transaction() as session:
            row, decision = write(session)
    else:
        # Lanes deciding at the same moment share one transaction and one fsync; each is answered
        # only once its crossing is on disk (infra/group_commit.py).
        row, decision = checkpoint.writes.run(write)
    return _answer(row, decision, None)


def override_crossing(
    checkpoint: Checkpoint, *, crossing_id: uuid.UUID, outcome: str, reason: str, officer: Principal
) -> CrossingRead:
    """Change a decision with a reason; the original stays recorded and the override is audited."""
    now = checkpoint.clock.now()
    with checkpoint.database.transaction() as session:
        row = _get(session, crossing_id)
        changed = override(
            _decision_of(row), outcome=Outcome(outcome), reason=reason, officer=officer.audit_name, at=now
        )
        entry = CrossingOverrideRow(
            id=new_id(now), crossing_id=row.id, decision=changed.outcome.value, reason=changed.reason,
            officer=officer.audit_name, recorded_at=now,
        )  # fmt: skip
        session.add(entry)
        audit.record(
            session, actor=officer.audit_name, action="crossing.override", record_type="crossing",
            record_id=str(row.id), details={"from": row.decision, "to": entry.decision}, at=now,
        )  # fmt: skip
        return _answer(row, None, entry)


def read_crossing(checkpoint: Checkpoint, *, crossing_id: uuid.UUID) -> CrossingRead:
    """A recorded crossing with its latest override, if any."""
    with checkpoint.database.transaction() as session:
        row = _get(session, crossing_id)
        latest = session.execute(
            select(CrossingOverrideRow)
            .where(CrossingOverrideRow.crossing_id == row.id)
            .order_by(CrossingOverrideRow.recorded_at.desc())
            .limit(1)
        ).scalar_one_or_none()
        return _answer(row, None, latest)


def health(checkpoint: Checkpoint) -> dict[str, Any]:
    """Whether the center answers, what waits to be uploaded, and how old the reference data is."""
    now = checkpoint.clock.now()
    view = checkpoint.reference.view
    report = edge_health(
        node=checkpoint.node, site=checkpoint.site, database=checkpoint.database, contact=checkpoint.contact,
        offline=checkpoint.is_offline(now), version=view.version, issued_at=view.issued_at,
        age=checkpoint.reference_age(now), wording=CHECKPOINT_WORDING,
    )  # fmt: skip
    stays, stays_warnings = stays_health(checkpoint.stays, now=now, max_age=checkpoint.max_reference_age)
    document = checkpoint.stays.current if checkpoint.stays else None
    if document is not None and (view.stays_key is None or view.stays_key.key_id != document.key_id):
        stays_warnings.append(STAYS_KEY_MISSING)
    policy_warnings = [] if view.policy_from_center else [PACKAGED_POLICY]
    return (
        report
        | stays
        | {
            "watchlist_entries": len(view.index),
            "entry_policy": "center" if view.policy_from_center else "packaged",
            "warnings": report["warnings"] + policy_warnings + stays_warnings,
        }
    )


def _screen(view: ReferenceView, traveller: Traveller, local_now: datetime) -> list[WatchlistHit]:
    query = ScreeningQuery(
        id=traveller.document_number, name=f"{traveller.given_names} {traveller.surname}".strip(),
        birth_date=traveller.birth_date, nationality=traveller.nationality,
        document_number=traveller.document_number,
    )  # fmt: skip
    hits = view.index.screen(query, on=local_now.date())
    return [WatchlistHit(h.entry_id, h.list_kind, h.score) for h in hits if h.match]


def _verify(
    text: str | None, session: Session, view: ReferenceView, traveller: Traveller, now: datetime
) -> Verification | None:
    if not text:
        return None
    used = 0
    first = verify_credential(
        text, keys=view.visa_keys or KeySet(), revocations=view.revocations, at=now,
        passport_number=traveller.document_number,
    )  # fmt: skip
    if first.credential is not None:
        # Entries are counted from this checkpoint's own records of entries on this credential.
        credential_id = str(first.credential.credential_id)
        used = session.execute(
            select(func.count()).where(
                CrossingRow.credential_id == credential_id, CrossingRow.direction == "entry"
            )
        ).scalar_one()
    if not used:
        return first
    return verify_credential(
        text, keys=view.visa_keys or KeySet(), revocations=view.revocations, at=now,
        passport_number=traveller.document_number, entries_used=used,
    )  # fmt: skip


def _crossing_row(
    checkpoint: Checkpoint, request: CrossingCreate, traveller: Traveller, decision: Decision,
    credential: Verification | None, view: ReferenceView, offline: bool, officer: Principal, now: datetime,
) -> CrossingRow:  # fmt: skip
    credential_id = credential.credential.credential_id if credential and credential.credential else None
    return CrossingRow(
        id=new_id(now), node=checkpoint.node, site=checkpoint.site, lane=request.lane,
        direction=request.direction, document_number=traveller.document_number,
        nationality=traveller.nationality, surname=traveller.surname, given_names=traveller.given_names,
        birth_date=traveller.birth_date, flight=request.flight,
        credential_id=str(credential_id) if credential_id else None, decision=decision.outcome.value,
        reasons={"reasons": [_stored(r) for r in decision.reasons]},
        permitted_until=decision.permitted_until, offline=offline, reference_version=view.version,
        officer=officer.audit_name, recorded_at=now, received_at=None,
    )  # fmt: skip


def _stored(reason: Reason) -> dict[str, Any]:
    """A reason as kept and uploaded: its code and English, and the catalogue's key with its details."""
    kept: dict[str, Any] = {"code": reason.code.value, "message": reason.message}
    if reason.key:
        kept |= {"key": reason.key, "details": dict(reason.details)}
    return kept


def _reason(kept: dict[str, Any], outcome: Outcome) -> Reason:
    details = tuple((str(k), v) for k, v in dict(kept.get("details") or {}).items())
    return Reason(ReasonCode(kept["code"]), kept["message"], outcome, str(kept.get("key") or ""), details)


def _record(row: CrossingRow) -> CrossingRecord:
    values = {c.key: getattr(row, c.key) for c in CrossingRow.__table__.columns if c.key != "received_at"}
    values["reasons"] = row.reasons["reasons"]
    return CrossingRecord.model_validate(values)


def _decision_of(row: CrossingRow) -> Decision:
    reasons = tuple(_reason(r, Outcome(row.decision)) for r in row.reasons["reasons"])
    return Decision(
        outcome=Outcome(row.decision), reasons=reasons, direction=Direction(row.direction),
        lane_kind=LaneKind.COUNTER, at=as_utc(row.recorded_at), citizen=row.nationality == "IDN",
        nationality=row.nationality, document_number=row.document_number,
    )  # fmt: skip


def _get(session: Session, crossing_id: uuid.UUID) -> CrossingRow:
    row = session.get(CrossingRow, crossing_id)
    if row is None:
        raise NotFound("crossing.not_found", crossing_id=crossing_id)
    return row


def _answer(row: CrossingRow, decision: Decision | None, latest: CrossingOverrideRow | None) -> CrossingRead:
    overstay = decision.overstay.fine_idr if decision and decision.overstay else None
    # The lane acts on an override: the reasons shown beside it must not contradict it.
    acted_on = Outcome(latest.decision) if latest else Outcome(row.decision)
    kept = [_reason(r, acted_on) for r in row.reasons["reasons"]]
    reasons = [ReasonRead(**_stored(r)) for r in consistent_with(acted_on, kept)]
    return CrossingRead(
        id=row.id, decision=row.decision,
        reasons=reasons, offline=row.offline,
        reference_version=row.reference_version, recorded_at=as_utc(row.recorded_at),
        permitted_until=row.permitted_until, overstay_fine=overstay,
        override=OverrideRead(
            decision=latest.decision, reason=latest.reason, officer=latest.officer,
            recorded_at=as_utc(latest.recorded_at),
        ) if latest else None,
    )  # fmt: skip
