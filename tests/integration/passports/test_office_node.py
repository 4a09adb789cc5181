"""The passport office node against a real center: its snapshot section, offline records, ingest once."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from gerbang.apps.edge import create_app as create_edge_app
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import KEY_SET_FILE
from gerbang.kernel.signed import KeySet
from gerbang.passports.center import history
from gerbang.passports.center.intake.feed import office_section, refresh_if_changed
from gerbang.passports.center.orm import HistoryRow, InterviewRow
from gerbang.passports.domain.lifecycle import Status
from gerbang.passports.office.orm import OfficeRecordRow
from gerbang.sync.center.versions import current_version
from gerbang.sync.edge import outbox
from gerbang.sync.edge.reference_store import ReferenceStore

DIGEST = "ab" * 32
# Tuesday 23 June 2026, 08:00 in Jakarta: the day the test appointments were booked for.
INTERVIEW_DAY = datetime(2026, 6, 23, 1, 0, tzinfo=UTC)


@dataclass
class OfficeNode:
    center: Any
    client: TestClient
    database: Database
    officer: dict[str, str]
    node_key: dict[str, str]

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(f"/api/v1/office/{path}", json=body, headers=self.officer)

    def interview(self, application_id: str) -> Any:
        body = {"application_id": application_id, "photo_sha256": DIGEST, "fingerprints_sha256": DIGEST}
        return self.post("interviews", body)

    def upload(self, *, again: bool = False) -> Any:
        """Send the outbox to the center as the uploader does (`again` resends what was sent)."""
        with self.database.transaction() as session:
            if again:
                outbox.resend_after(session, seq=0)
            batch = outbox.next_batch(session, limit=500)
        records = [
            {"id": str(r.id), "record_type": r.record_type, "edge_seq": r.edge_seq, "payload": r.payload}
            for r in batch
        ]
        response = self.center.client.post(
            "/api/v1/sync/batches", json={"records": records}, headers=self.node_key
        )
        if response.status_code == 200:
            with self.database.transaction() as session:
                outbox.mark_sent(session, record_ids=[r.id for r in batch], at=self.center.clock.now())
        return response


def paid_application(center: Any, serial: int, user: str = "ben") -> str:
    application = center.apply(user, center.person(serial))
    billing = center.book(application["id"], user=user, hour=8 + serial % 8).json()["billing"]
    notice = {
        "transaction_id": f"BNI-{serial}",
        "billing_code": billing["code"],
        "amount_idr": billing["amount_idr"],
        "paid_at": center.clock.now().isoformat(),
    }
    assert center.pay(notice).json()["outcome"] == "applied"
    return str(application["id"])


def ready_application(center: Any) -> str:
    """Ayu's passport, interviewed at the center and now waiting at JKS."""
    application = center.apply()
    billing = center.book(application["id"]).json()["billing"]
    notice = {
        "transaction_id": "BNI-AYU",
        "billing_code": billing["code"],
        "amount_idr": billing["amount_idr"],
        "paid_at": center.clock.now().isoformat(),
    }
    center.pay(notice)
    center.officer(application["id"], "interview", {"photo_sha256": DIGEST, "fingerprints_sha256": DIGEST})
    for step in ("approve", "printed", "ready"):
        assert center.officer(application["id"], step).status_code == 200
    return str(application["id"])


@pytest.fixture
def office(center: Any, tmp_path: Path) -> Iterator[OfficeNode]:
    center.applications = [paid_application(center, n) for n in (1, 2, 3)]
    center.ready = ready_application(center)
    center.move_to(INTERVIEW_DAY)
    now = center.clock.now()
    with center.database.transaction() as session:
        refresh_if_changed(session, at=now, previous=None)
        text = center.client.app.state.reference_publisher.latest(session, at=now).text
        node_key = accounts.create_node_credential(
            session, name="jks", role="office", site="JKS", actor="shell:admin", at=now
        )
    office_dir = tmp_path / "jks"
    (office_dir / "trust").mkdir(parents=True)
    shutil.copy(tmp_path / "keys" / "reference" / KEY_SET_FILE, office_dir / "trust" / "reference-keys.json")
    trust = KeySet.loads((office_dir / "trust" / "reference-keys.json").read_bytes())
    ReferenceStore(office_dir / "reference", trust).install(text, at=now)
    url = f"sqlite:///{office_dir / 'gerbang.db'}"
    migrate.upgrade(url)
    database = Database(url)
    with database.transaction() as session:
        accounts.create_account(
            session,
            username="clerk",
            password=center.password,
            roles=frozenset({Role.OFFICE_OFFICER}),
            display_name=None,
            actor="shell:admin",
            at=now,
        )
    settings = Settings(data_dir=office_dir, role="office", node_name="jks", site="JKS")
    app = create_edge_app(settings, clock=center.clock, database=database, background=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        token = client.post("/api/v1/auth/token", json={"username": "clerk", "password": center.password})
        officer = {"Authorization": f"Bearer {token.json()['token']}"}
        yield OfficeNode(center, client, database, officer, {"Authorization": f"Bearer {node_key}"})


def holder_of(center: Any) -> dict[str, Any]:
    ayu = center.ayu
    return {
        "collector_kind": "holder",
        "nik": ayu["nik"],
        "name": ayu["name"].upper(),
        "birth_date": ayu["birth_date"],
    }


def steps(center: Any, application_id: str, status: Status) -> int:
    with center.database.transaction() as session:
        return int(
            session.execute(
                select(func.count()).where(
                    HistoryRow.application_id == uuid.UUID(application_id), HistoryRow.status == status.value
                )
            ).scalar_one()
        )


def outcomes(center: Any) -> list[tuple[str, str]]:
    with center.database.transaction() as session:
        rows = session.execute(select(OfficeRecordRow).order_by(OfficeRecordRow.id)).scalars()
        return [(r.record_type, r.outcome) for r in rows]


def test_the_office_section_lists_only_what_the_counter_needs(office: OfficeNode) -> None:
    center = office.center
    with center.database.transaction() as session:
        name, content = office_section(session, center.clock.now())
    assert name == "passport_offices"
    jks = content["JKS"]
    assert {e["application_id"] for e in jks["appointments"]} == set(center.applications)
    assert [e["application_id"] for e in jks["ready"]] == [center.ready]
    assert set(jks["ready"][0]) == {
        "application_id",
        "name",
        "nik",
        "birth_date",
        "service",
        "slot",
        "status",
    }
    assert jks["ready"][0]["status"] == "ready"


def test_the_day_queue_is_in_slot_order_and_shows_what_was_done_here(office: OfficeNode) -> None:
    first = office.center.applications[0]
    assert office.interview(first).status_code == 201
    queue = office.client.get("/api/v1/office/appointments", headers=office.officer).json()
    assert queue["day"] == "2026-06-23"
    slots = [e["slot"] for e in queue["appointments"]]
    assert slots == sorted(slots)
    assert len(slots) == 3
    status = {e["application_id"]: e["status"] for e in queue["appointments"]}
    assert status[first] == "interviewed"
    other_day = office.client.get("/api/v1/office/appointments?day=2026-06-24", headers=office.officer)
    assert other_day.json()["appointments"] == []


def test_an_office_interview_is_applied_at_the_center_once(office: OfficeNode) -> None:
    center, application_id = office.center, office.center.applications[0]
    answer = office.interview(application_id)
    assert answer.status_code == 201, answer.text
    again = office.interview(application_id)
    assert again.status_code == 409
    first = office.upload()
    assert (len(first.json()["accepted"]), first.json()["duplicates"]) == (1, [])
    repeat = office.upload(again=True)
    assert (repeat.json()["accepted"], len(repeat.json()["duplicates"])) == ([], 1)
    assert center.get(application_id, user="ben")["status"] == "interviewed"
    assert steps(center, application_id, Status.INTERVIEWED) == 1
    with center.database.transaction() as session:
        interview = session.get(InterviewRow, uuid.UUID(application_id))
        assert interview is not None
        assert interview.photo_sha256 == DIGEST
    assert outcomes(center) == [("passport-interview", "applied")]


def test_a_handover_to_the_holder_is_applied_once_and_a_repeat_is_a_duplicate(office: OfficeNode) -> None:
    center = office.center
    answer = office.post("handovers", {"application_id": center.ready, **holder_of(center)})
    assert answer.status_code == 201, answer.text
    assert office.upload().status_code == 200
    assert office.upload(again=True).json()["accepted"] == []
    assert center.get(center.ready)["status"] == "handed_over"
    assert steps(center, center.ready, Status.HANDED_OVER) == 1


def test_a_handover_the_center_already_made_is_a_duplicate_not_an_error(office: OfficeNode) -> None:
    center = office.center
    with center.database.transaction() as session:
        application = history.locked(session, uuid.UUID(center.ready))
        history.advance(session, application, Status.HANDED_OVER, actor="t", at=center.clock.now())
    office.post("handovers", {"application_id": center.ready, **holder_of(center)})
    response = office.upload()
    assert response.status_code == 200
    assert outcomes(center) == [("passport-handover", "duplicate")]
    assert steps(center, center.ready, Status.HANDED_OVER) == 1


def test_an_interview_of_an_application_cancelled_meanwhile_is_kept_as_a_conflict(office: OfficeNode) -> None:
    center, application_id = office.center, office.center.applications[1]
    cancelled = center.client.post(
        f"/api/v1/passports/applications/{application_id}/cancel", headers=center.as_("ben")
    )
    assert cancelled.status_code == 200
    assert office.interview(application_id).status_code == 201
    response = office.upload()
    assert response.status_code == 200
    assert len(response.json()["accepted"]) == 1
    assert outcomes(center) == [("passport-interview", "conflict")]
    page = center.client.get(
        "/api/v1/passports/office-records?outcome=conflict", headers=center.as_("rina")
    ).json()
    assert [r["application_id"] for r in page["records"]] == [application_id]
    assert "cancelled" in page["records"][0]["reason"]
    assert center.get(application_id, user="ben")["status"] == "cancelled"


def test_a_handover_of_an_expired_passport_is_a_conflict(office: OfficeNode) -> None:
    center = office.center
    with center.database.transaction() as session:
        application = history.locked(session, uuid.UUID(center.ready))
        history.advance(session, application, Status.EXPIRED, actor="system", at=center.clock.now())
    office.post("handovers", {"application_id": center.ready, **holder_of(center)})
    assert office.upload().status_code == 200
    assert outcomes(center) == [("passport-handover", "conflict")]


def test_a_collector_who_does_not_match_is_refused_with_a_reason_and_audited(office: OfficeNode) -> None:
    center = office.center
    wrong = holder_of(center) | {"nik": "3174055504900002"}
    response = office.post("handovers", {"application_id": center.ready, **wrong})
    assert response.status_code == 409
    assert "NIK" in response.json()["message"]
    adult = {
        "collector_kind": "authorised",
        "nik": "3174050101800001",
        "name": "Budi",
        "birth_date": "1980-01-01",
        "relationship": "parent",
        "family_card": "3174050101090001",
    }
    refused = office.post("handovers", {"application_id": center.ready, **adult})
    assert refused.status_code == 409
    assert "in person" in refused.json()["message"]
    with office.database.transaction() as session:
        assert outbox.backlog(session) == 0
        entries = session.execute(
            select(AuditEntryRow).where(AuditEntryRow.action == "passport.office.handover_refused")
        ).scalars()
        details = [e.details for e in entries]
    assert [d["reason"] for d in details] == ["nik_mismatch", "holder_is_adult"]
    assert center.ayu["nik"] not in str(details)


def test_an_unknown_application_or_bad_digest_is_a_4xx(office: OfficeNode) -> None:
    unknown = office.interview("01890000-0000-7000-8000-000000000000")
    assert unknown.status_code == 404
    bad = office.post(
        "interviews",
        {"application_id": office.center.applications[0], "photo_sha256": "x", "fingerprints_sha256": DIGEST},
    )
    assert bad.status_code == 422
    assert office.client.get("/api/v1/office/appointments").status_code == 401


def test_a_malformed_office_record_is_refused_whole_naming_the_record(office: OfficeNode) -> None:
    record_id = "01890000-0000-7000-8000-000000000001"
    body = {
        "records": [
            {"id": record_id, "record_type": "passport-handover", "edge_seq": 1, "payload": {"id": record_id}}
        ]
    }
    response = office.center.client.post("/api/v1/sync/batches", json=body, headers=office.node_key)
    assert response.status_code == 422
    assert record_id in response.json()["message"]
    assert outcomes(office.center) == []


def test_the_office_health_reports_backlog_and_reference(office: OfficeNode) -> None:
    office.interview(office.center.applications[0])
    health = office.client.get("/api/v1/health", headers=office.officer).json()
    assert health["outbox_backlog"] == 1
    assert health["reference_version"] >= 1
    assert health["ready_passports"] == 1
    assert health["center_reachable"] is False


def test_appointment_data_confirmed_by_the_center_is_not_stale_however_old(office: OfficeNode) -> None:
    office.center.clock.advance(timedelta(hours=7))
    before = office.client.get("/api/v1/health", headers=office.officer).json()
    assert before["reference_stale"] is True
    # What the poller does when the center answers 304: the held snapshot is confirmed current.
    store = office.client.app.state.office.snapshots  # type: ignore[attr-defined]
    store.confirmed(digest=store.current.digest, at=office.center.clock.now())
    after = office.client.get("/api/v1/health", headers=office.officer).json()
    assert after["reference_stale"] is False
    assert after["reference_age_s"] >= 7 * 3600


def test_the_version_moves_only_when_the_office_section_changes(office: OfficeNode) -> None:
    center = office.center
    now = center.clock.now()
    with center.database.transaction() as session:
        version = current_version(session)
        digest = refresh_if_changed(session, at=now, previous=None)
        assert current_version(session) == version + 1
        assert refresh_if_changed(session, at=now, previous=digest) == digest
        assert current_version(session) == version + 1
