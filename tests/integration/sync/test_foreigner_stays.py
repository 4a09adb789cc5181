"""Foreigners' stays at the center: kept from every checkpoint's uploads, published signed to checkpoints."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, select

from gerbang.apps.central import REFERENCE_KEYS, STAYS_KEYS, create_app
from gerbang.border.center.stays import load_or_create_secret, stays_provider
from gerbang.border.domain import stay_lookup_key
from gerbang.border.orm import CrossingRow, ForeignerStayRow
from gerbang.border.schemas import CrossingRecord
from gerbang.infra import accounts, migrate
from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import KEY_SET_FILE, load_signer, read_key_set
from gerbang.kernel.clock import FixedClock
from gerbang.sync.center.publisher import StaysPublisher
from gerbang.sync.edge.reference_store import read_snapshot
from gerbang.sync.edge.stays import StaysDocument, read_stays
from gerbang.visas.center.orm import VisaApplicationRow, VisaCredentialRow

PASSWORD = "correct-horse-battery"
NODES = {"dps": ("checkpoint", "DPS"), "cgk": ("checkpoint", "CGK"), "jks": ("office", "JKS")}


@dataclass
class Center:
    client: TestClient
    clock: FixedClock
    data_dir: Path
    keys: dict[str, dict[str, str]]

    def upload(self, node: str, *crossings: dict[str, Any]) -> None:
        records = [
            {"id": c["id"], "record_type": "crossing", "edge_seq": n, "payload": c}
            for n, c in enumerate(crossings, start=1)
        ]
        response = self.client.post(
            "/api/v1/sync/batches", json={"records": records}, headers=self.keys[node]
        )
        assert response.status_code == 200, response.text

    def stays(self, node: str = "cgk") -> StaysDocument:
        response = self.client.get("/api/v1/reference/stays", headers=self.keys[node])
        assert response.status_code == 200, response.text
        trust = read_key_set(self.data_dir / "keys" / "reference" / KEY_SET_FILE)
        return read_stays(response.text, trust=trust, at=self.clock.now())

    def key(self, nationality: str, number: str) -> str:
        secret = load_or_create_secret(self.data_dir / STAYS_KEYS)
        return stay_lookup_key(secret, nationality=nationality, document_number=number)


@pytest.fixture
def center(database: Database, clock: FixedClock, tmp_path: Path) -> Iterator[Center]:
    keys: dict[str, dict[str, str]] = {}
    with database.transaction() as session:
        for name, (role, site) in NODES.items():
            key = accounts.create_node_credential(
                session, name=name, role=role, site=site, actor="t", at=clock.now()
            )
            keys[name] = {"Authorization": f"Bearer {key}"}
        for username, person_role in [("ayu", Role.APPLICANT), ("siti", Role.VISA_OFFICER)]:
            accounts.create_account(
                session,
                username=username,
                password=PASSWORD,
                roles=frozenset({person_role}),
                display_name=None,
                actor="t",
                at=clock.now(),
            )
    app = create_app(Settings(data_dir=tmp_path), clock=clock, database=database)
    # Each request sees the newest list (a running center re-signs at most every few seconds).
    app.state.stays_publisher = StaysPublisher(
        load_signer(tmp_path / REFERENCE_KEYS),
        stays_provider(load_or_create_secret(tmp_path / STAYS_KEYS)),
        rebuild_every=0.0,
        refresh_every=0.0,
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        for username in ("ayu", "siti"):
            token = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
            keys[username] = {"Authorization": f"Bearer {token.json()['token']}"}
        yield Center(client, clock, tmp_path, keys)


def crossing(
    direction: str,
    at: datetime,
    *,
    site: str = "DPS",
    number: str = "A1234567",
    nationality: str = "MYS",
    decision: str = "admit",
    until: date | None = None,
) -> dict[str, Any]:
    if until is None and direction == "entry":
        until = at.date() + timedelta(days=29)
    return {
        "id": str(new_id(at)),
        "node": site.lower(),
        "site": site,
        "lane": "C1",
        "direction": direction,
        "document_number": number,
        "nationality": nationality,
        "surname": "RAHMAN",
        "given_names": "AMIR",
        "birth_date": "1980-01-01",
        "flight": "MH871",
        "credential_id": None,
        "decision": decision,
        "reasons": [],
        "permitted_until": until.isoformat() if until else None,
        "offline": False,
        "reference_version": 1,
        "officer": "t",
        "recorded_at": at.isoformat(),
    }


def test_an_entry_at_one_checkpoint_is_published_to_the_others_under_a_keyed_hash(center: Center) -> None:
    entry = crossing("entry", center.clock.now())
    center.upload("dps", entry)
    document = center.stays("cgk")
    assert set(document.stays) == {center.key("MYS", "A1234567")}
    listed = document.stays[center.key("MYS", "A1234567")]
    assert (listed.site, str(listed.crossing_id)) == ("DPS", entry["id"])
    assert listed.permitted_until == center.clock.now().date() + timedelta(days=29)
    assert "A1234567" not in document.text
    assert document.version >= 1


def test_an_exit_ends_the_stay_whatever_order_the_batches_arrive_in(center: Center) -> None:
    now = center.clock.now()
    entry, leaving = crossing("entry", now), crossing("exit", now + timedelta(days=5), site="CGK")
    # The center's clock moves with the story: it refuses crossings recorded in its future.
    center.clock.advance(timedelta(days=5))
    center.upload("cgk", leaving)
    center.upload("dps", entry)  # older, arriving late: must not bring the stay back
    assert center.stays().stays == {}
    back = crossing("entry", now + timedelta(days=40), site="CGK")
    center.clock.advance(timedelta(days=35))
    center.upload("cgk", back)
    assert [str(s.crossing_id) for s in center.stays().stays.values()] == [back["id"]]
    center.clock.advance(timedelta(days=5))
    center.upload(
        "dps", crossing("exit", now + timedelta(days=45)), crossing("entry", now + timedelta(days=44))
    )
    assert center.stays().stays == {}


def test_refused_crossings_and_citizens_are_not_stays(center: Center) -> None:
    now = center.clock.now()
    center.upload("dps", crossing("entry", now, decision="refuse"), crossing("entry", now, nationality="IDN"))
    assert center.stays().stays == {}
    center.upload("dps", crossing("entry", now, number="B7654321"))
    center.upload(
        "cgk", crossing("exit", now + timedelta(hours=2), number="B7654321", decision="refuse", site="CGK")
    )
    assert list(center.stays().stays) == [center.key("MYS", "B7654321")]


def test_an_extension_granted_at_the_center_lengthens_the_published_stay(center: Center) -> None:
    body = {
        "type": "evoa",
        "name": "Emma Watson",
        "passport_number": "PA1234567",
        "nationality": "AUS",
        "birth_date": "1990-04-15",
    }
    applied = center.client.post("/api/v1/visas/applications", json=body, headers=center.keys["ayu"])
    approved = center.client.post(
        f"/api/v1/visas/applications/{applied.json()['id']}/approve", json={}, headers=center.keys["siti"]
    )
    assert approved.status_code == 200, approved.text
    entered = center.clock.now() + timedelta(hours=1)
    center.upload("dps", crossing("entry", entered, number="PA1234567", nationality="AUS"))
    first = center.stays().stays[center.key("AUS", "PA1234567")]
    assert first.permitted_until == entered.date() + timedelta(days=29)
    center.clock.advance(timedelta(hours=3))
    extended = center.client.post(
        f"/api/v1/visas/credentials/{approved.json()['credential_id']}/extend", headers=center.keys["siti"]
    )
    assert extended.status_code == 201, extended.text
    listed = center.stays().stays[center.key("AUS", "PA1234567")]
    assert listed.permitted_until == entered.date() + timedelta(days=59)


def test_a_stay_permit_keeps_the_stay_until_the_permit_ends(center: Center, database: Database) -> None:
    entered = center.clock.now()
    center.upload("dps", crossing("entry", entered, number="X7777777", nationality="NLD"))
    with database.transaction() as session:
        applicant = accounts.create_account(
            session,
            username="jan",
            password=PASSWORD,
            roles=frozenset({Role.APPLICANT}),
            display_name=None,
            actor="t",
            at=entered,
        )
        application = VisaApplicationRow(
            id=new_id(entered),
            applicant_id=applicant.id,
            type="kitas",
            holder_name="JAN DE VRIES",
            passport_number="X7777777",
            nationality="NLD",
            birth_date=date(1980, 1, 1),
            fee_idr=0,
            screening={"hits": []},
            created_at=entered,
        )
        session.add(application)
        session.flush()
        session.add(
            VisaCredentialRow(
                id=new_id(entered),
                application_id=application.id,
                type="kitas",
                passport_number="X7777777",
                nationality="NLD",
                valid_from=entered,
                valid_until=entered + timedelta(days=365),
                stay_days=None,
                entries=None,
                text="-",
                issued_at=entered,
                issued_by="t",
                extended_from=None,
            )
        )
    listed = center.stays().stays[center.key("NLD", "X7777777")]
    assert listed.permitted_until == (entered + timedelta(days=365)).date()


def test_the_list_answers_304_when_unchanged_and_only_to_checkpoints(center: Center) -> None:
    center.upload("dps", crossing("entry", center.clock.now()))
    first = center.client.get("/api/v1/reference/stays", headers=center.keys["cgk"])
    digest = first.headers["etag"].strip('"')
    again = center.client.get(
        "/api/v1/reference/stays", params={"have_digest": digest}, headers=center.keys["cgk"]
    )
    assert again.status_code == 304
    by_etag = center.client.get(
        "/api/v1/reference/stays", headers=center.keys["dps"] | {"If-None-Match": first.headers["etag"]}
    )
    assert by_etag.status_code == 304
    # A passport that comes and goes between two polls leaves the list as it was: still 304.
    other = center.clock.now() + timedelta(hours=1)
    center.upload(
        "cgk",
        crossing("entry", other, number="Z1", site="CGK"),
        crossing("exit", other + timedelta(hours=3), number="Z1", site="CGK"),
    )
    assert (
        center.client.get(
            "/api/v1/reference/stays", params={"have_digest": digest}, headers=center.keys["cgk"]
        ).status_code
        == 304
    )
    office = center.client.get("/api/v1/reference/stays", headers=center.keys["jks"])
    assert office.status_code == 403
    assert "checkpoints only" in office.json()["message"]
    assert center.client.get("/api/v1/reference/stays").status_code == 401
    assert center.client.get("/api/v1/reference/stays", headers=center.keys["ayu"]).status_code == 403


def test_checkpoints_receive_the_lookup_secret_in_their_snapshot_and_offices_do_not(center: Center) -> None:
    trust = read_key_set(center.data_dir / "keys" / "reference" / KEY_SET_FILE)
    snapshots = {
        node: read_snapshot(
            center.client.get("/api/v1/reference/snapshot", headers=center.keys[node]).text,
            trust=trust,
            at=center.clock.now(),
        ).sections
        for node in ("cgk", "jks")
    }
    assert snapshots["cgk"]["stays_key"]["key_id"] == center.stays().key_id
    assert "stays_key" not in snapshots["jks"]
    assert "border_policy" not in snapshots["jks"]


def test_upgrading_a_center_lists_the_foreigners_already_in_the_country(
    database_url: str, clock: FixedClock
) -> None:
    migrate.upgrade(database_url, "0007")
    now = clock.now()
    held = [
        crossing("entry", now, number="IN1"),
        crossing("entry", now, number="OUT1"),
        crossing("exit", now + timedelta(days=3), number="OUT1", site="CGK"),
        crossing("entry", now, number="NO1", decision="refuse"),
        crossing("entry", now, nationality="IDN"),
    ]
    database = Database(database_url)
    with database.transaction() as session:
        for row in held:
            values = CrossingRecord.model_validate(row).model_dump()
            values["reasons"] = {"reasons": []}
            session.execute(insert(CrossingRow.__table__).values(**values, received_at=now))
    migrate.upgrade(database_url)
    with database.transaction() as session:
        stays = session.execute(select(ForeignerStayRow)).scalars().all()
        listed = {(s.document_number, s.direction) for s in stays}
    database.dispose()
    assert listed == {("IN1", "entry"), ("OUT1", "exit")}
