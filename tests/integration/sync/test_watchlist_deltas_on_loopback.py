"""A checkpoint catches up with the center's watchlist by signed deltas over HTTP, and by the whole snapshot
when a delta does not hold.

The center and the checkpoint are served by uvicorn on loopback with their own databases and real keys;
the poller under test is the one the checkpoint runs, built from the checkpoint's own parts.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import select

from gerbang.apps.central import REFERENCE_KEYS, VISA_KEYS
from gerbang.apps.central import create_app as create_center
from gerbang.apps.edge import create_app as create_edge
from gerbang.apps.launcher import free_port
from gerbang.border.center.watchlist import replace_watchlist
from gerbang.border.reference_deltas import DELTAS_FILE, ViewDeltas
from gerbang.border.reference_view import view_from_snapshot
from gerbang.border.service import Checkpoint
from gerbang.documents import make_zone
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import KEY_SET_FILE, load_signer
from gerbang.kernel.clock import FixedClock
from gerbang.kernel.errors import Conflict
from gerbang.screening import ScreeningQuery
from gerbang.sync.edge.client import CenterClient, DeltaAnswer
from gerbang.sync.edge.poller import ReferencePoller
from gerbang.sync.edge.reference_store import Snapshot
from gerbang.visas.center.issuer import sign_revocation_list
from gerbang.visas.center.orm import VisaRevocationListRow
from gerbang.visas.domain.revocation import RevocationList

pytestmark = pytest.mark.slow
ON = dt.date(2026, 6, 20)

LISTED = 3_000
WANTED = {
    "id": "W-LATE",
    "names": ["AMIR RAHMAN"],
    "birth_date": "1980-01-01",
    "nationality": "MYS",
    "documents": ["A9876543"],
    "list": "wanted",
}


def _listed(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"E-{n:06d}",
            "names": [f"PERSON{n} SURNAME{n % 997}"],
            "birth_date": f"19{50 + n % 50}-0{1 + n % 9}-1{n % 10}",
            "nationality": "IDN",
            "list": "entry-ban",
        }
        for n in range(count)
    ]


def eventually(check: Callable[[], bool], *, what: str, timeout: float = 45.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    eventually(lambda: server.started, what="the server to start")
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


class CountingClient(CenterClient):
    """The checkpoint's client, counting the bytes of each answer; `tamper` edits a delta on the wire."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.received: list[tuple[str, int]] = []
        self.tamper: Callable[[str], str] | None = None

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = super()._send(method, path, **kwargs)
        self.received.append((path, len(response.content)))
        return response

    def watchlist_delta(self, *, since: int, rest_digest: str, have_digest: str | None = None) -> DeltaAnswer:
        answer = super().watchlist_delta(since=since, rest_digest=rest_digest, have_digest=have_digest)
        if self.tamper is not None and answer.text is not None:
            return DeltaAnswer(answer.outcome, self.tamper(answer.text))
        return answer


@dataclass
class Net:
    clock: FixedClock
    center: Database
    center_url: str
    node_key: str
    edge: FastAPI
    edge_url: str
    officer: dict[str, str]

    @property
    def checkpoint(self) -> Checkpoint:
        checkpoint: Checkpoint = self.edge.state.checkpoint
        return checkpoint

    def poller(self) -> tuple[ReferencePoller, CountingClient]:
        checkpoint = self.checkpoint
        assert checkpoint.snapshots is not None
        holder, store = checkpoint.reference, checkpoint.snapshots

        def install(snapshot: Snapshot) -> None:
            holder.replace(view_from_snapshot(snapshot, at=self.clock.now()))

        client = CountingClient(self.center_url, self.node_key)
        # As the checkpoint app builds its own: applied deltas kept beside the snapshot.
        kept = self.edge.state.settings.data_dir / "reference" / DELTAS_FILE
        deltas = ViewDeltas(holder, store, self.edge.state.database, actor="node:cgk", kept=kept)
        return ReferencePoller(client, store, self.clock, install, deltas=deltas), client

    def list_at_center(self, entries: list[dict[str, Any]]) -> None:
        with self.center.transaction() as session:
            replace_watchlist(session, entries, at=self.clock.now())

    def cross(self) -> dict[str, Any]:
        zone = make_zone(
            format="TD3",
            document_type="P",
            issuing_state="MYS",
            surname="RAHMAN",
            given_names="AMIR",
            document_number="A9876543",
            nationality="MYS",
            birth_date="800101",
            sex="M",
            expiry_date="340101",
        )
        body = {"mrz": zone, "direction": "entry", "lane": "C1", "flight": "MH711", "credential": None}
        response = httpx.post(
            f"{self.edge_url}/api/v1/crossings", json=body | {"biometric_match": True}, headers=self.officer
        )
        assert response.status_code == 201, response.text
        answer: dict[str, Any] = response.json()
        return answer


def matched(net: Net, name: str, born: dt.date) -> set[str]:
    query = ScreeningQuery("q", name, born, "IDN")
    hits = net.checkpoint.reference.view.index.screen(query, on=net.clock.now().date())
    return {hit.entry_id for hit in hits if hit.match}


def codes(crossing: dict[str, Any]) -> set[str]:
    return {reason["code"] for reason in crossing["reasons"]}


def _edge_app(root: Path, center_url: str, node_key: str, clock: FixedClock, *, background: bool) -> FastAPI:
    data = root / "cgk"
    data.mkdir(exist_ok=True)
    url = f"sqlite:///{data / 'gerbang.db'}"
    migrate.upgrade(url)
    settings = Settings(
        data_dir=data,
        role="checkpoint",
        site="CGK",
        node_name="cgk",
        center_url=center_url,
        node_key=node_key,
        trust_file=root / "central" / REFERENCE_KEYS / KEY_SET_FILE,
        lanes="C1:counter",
        reference_poll_s=0.2,
    )
    return create_edge(settings, clock=clock, database=Database(url), background=background)


def _officer(app: FastAPI, clock: FixedClock) -> dict[str, str]:
    database: Database = app.state.database
    with database.transaction() as session:
        account = accounts.create_account(
            session,
            username="supervisor",
            password="correct-horse-battery",
            roles=frozenset({Role.SUPERVISOR}),
            display_name=None,
            actor="t",
            at=clock.now(),
        )
        token = accounts.create_token(session, account=account, name="test", actor="t", at=clock.now())
    return {"Authorization": f"Bearer {token}"}


@contextmanager
def loopback(database: Database, clock: FixedClock, root: Path, *, background: bool) -> Iterator[Net]:
    center = create_center(Settings(data_dir=root / "central"), clock=clock, database=database)
    with ExitStack() as stack:
        center_url = stack.enter_context(serve(center))
        # A center that holds a revocation list signs it once; without one it signs an empty list at
        # each rebuild, and the checkpoint's other sections would never match for long.
        listed = RevocationList(version=1, issued_at=clock.now())
        text = sign_revocation_list(load_signer(root / "central" / VISA_KEYS), listed)
        with database.transaction() as session:
            session.add(VisaRevocationListRow(version=1, issued_at=listed.issued_at, text=text))
            replace_watchlist(session, _listed(LISTED), at=clock.now())
            key = accounts.create_node_credential(
                session, name="cgk", role="checkpoint", site="CGK", actor="t", at=clock.now()
            )
        edge = _edge_app(root, center_url, key, clock, background=background)
        officer = _officer(edge, clock)
        edge_url = stack.enter_context(serve(edge))
        yield Net(clock, database, center_url, key, edge, edge_url, officer)


@pytest.fixture
def net(database: Database, clock: FixedClock, tmp_path: Path) -> Iterator[Net]:
    with loopback(database, clock, tmp_path, background=False) as built:
        yield built


def test_a_name_listed_after_the_first_download_is_caught_after_one_small_delta_poll(net: Net) -> None:
    poller, client = net.poller()
    first = poller.poll_once()
    assert first is not None
    full_bytes = client.received[-1][1]
    assert codes(net.cross()) == {"visa_exempt"}

    # The center lists the traveller and withdraws one entry.
    net.list_at_center([*_listed(LISTED)[1:], WANTED])
    client.received.clear()
    assert poller.poll_once() is None  # no new snapshot: a delta

    assert [path for path, _ in client.received] == ["/api/v1/reference/watchlist-delta"]
    delta_bytes = client.received[0][1]
    assert delta_bytes * 50 < full_bytes, (delta_bytes, full_bytes)
    store = net.checkpoint.snapshots
    assert store is not None
    assert store.current is not None
    assert store.current.version == first.version  # the kept snapshot stays; the view moved
    assert net.checkpoint.reference.view.version > first.version
    crossing = net.cross()
    assert "wanted_person" in codes(crossing)
    assert crossing["reference_version"] == net.checkpoint.reference.view.version

    # The next poll finds nothing newer and transfers nothing but the answer's headers.
    client.received.clear()
    assert poller.poll_once() is None
    assert client.received == [("/api/v1/reference/watchlist-delta", 0)]


def test_a_tampered_delta_is_refused_and_audited_and_the_whole_snapshot_gives_the_right_index(
    net: Net,
) -> None:
    poller, client = net.poller()
    first = poller.poll_once()
    assert first is not None
    net.list_at_center([*_listed(LISTED)[1:], WANTED])
    # Someone on the wire renames the wanted person, hoping the checkpoint misses him.
    client.tamper = lambda text: text.replace("AMIR RAHMAN", "NOBODY ATALL")
    client.received.clear()

    installed = poller.poll_once()

    assert installed is not None
    assert installed.version > first.version
    assert [path for path, _ in client.received] == [
        "/api/v1/reference/watchlist-delta",
        "/api/v1/reference/snapshot",
    ]
    view = net.checkpoint.reference.view
    assert view.version == installed.version
    assert "wanted_person" in codes(net.cross())
    assert "E-000001" in matched(net, "PERSON1 SURNAME1", dt.date(1951, 2, 11))
    assert "E-000000" not in matched(net, "PERSON0 SURNAME0", dt.date(1950, 1, 10))  # withdrawn
    edge_db: Database = net.edge.state.database
    with edge_db.reading() as session:
        refused = session.execute(
            select(AuditEntryRow).where(AuditEntryRow.action == "reference.delta_refused")
        ).scalar_one()
    assert refused.actor == "node:cgk"
    assert refused.details["reason"].startswith("signed.")


def test_a_delta_already_applied_is_refused_as_a_replay_and_nothing_changes(net: Net) -> None:
    poller, client = net.poller()
    assert poller.poll_once() is not None
    net.list_at_center([*_listed(LISTED), WANTED])
    kept: list[str] = []

    def keep(text: str) -> str:
        kept.append(text)
        return text

    client.tamper = keep
    assert poller.poll_once() is None
    view = net.checkpoint.reference.view
    assert net.checkpoint.snapshots is not None
    deltas = ViewDeltas(
        net.checkpoint.reference, net.checkpoint.snapshots, net.edge.state.database, actor="t"
    )
    with pytest.raises(Conflict) as replay:
        deltas.apply(kept[0], at=net.clock.now())
    assert replay.value.reason == "watchlist.delta_out_of_sequence"
    assert net.checkpoint.reference.view is view


def test_the_running_checkpoint_polls_deltas_on_its_own(
    database: Database, clock: FixedClock, tmp_path: Path
) -> None:
    with loopback(database, clock, tmp_path, background=True) as running:
        store = running.checkpoint.snapshots
        assert store is not None
        # The poller builds the view from a snapshot before the store records it as held: wait for both.
        eventually(
            lambda: running.checkpoint.reference.view.version > 0 and store.current is not None,
            what="the checkpoint's first snapshot",
        )
        assert store.current is not None
        kept = store.current.version
        running.list_at_center([*_listed(LISTED), WANTED])
        eventually(
            lambda: running.checkpoint.reference.view.version > kept, what="the checkpoint to apply the delta"
        )
        assert "wanted_person" in codes(running.cross())
        assert store.current.version == kept


def test_a_restart_without_the_center_keeps_what_deltas_brought_and_refuses_an_edited_kept_delta(
    net: Net, tmp_path: Path
) -> None:
    poller, _client = net.poller()
    first = poller.poll_once()
    assert first is not None
    net.list_at_center([*_listed(LISTED), WANTED])
    assert poller.poll_once() is None
    moved = net.checkpoint.reference.view.version
    assert moved > first.version
    unreachable = "http://127.0.0.1:9"

    restarted = _edge_app(tmp_path, unreachable, net.node_key, net.clock, background=False)
    checkpoint: Checkpoint = restarted.state.checkpoint
    assert checkpoint.reference.view.version == moved
    query = ScreeningQuery("q", "AMIR RAHMAN", dt.date(1980, 1, 1), "MYS", "A9876543")
    assert "W-LATE" in {hit.entry_id for hit in checkpoint.reference.view.index.screen(query, on=ON)}

    kept = tmp_path / "cgk" / "reference" / DELTAS_FILE
    kept.write_text(kept.read_text().replace("AMIR RAHMAN", "NOBODY ATALL"))
    edited = _edge_app(tmp_path, unreachable, net.node_key, net.clock, background=False)
    checkpoint = edited.state.checkpoint
    assert checkpoint.reference.view.version == first.version
    assert "W-LATE" not in {hit.entry_id for hit in checkpoint.reference.view.index.screen(query, on=ON)}
