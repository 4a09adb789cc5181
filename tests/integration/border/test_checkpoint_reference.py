"""A checkpoint decides with the center's signed entry policy and stays list, kept on disk across restarts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gerbang.apps.edge import create_app
from gerbang.border.domain import stay_lookup_key
from gerbang.border.packaged_policy import packaged_policy_document
from gerbang.documents import make_zone
from gerbang.infra import accounts
from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.infra.signing import KEY_SET_FILE, Signer, create_key_directory, load_signer
from gerbang.kernel.clock import FixedClock
from gerbang.kernel.signed import KeySet, b64url_encode, format_time
from gerbang.sync.domain import SNAPSHOT_KIND, STAYS_KIND
from gerbang.sync.edge.reference_store import SNAPSHOT_FILE, ReferenceStore
from gerbang.sync.edge.stays import STAYS_FILE

SECRET = b"s" * 32
Checkpoint = Callable[..., AbstractContextManager[tuple[TestClient, dict[str, str]]]]


def snapshot(signer: Signer, clock: FixedClock, *, policy: Any, key_id: str = "k1") -> str:
    payload = {
        "version": 7,
        "issued_at": format_time(clock.now()),
        "border_policy": policy,
        "stays_key": {"key_id": key_id, "secret": b64url_encode(SECRET)},
    }
    return signer.sign_document(kind=SNAPSHOT_KIND, payload=payload, signed_at=clock.now())


def stays(
    signer: Signer, clock: FixedClock, *, number: str, entered_days_ago: int, key_id: str = "k1"
) -> str:
    entered = clock.now() - timedelta(days=entered_days_ago)
    stay = {
        "key": stay_lookup_key(SECRET, nationality="MYS", document_number=number),
        "crossing_id": str(new_id(entered)),
        "site": "DPS",
        "entered_at": format_time(entered),
        "permitted_until": (entered.date() + timedelta(days=29)).isoformat(),
    }
    payload = {"version": 3, "issued_at": format_time(clock.now()), "key_id": key_id, "stays": [stay]}
    return signer.sign_document(kind=STAYS_KIND, payload=payload, signed_at=clock.now())


@pytest.fixture
def checkpoint(database: Database, clock: FixedClock, tmp_path: Path) -> Checkpoint:
    """`with checkpoint(snapshot=..., stays=...) as (client, officer)` starts a checkpoint with kept files."""
    create_key_directory(tmp_path / "keys", at=clock.now() - timedelta(days=1))
    with database.transaction() as session:
        account = accounts.create_account(
            session,
            username="officer",
            password="correct-horse-battery",
            roles=frozenset({Role.CHECKPOINT_OFFICER}),
            display_name=None,
            actor="t",
            at=clock.now(),
        )
        token = accounts.create_token(session, account=account, name="t", actor="t", at=clock.now())

    @contextmanager
    def start(**kept: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
        (tmp_path / "reference").mkdir(exist_ok=True)
        for name, text in kept.items():
            (tmp_path / "reference" / {"snapshot": SNAPSHOT_FILE, "stays": STAYS_FILE}[name]).write_text(text)
        settings = Settings(
            data_dir=tmp_path,
            role="checkpoint",
            site="CGK",
            node_name="cgk",
            trust_file=tmp_path / "keys" / "public-keys.json",
        )
        app = create_app(settings, clock=clock, database=database, background=False)
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client, {"Authorization": f"Bearer {token}"}

    return start


def leave(client: TestClient, officer: dict[str, str], number: str) -> dict[str, Any]:
    zone = make_zone(
        format="TD3",
        document_type="P",
        issuing_state="MYS",
        surname="RAHMAN",
        given_names="AMIR",
        document_number=number,
        nationality="MYS",
        birth_date="800101",
        sex="M",
        expiry_date="340101",
    )
    body = {
        "mrz": zone,
        "direction": "exit",
        "lane": "C1",
        "flight": None,
        "credential": None,
        "biometric_match": True,
    }
    response = client.post("/api/v1/crossings", json=body, headers=officer)
    assert response.status_code == 201, response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_without_a_snapshot_the_checkpoint_says_it_decides_on_the_packaged_policy(
    checkpoint: Checkpoint,
) -> None:
    with checkpoint() as (client, officer):
        health = client.get("/api/v1/health", headers=officer).json()
    assert health["entry_policy"] == "packaged"
    assert health["stays_version"] is None
    assert any("packaged with this release" in w for w in health["warnings"])
    assert any("no foreigners' stays" in w for w in health["warnings"])


def test_kept_policy_and_stays_are_used_after_a_restart_and_a_local_exit_ends_the_stay(
    checkpoint: Checkpoint, tmp_path: Path, clock: FixedClock
) -> None:
    signer = load_signer(tmp_path / "keys")
    kept = {
        "snapshot": snapshot(signer, clock, policy=packaged_policy_document()),
        "stays": stays(signer, clock, number="A1111111", entered_days_ago=40),
    }
    with checkpoint(**kept) as (client, officer):
        health = client.get("/api/v1/health", headers=officer).json()
        assert (health["entry_policy"], health["reference_version"]) == ("center", 7)
        assert (health["stays_version"], health["stays_entries"]) == (3, 1)
        assert not [w for w in health["warnings"] if "packaged" in w or "stays" in w]
        first = leave(client, officer, "A1111111")
        assert (first["decision"], first["overstay_fine"]) == ("refer", 11 * 1_000_000)
        # The exit recorded here is newer than the center's entry: the stay is over.
        again = leave(client, officer, "A1111111")
        assert [r["code"] for r in again["reasons"]] == ["no_stay_record"]


def test_a_signed_snapshot_with_an_unreadable_policy_is_not_used(
    checkpoint: Checkpoint, tmp_path: Path, clock: FixedClock
) -> None:
    signer = load_signer(tmp_path / "keys")
    with checkpoint(snapshot=snapshot(signer, clock, policy={"format": "nonsense"})) as (client, officer):
        health = client.get("/api/v1/health", headers=officer).json()
    assert (health["entry_policy"], health["reference_version"]) == ("packaged", 0)


def test_a_stays_list_hashed_with_another_key_is_not_used_and_health_says_so(
    checkpoint: Checkpoint, tmp_path: Path, clock: FixedClock
) -> None:
    signer = load_signer(tmp_path / "keys")
    kept = {
        "snapshot": snapshot(signer, clock, policy=packaged_policy_document(), key_id="k2"),
        "stays": stays(signer, clock, number="A2222222", entered_days_ago=40),
    }
    with checkpoint(**kept) as (client, officer):
        health = client.get("/api/v1/health", headers=officer).json()
        assert any("lookup key this checkpoint does not hold" in w for w in health["warnings"])
        assert [r["code"] for r in leave(client, officer, "A2222222")["reasons"]] == ["no_stay_record"]


def test_after_a_restart_an_old_snapshot_the_center_confirmed_lately_is_not_stale(
    checkpoint: Checkpoint, tmp_path: Path, clock: FixedClock
) -> None:
    signer = load_signer(tmp_path / "keys")
    issued = clock.now()
    trust = KeySet.loads((tmp_path / "keys" / KEY_SET_FILE).read_bytes())
    store = ReferenceStore(tmp_path / "reference", trust)
    kept = store.install(snapshot(signer, clock, policy=packaged_policy_document()), at=clock.now())
    assert kept is not None
    clock.advance(timedelta(hours=7))
    store.confirmed(digest=kept.digest, at=clock.now())  # the center answered "nothing newer"
    clock.advance(timedelta(minutes=1))

    with checkpoint() as (client, officer):
        health = client.get("/api/v1/health", headers=officer).json()
    assert (health["reference_version"], health["reference_issued_at"]) == (7, issued.isoformat())
    assert health["reference_checked_at"] == (clock.now() - timedelta(minutes=1)).isoformat()
    assert health["reference_stale"] is False
    assert not [w for w in health["warnings"] if "reference data" in w]
