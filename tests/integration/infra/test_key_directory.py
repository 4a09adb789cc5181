"""The center's keys in a directory of their own: shared by both sites, made once, and a site key added."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from gerbang.apps.central import create_app, key_paths
from gerbang.cli.main import app as main_app
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.settings import Settings
from gerbang.infra.signing import KEY_SET_FILE, add_site_key, ensure_signing_keys, load_signer, read_key_set
from gerbang.kernel.clock import FixedClock
from gerbang.kernel.signed import KeySet, SignatureFailure, SignatureRejected, verify_signed
from gerbang.sync.domain import SNAPSHOT_KIND

AT = datetime(2026, 6, 20, 4, 15, tzinfo=UTC)


def _site(root: Path, name: str, keys: Path, clock: FixedClock) -> tuple[TestClient, str]:
    """A center site with its own data directory and database, the shared keys, and a checkpoint key."""
    url = f"sqlite:///{root / name / 'gerbang.db'}"
    migrate.upgrade(url)
    # As `gerbang central serve --keys` opens it: the audit key beside the signing keys, shared too.
    database = Database(url, key_dir=root / name, audit_key_file=keys / "audit.key")
    with database.transaction() as session:
        node_key = accounts.create_node_credential(
            session, name="cgk", role="checkpoint", site="CGK", actor="t", at=clock.now()
        )
    settings = Settings(data_dir=root / name, keys_dir=keys)
    return TestClient(create_app(settings, clock=clock, database=database)), node_key


def _app(client: TestClient) -> FastAPI:
    app = client.app
    assert isinstance(app, FastAPI)
    return app


def test_both_sites_sign_with_the_keys_directory_and_keep_no_key_in_their_data(tmp_path: Path) -> None:
    clock = FixedClock(AT)
    keys = tmp_path / "keys"
    site_a, key_a = _site(tmp_path, "site-a", keys, clock)
    site_b, key_b = _site(tmp_path, "site-b", keys, clock)
    # What an edge was given once, from the key directory: it verifies what either site signs.
    trust = read_key_set(keys / "reference" / KEY_SET_FILE)
    with site_a, site_b:
        for client, node_key in ((site_a, key_a), (site_b, key_b)):
            response = client.get(
                "/api/v1/reference/snapshot", headers={"Authorization": f"Bearer {node_key}"}
            )
            assert response.status_code == 200, response.text
            assert verify_signed(response.text, keys=trust, kind=SNAPSHOT_KIND, at=clock.now()).payload
        assert _app(site_a).state.payment_secret == _app(site_b).state.payment_secret
    for site in ("site-a", "site-b"):
        assert not (tmp_path / site / "keys").exists()  # losing a data disk loses no key
    for secret in ("payment-callback.secret", "audit.key"):
        assert (keys / secret).stat().st_mode & 0o077 == 0


def test_the_keys_default_to_the_data_directory(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    assert key_paths(settings)["reference"] == tmp_path / "data" / "keys" / "reference"


def test_processes_starting_together_make_one_signing_key(tmp_path: Path) -> None:
    directory = tmp_path / "reference"
    sets: list[KeySet] = []
    lock = threading.Lock()

    def start() -> None:
        made = ensure_signing_keys(directory, at=AT)
        with lock:
            sets.append(made)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({tuple(key.key_id for key in s.keys) for s in sets}) == 1
    (only,) = sets[0].keys
    assert load_signer(directory).key_id == only.key_id  # the private key is the one the set lists


def test_an_edge_trusts_a_new_site_key_once_its_set_has_it_and_keeps_trusting_the_old(tmp_path: Path) -> None:
    shared, site_b = tmp_path / "keys" / "reference", tmp_path / "site-b-keys" / "reference"
    ensure_signing_keys(shared, at=AT)
    old_trust = read_key_set(shared / KEY_SET_FILE)  # what edges hold before the rotation
    added = AT + timedelta(days=1)
    new_trust = add_site_key(shared, site_b, at=added)
    assert read_key_set(site_b / KEY_SET_FILE) == new_trust == read_key_set(shared / KEY_SET_FILE)
    assert len(new_trust.keys) == 2
    at = added + timedelta(hours=1)
    payload = {"version": 7, "issued_at": "2026-06-21T05:15:00Z"}
    by_a = load_signer(shared).sign_document(kind=SNAPSHOT_KIND, payload=payload, signed_at=at)
    by_b = load_signer(site_b).sign_document(kind=SNAPSHOT_KIND, payload=payload, signed_at=at)

    # An edge still on the old set: the first site's documents pass, the new key is not yet trusted.
    assert verify_signed(by_a, keys=old_trust, kind=SNAPSHOT_KIND, at=at).payload == payload
    with pytest.raises(SignatureRejected) as refused:
        verify_signed(by_b, keys=old_trust, kind=SNAPSHOT_KIND, at=at)
    assert refused.value.failure == SignatureFailure.UNKNOWN_KEY
    # Given the new set, it accepts both sites' documents.
    for text in (by_a, by_b):
        assert verify_signed(text, keys=new_trust, kind=SNAPSHOT_KIND, at=at).payload == payload
    # The second site's key does not predate its addition: nothing it "signed" before counts.
    early = load_signer(site_b).sign_document(kind=SNAPSHOT_KIND, payload=payload, signed_at=AT)
    with pytest.raises(SignatureRejected):
        verify_signed(early, keys=new_trust, kind=SNAPSHOT_KIND, at=at)


def test_add_site_key_gives_the_other_site_a_key_of_its_own_that_edges_trust_beside_the_first(
    tmp_path: Path,
) -> None:
    clock = FixedClock(datetime.now(UTC) + timedelta(minutes=5))  # after the key is added, as in use
    keys, keys_b = tmp_path / "keys", tmp_path / "keys-b"
    site_a, key_a = _site(tmp_path, "site-a", keys, clock)
    old_trust = read_key_set(keys / "reference" / KEY_SET_FILE)
    added = CliRunner().invoke(
        main_app, ["central", "add-site-key", "--keys", str(keys), "--out", str(keys_b)]
    )
    assert added.exit_code == 0, added.output
    site_b, key_b = _site(tmp_path, "site-b", keys_b, clock)
    new_trust = read_key_set(keys / "reference" / KEY_SET_FILE)
    assert new_trust == read_key_set(keys_b / "reference" / KEY_SET_FILE)
    with site_a, site_b:
        by_a, by_b = (
            client.get("/api/v1/reference/snapshot", headers={"Authorization": f"Bearer {key}"}).text
            for client, key in ((site_a, key_a), (site_b, key_b))
        )
        assert _app(site_a).state.payment_secret == _app(site_b).state.payment_secret
    signed_a = verify_signed(by_a, keys=new_trust, kind=SNAPSHOT_KIND, at=clock.now())
    signed_b = verify_signed(by_b, keys=new_trust, kind=SNAPSHOT_KIND, at=clock.now())
    assert signed_a.key_id != signed_b.key_id  # each site signs with its own key
    assert verify_signed(by_a, keys=old_trust, kind=SNAPSHOT_KIND, at=clock.now()).key_id == signed_a.key_id
    with pytest.raises(SignatureRejected):
        verify_signed(by_b, keys=old_trust, kind=SNAPSHOT_KIND, at=clock.now())
    for secret in ("stays/lookup-key", "payment-callback.secret", "audit.key"):
        assert (keys_b / secret).read_bytes() == (keys / secret).read_bytes()
    again = CliRunner().invoke(
        main_app, ["central", "add-site-key", "--keys", str(keys), "--out", str(keys_b)]
    )
    assert again.exit_code == 2  # never overwrites a site's key
