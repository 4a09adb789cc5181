"""A center restored from an older backup: the version a node holds raises the center's counter past it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gerbang.apps.central import REFERENCE_KEYS, create_app
from gerbang.border.center.watchlist import replace_watchlist
from gerbang.infra import accounts
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import KEY_SET_FILE, read_key_set
from gerbang.kernel.clock import FixedClock
from gerbang.sync.center.versions import SNAPSHOT_STREAM, STAYS_STREAM, bump_version, current_version
from gerbang.sync.edge.reference_store import ReferenceStore, read_snapshot
from gerbang.sync.edge.stays import StaysStore
from gerbang.sync.orm import ReferenceStateRow

PASSWORD = "correct-horse-battery"
SNAPSHOT, STAYS = "/api/v1/reference/snapshot", "/api/v1/reference/stays"


def entry(entry_id: str, name: str) -> dict[str, Any]:
    return {
        "id": entry_id,
        "names": [name],
        "birth_date": "1970-01-01",
        "nationality": "IDN",
        "documents": [],
        "list": "exit-ban",
        "valid_until": None,
    }


@dataclass
class Center:
    client: TestClient
    database: Database
    clock: FixedClock
    data_dir: Path
    headers: dict[str, dict[str, str]]

    def get(self, path: str, who: str = "cgk", expect: int = 200, **params: Any) -> Any:
        response = self.client.get(path, params=params, headers=self.headers[who])
        assert response.status_code == expect, response.text
        return response

    def version(self, stream: int = SNAPSHOT_STREAM) -> int:
        with self.database.reading() as session:
            return current_version(session, stream=stream)

    def restore_version(self, version: int, stream: int = SNAPSHOT_STREAM) -> None:
        """What a restore from an older backup does to the counter: it goes back."""
        with self.database.transaction() as session:
            state = session.get(ReferenceStateRow, stream)
            assert state is not None
            state.version = version

    def watchlist(self, *entries: dict[str, Any]) -> int:
        with self.database.transaction() as session:
            replace_watchlist(session, entries, at=self.clock.now())
            return current_version(session)

    def raised_entries(self) -> list[AuditEntryRow]:
        with self.database.reading() as session:
            query = select(AuditEntryRow).where(AuditEntryRow.action == "reference.version_raised")
            return list(session.execute(query).scalars())

    def edge_store(self, name: str) -> ReferenceStore:
        trust = read_key_set(self.data_dir / REFERENCE_KEYS / KEY_SET_FILE)
        return ReferenceStore(self.data_dir / "edges" / name, trust)


@pytest.fixture
def center(database: Database, clock: FixedClock, tmp_path: Path) -> Iterator[Center]:
    headers: dict[str, dict[str, str]] = {}
    with database.transaction() as session:
        for name, role, site in [("cgk", "checkpoint", "CGK"), ("jks", "office", "JKS")]:
            key = accounts.create_node_credential(
                session, name=name, role=role, site=site, actor="t", at=clock.now()
            )
            headers[name] = {"Authorization": f"Bearer {key}"}
        accounts.create_account(
            session,
            username="admin",
            password=PASSWORD,
            roles=frozenset({Role.ADMIN}),
            display_name=None,
            actor="t",
            at=clock.now(),
        )
    app = create_app(Settings(data_dir=tmp_path), clock=clock, database=database)
    with TestClient(app, raise_server_exceptions=False) as client:
        token = client.post("/api/v1/auth/token", json={"username": "admin", "password": PASSWORD})
        headers["admin"] = {"Authorization": f"Bearer {token.json()['token']}"}
        yield Center(client, database, clock, tmp_path, headers)


def test_after_a_restore_one_poll_raises_the_center_past_the_node_and_the_edge_installs_it(
    center: Center,
) -> None:
    store = center.edge_store("cgk")
    backed_up = center.watchlist(entry("A", "AGUS SALIM"))
    center.watchlist(entry("A", "AGUS SALIM"), entry("B", "BUDI HARTONO"))
    published = center.watchlist(entry("A", "AGUS SALIM"), entry("B", "BUDI HARTONO"))
    held = store.install(center.get(SNAPSHOT).text, at=center.clock.now())
    assert held is not None
    assert held.version == published

    # The center comes back from the backup and an officer lists someone new there.
    center.watchlist(entry("A", "AGUS SALIM"))
    center.restore_version(backed_up)
    restored = center.watchlist(entry("A", "AGUS SALIM"), entry("C", "CITRA DEWI"))
    assert restored < held.version
    assert store.install(center.get(SNAPSHOT).text, at=center.clock.now()) is None  # older: refused

    response = center.get(SNAPSHOT, have_digest=held.digest, have_version=held.version)
    assert center.version() == held.version + 1
    assert response.headers["X-Reference-Version"] == str(held.version + 1)
    installed = store.install(response.text, at=center.clock.now())
    assert installed is not None
    assert installed.version == held.version + 1
    assert [e["id"] for e in installed.sections["watchlist"]] == ["A", "C"]
    [raised] = center.raised_entries()
    assert (raised.actor, raised.record_id) == ("node:cgk", "snapshot")
    assert raised.details == {"held_by_node": held.version, "was": restored, "now": held.version + 1}

    # The next poll, from what the edge now holds, changes nothing: the center is level with it.
    center.get(SNAPSHOT, expect=304, have_digest=installed.digest, have_version=installed.version)
    assert center.version() == held.version + 1
    assert len(center.raised_entries()) == 1


def test_a_raised_version_is_built_again_from_the_restored_data(center: Center) -> None:
    # The center had built version N from data the backup does not hold; once raised back to N, the
    # document must come from what the restored center holds, not from what was built before.
    backed_up = center.watchlist(entry("A", "AGUS SALIM"))
    held_by_edge = center.watchlist(entry("A", "AGUS SALIM"), entry("B", "BUDI HARTONO"))
    lost = center.watchlist(entry("B", "BUDI HARTONO"))
    assert [e["id"] for e in read(center, center.get(SNAPSHOT, "admin").text)["watchlist"]] == ["B"]
    center.watchlist(entry("A", "AGUS SALIM"))
    center.restore_version(backed_up)

    response = center.get(SNAPSHOT, have_version=held_by_edge)
    assert response.headers["X-Reference-Version"] == str(lost)
    assert [e["id"] for e in read(center, response.text)["watchlist"]] == ["A"]


def test_the_stays_counter_is_raised_past_a_checkpoint_and_the_list_verifies(center: Center) -> None:
    with center.database.transaction() as session:
        for _ in range(3):
            bump_version(session, reason="stays changed", at=center.clock.now(), stream=STAYS_STREAM)
    trust = read_key_set(center.data_dir / REFERENCE_KEYS / KEY_SET_FILE)
    stays = StaysStore(center.data_dir / "edges" / "cgk", trust)
    held = stays.install(center.get(STAYS).text, at=center.clock.now())
    assert held is not None
    assert held.version == 3
    center.restore_version(1, stream=STAYS_STREAM)
    assert stays.install(center.get(STAYS).text, at=center.clock.now()) is None

    snapshot_version = center.version(SNAPSHOT_STREAM)
    response = center.get(STAYS, have_version=held.version)
    assert center.version(STAYS_STREAM) == 4
    document = stays.install(response.text, at=center.clock.now())
    assert document is not None
    assert document.version == 4
    assert center.version(SNAPSHOT_STREAM) == snapshot_version  # a stream of its own
    assert [e.record_id for e in center.raised_entries()] == ["stays"]


def test_a_center_restored_from_before_it_ever_published_counts_on_from_the_node(center: Center) -> None:
    with center.database.transaction() as session:
        state = session.get(ReferenceStateRow, STAYS_STREAM)
        if state is not None:
            session.delete(state)
    response = center.get(STAYS, have_version=7)
    assert response.headers["X-Stays-Version"] == "8"
    assert center.version(STAYS_STREAM) == 8


def test_only_a_node_raises_the_counter_and_never_lowers_it(center: Center) -> None:
    version = center.watchlist(entry("A", "AGUS SALIM"))
    center.get(SNAPSHOT, "admin", have_version=version + 50)  # a person holds no copy edges decide with
    center.get(SNAPSHOT, "cgk", have_version=0)
    center.get(SNAPSHOT, "cgk", have_version=version)
    assert center.version() == version
    assert center.raised_entries() == []
    center.get(SNAPSHOT, "jks", have_version=version + 1)  # an office node's copy counts too
    assert center.version() == version + 2


@pytest.mark.parametrize("bad", ["-1", "seven", "1.5", str(2**53), str(2**70)])
@pytest.mark.parametrize("path", [SNAPSHOT, STAYS])
def test_a_bad_have_version_is_a_422_naming_the_field(center: Center, path: str, bad: str) -> None:
    before = center.version()
    response = center.client.get(path, params={"have_version": bad}, headers=center.headers["cgk"])
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "have_version"
    assert "have_version" in response.json()["message"]
    assert center.version() == before


def read(center: Center, text: str) -> dict[str, Any]:
    trust = read_key_set(center.data_dir / REFERENCE_KEYS / KEY_SET_FILE)
    return read_snapshot(text, trust=trust, at=center.clock.now()).sections
