"""Signed reference snapshots: published by the center, verified and kept by the edge, never forged."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from gerbang.border.center.watchlist import replace_watchlist, watchlist_section
from gerbang.infra.database import Database
from gerbang.infra.signing import Signer
from gerbang.kernel.clock import FixedClock
from gerbang.kernel.errors import GerbangError
from gerbang.kernel.signed import KeySet
from gerbang.sync.center.publisher import Audience, ReferencePublisher, only_for, own_site_for
from gerbang.sync.center.versions import bump_version
from gerbang.sync.edge.reference_store import CHECKED_FILE, ReferenceStore, read_snapshot

ENTRY = {
    "id": "W1",
    "names": ["AGUS SALIM"],
    "birth_date": "1970-01-01",
    "nationality": "IDN",
    "documents": [],
    "list": "exit-ban",
    "valid_until": None,
}


@pytest.fixture
def signer() -> Signer:
    return Signer.generate()


def _trust(signer: Signer, clock: FixedClock) -> KeySet:
    return KeySet((signer.public_key(not_before=clock.now() - timedelta(days=1)),))


def _publish(database: Database, signer: Signer, clock: FixedClock) -> str:
    publisher = ReferencePublisher(signer, [watchlist_section], reuse_for=timedelta(seconds=30))
    with database.transaction() as session:
        return publisher.latest(session, at=clock.now()).text


def test_edge_installs_the_center_snapshot_with_its_watchlist(
    database: Database, signer: Signer, clock: FixedClock, tmp_path: Path
) -> None:
    with database.transaction() as session:
        replace_watchlist(session, [ENTRY], at=clock.now())
    store = ReferenceStore(tmp_path, _trust(signer, clock))
    snapshot = store.install(_publish(database, signer, clock), at=clock.now())
    assert snapshot is not None
    assert snapshot.version == 1
    assert [e["id"] for e in snapshot.sections["watchlist"]] == ["W1"]


def test_a_changed_byte_or_a_foreign_key_is_refused(
    database: Database, signer: Signer, clock: FixedClock, tmp_path: Path
) -> None:
    text = _publish(database, signer, clock)
    store = ReferenceStore(tmp_path, _trust(signer, clock))
    forged = text.replace('"version":0', '"version":9')
    assert forged != text
    with pytest.raises(GerbangError):
        store.install(forged, at=clock.now())
    with pytest.raises(GerbangError):
        ReferenceStore(tmp_path / "other", _trust(Signer.generate(), clock)).install(text, at=clock.now())
    assert store.current is None


def test_an_older_snapshot_never_replaces_a_newer_one(
    database: Database, signer: Signer, clock: FixedClock, tmp_path: Path
) -> None:
    store = ReferenceStore(tmp_path, _trust(signer, clock))
    old = _publish(database, signer, clock)
    with database.transaction() as session:
        replace_watchlist(session, [ENTRY], at=clock.now())
    clock.advance(timedelta(minutes=1))
    new = _publish(database, signer, clock)
    assert store.install(new, at=clock.now()) is not None
    assert store.install(old, at=clock.now()) is None
    assert store.current is not None
    assert store.current.version == 1


def test_kept_snapshot_is_verified_again_when_read_back(
    database: Database, signer: Signer, clock: FixedClock, tmp_path: Path
) -> None:
    ReferenceStore(tmp_path, _trust(signer, clock)).install(_publish(database, signer, clock), at=clock.now())
    reopened = ReferenceStore(tmp_path, _trust(signer, clock))
    assert reopened.load(at=clock.now()) is not None
    kept = tmp_path / "reference-snapshot.json"
    kept.write_text(kept.read_text().replace("watchlist", "watchlisT"))
    with pytest.raises(GerbangError):
        ReferenceStore(tmp_path, _trust(signer, clock)).load(at=clock.now())


def test_the_centers_last_confirmation_is_kept_across_a_restart_for_that_snapshot_only(
    database: Database, signer: Signer, clock: FixedClock, tmp_path: Path
) -> None:
    store = ReferenceStore(tmp_path, _trust(signer, clock))
    snapshot = store.install(_publish(database, signer, clock), at=clock.now())
    assert snapshot is not None
    assert store.checked_at == clock.now()
    clock.advance(timedelta(hours=7))
    store.confirmed(digest="another snapshot's digest", at=clock.now())
    assert store.checked_at == clock.now() - timedelta(hours=7)
    store.confirmed(digest=snapshot.digest, at=clock.now())
    assert store.checked_at == clock.now()

    clock.advance(timedelta(minutes=1))
    reopened = ReferenceStore(tmp_path, _trust(signer, clock))
    assert reopened.load(at=clock.now()) is not None
    assert reopened.checked_at == clock.now() - timedelta(minutes=1)

    # A kept time that cannot be right (unreadable, or later than now) is not believed.
    kept = tmp_path / CHECKED_FILE
    for text in ("{not json", f'{{"digest": "{snapshot.digest}", "checked_at": "2099-01-01T00:00:00Z"}}'):
        kept.write_text(text)
        again = ReferenceStore(tmp_path, _trust(signer, clock))
        assert again.load(at=clock.now()) is not None
        assert again.checked_at is None


def test_each_node_receives_only_the_sections_it_needs(
    database: Database, signer: Signer, clock: FixedClock
) -> None:
    def offices(_session: object, _at: object) -> tuple[str, object]:
        return "passport_offices", {"JKS": {"appointments": ["jks"]}, "SBY": {"appointments": ["sby"]}}

    publisher = ReferencePublisher(
        signer,
        [watchlist_section, offices],
        reuse_for=timedelta(seconds=30),
        scopes={"watchlist": only_for("checkpoint"), "passport_offices": own_site_for("office")},
    )
    trust = _trust(signer, clock)
    with database.transaction() as session:
        replace_watchlist(session, [ENTRY], at=clock.now())
        texts = {
            who: publisher.latest(session, at=clock.now(), audience=audience).text
            for who, audience in [("cgk", Audience("checkpoint", "CGK")), ("jks", Audience("office", "JKS"))]
        }
    checkpoint = read_snapshot(texts["cgk"], trust=trust, at=clock.now()).sections
    office = read_snapshot(texts["jks"], trust=trust, at=clock.now()).sections
    assert set(checkpoint) == {"watchlist"}
    assert office == {"passport_offices": {"JKS": {"appointments": ["jks"]}}}


def test_a_change_for_one_node_does_not_change_what_another_receives(
    database: Database, signer: Signer, clock: FixedClock
) -> None:
    appointments = {"JKS": {"appointments": ["first"]}}

    def offices(_session: object, _at: object) -> tuple[str, object]:
        return "passport_offices", appointments

    publisher = ReferencePublisher(
        signer,
        [watchlist_section, offices],
        reuse_for=timedelta(seconds=30),
        scopes={"watchlist": only_for("checkpoint"), "passport_offices": own_site_for("office")},
    )
    checkpoint, office = Audience("checkpoint", "CGK"), Audience("office", "JKS")
    with database.transaction() as session:
        before = {a: publisher.latest(session, at=clock.now(), audience=a) for a in (checkpoint, office)}
        appointments["JKS"] = {"appointments": ["first", "second"]}
        bump_version(session, reason="office data changed", at=clock.now())
        after = {a: publisher.latest(session, at=clock.now(), audience=a) for a in (checkpoint, office)}
    assert after[checkpoint].version == before[checkpoint].version + 1
    assert after[checkpoint].digest == before[checkpoint].digest
    assert after[office].digest != before[office].digest
