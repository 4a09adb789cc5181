"""A checkpoint applies the center's signed watchlist deltas in order, and refuses forged or missing ones."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime, timedelta

import pytest

from gerbang.infra.signing import Signer
from gerbang.kernel.errors import Conflict
from gerbang.kernel.signed import KeySet, SignatureRejected
from gerbang.screening import ScreeningQuery, WatchlistIndex, parse_entry
from gerbang.screening.deltas import DELTA_KIND, WatchlistReplica, delta_payload

AT = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
ON = AT.date()


def _matched(replica: WatchlistReplica, name: str, born: dt.date) -> set[str]:
    hits = replica.index.screen(ScreeningQuery("q", name, born, "IDN"), on=ON)
    return {hit.entry_id for hit in hits if hit.match}


@pytest.fixture
def signer() -> Signer:
    return Signer.generate()


@pytest.fixture
def keys(signer: Signer) -> KeySet:
    return KeySet((signer.public_key(not_before=AT - timedelta(days=1)),))


def _replica() -> WatchlistReplica:
    index = WatchlistIndex.build(
        [parse_entry({"id": "salim", "names": ["AGUS SALIM"], "birth_date": "1980-01-02", "list": "wanted"})]
    )
    return WatchlistReplica(index, version=7)


def _signed(signer: Signer, payload: dict[str, object]) -> str:
    return signer.sign_document(kind=DELTA_KIND, payload=payload, signed_at=AT)


def test_a_listed_person_is_stopped_once_the_delta_is_applied(signer: Signer, keys: KeySet) -> None:
    replica = _replica()
    added = parse_entry(
        {"id": "joesoef", "names": ["MOCHAMAD JOESOEF"], "birth_date": "1970-05-12", "list": "wanted"}
    )
    assert _matched(replica, "MUHAMMAD YUSUF", dt.date(1970, 5, 12)) == set()
    delta = _signed(signer, delta_payload(since=7, version=8, added=[added], removed=["salim"]))
    assert replica.apply(delta, keys=keys, at=AT) == 8
    assert _matched(replica, "MUHAMMAD YUSUF", dt.date(1970, 5, 12)) == {"joesoef"}
    assert _matched(replica, "AGUS SALIM", dt.date(1980, 1, 2)) == set()


def test_a_delta_signed_by_another_key_is_refused_and_changes_nothing(keys: KeySet) -> None:
    replica = _replica()
    forged = _signed(Signer.generate(), delta_payload(since=7, version=8, removed=["salim"]))
    with pytest.raises(SignatureRejected):
        replica.apply(forged, keys=keys, at=AT)
    assert replica.version == 7
    assert _matched(replica, "AGUS SALIM", dt.date(1980, 1, 2)) == {"salim"}


def test_a_delta_edited_after_signing_is_refused(signer: Signer, keys: KeySet) -> None:
    replica = _replica()
    delta = _signed(signer, delta_payload(since=7, version=8, removed=["other"]))
    with pytest.raises(SignatureRejected):
        replica.apply(delta.replace('"other"', '"salim"'), keys=keys, at=AT)
    assert _matched(replica, "AGUS SALIM", dt.date(1980, 1, 2)) == {"salim"}


def test_a_gap_or_a_replay_in_the_sequence_is_refused(signer: Signer, keys: KeySet) -> None:
    replica = _replica()
    skipped = _signed(signer, delta_payload(since=8, version=9, removed=["salim"]))
    with pytest.raises(Conflict):
        replica.apply(skipped, keys=keys, at=AT)
    first = _signed(signer, delta_payload(since=7, version=8))
    replica.apply(first, keys=keys, at=AT)
    with pytest.raises(Conflict):
        replica.apply(first, keys=keys, at=AT)
    assert replica.version == 8
    assert _matched(replica, "AGUS SALIM", dt.date(1980, 1, 2)) == {"salim"}
