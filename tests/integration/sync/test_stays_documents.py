"""A checkpoint's copy of the stays list: verified before use, kept across restarts, never forged."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from gerbang.infra.signing import Signer
from gerbang.kernel.clock import FixedClock
from gerbang.kernel.errors import GerbangError, MalformedInput
from gerbang.kernel.signed import KeySet, SignatureRejected, format_time
from gerbang.sync.domain import SNAPSHOT_KIND, STAYS_KIND
from gerbang.sync.edge.stays import STAYS_FILE, StaysStore

KEY = "ab" * 32
STAY = {
    "key": KEY,
    "crossing_id": "019ee374-2420-7397-8ee2-8b53d5b5118d",
    "site": "DPS",
    "entered_at": "2026-06-20T05:15:00Z",
    "permitted_until": "2026-07-19",
}


@pytest.fixture
def signer() -> Signer:
    return Signer.generate()


def trust(signer: Signer, clock: FixedClock) -> KeySet:
    return KeySet((signer.public_key(not_before=clock.now() - timedelta(days=1)),))


def document(
    signer: Signer, clock: FixedClock, *, version: int = 1, stays: Any = None, kind: str = STAYS_KIND
) -> str:
    payload = {
        "version": version,
        "issued_at": format_time(clock.now()),
        "key_id": "k1",
        "stays": [STAY] if stays is None else stays,
    }
    return signer.sign_document(kind=kind, payload=payload, signed_at=clock.now())


def test_a_verified_list_is_kept_and_read_back_after_a_restart(
    signer: Signer, clock: FixedClock, tmp_path: Path
) -> None:
    store = StaysStore(tmp_path, trust(signer, clock))
    installed = store.install(document(signer, clock), at=clock.now())
    assert installed is not None
    assert installed.stays[KEY].site == "DPS"
    assert store.checked_at == clock.now()
    clock.advance(timedelta(hours=7))
    store.confirmed(digest=installed.digest, at=clock.now())  # the center answered "nothing newer"
    clock.advance(timedelta(minutes=1))
    reopened = StaysStore(tmp_path, trust(signer, clock))
    kept = reopened.load(at=clock.now())
    assert kept is not None
    assert kept.digest == installed.digest
    assert reopened.checked_at == clock.now() - timedelta(minutes=1)


def test_a_tampered_list_is_rejected_and_nothing_is_kept(
    signer: Signer, clock: FixedClock, tmp_path: Path
) -> None:
    text = document(signer, clock)
    forged = text.replace("2026-07-19", "2027-07-19")  # a longer stay, to hide an overstay
    assert forged != text
    store = StaysStore(tmp_path, trust(signer, clock))
    with pytest.raises(SignatureRejected):
        store.install(forged, at=clock.now())
    with pytest.raises(SignatureRejected):
        store.install(document(Signer.generate(), clock), at=clock.now())
    assert store.current is None
    assert not (tmp_path / STAYS_FILE).exists()


def test_a_kept_list_changed_on_disk_is_refused_at_start_up(
    signer: Signer, clock: FixedClock, tmp_path: Path
) -> None:
    StaysStore(tmp_path, trust(signer, clock)).install(document(signer, clock), at=clock.now())
    kept = tmp_path / STAYS_FILE
    kept.write_text(kept.read_text().replace("DPS", "CGK"))
    with pytest.raises(GerbangError):
        StaysStore(tmp_path, trust(signer, clock)).load(at=clock.now())


def test_a_snapshot_cannot_pose_as_a_stays_list(signer: Signer, clock: FixedClock, tmp_path: Path) -> None:
    with pytest.raises(MalformedInput, match="foreigner-stays"):
        StaysStore(tmp_path, trust(signer, clock)).install(
            document(signer, clock, kind=SNAPSHOT_KIND), at=clock.now()
        )


@pytest.mark.parametrize(
    ("stays", "problem"),
    [
        ([STAY | {"key": "A1234567"}], "stay 1 .* SHA-256"),
        ([STAY, STAY | {"permitted_until": "soon"}], "stay 2"),
        ([STAY | {"crossing_id": None}], "stay 1"),
        ("everyone", "list of stays"),
    ],
)
def test_a_signed_but_unreadable_list_is_refused_with_the_reason(
    signer: Signer, clock: FixedClock, tmp_path: Path, stays: Any, problem: str
) -> None:
    store = StaysStore(tmp_path, trust(signer, clock))
    with pytest.raises(MalformedInput, match=problem):
        store.install(document(signer, clock, stays=stays), at=clock.now())
    assert store.current is None


def test_an_older_list_never_replaces_a_newer_one(signer: Signer, clock: FixedClock, tmp_path: Path) -> None:
    store = StaysStore(tmp_path, trust(signer, clock))
    old = document(signer, clock, version=3)
    clock.advance(timedelta(minutes=1))
    assert store.install(document(signer, clock, version=4, stays=[]), at=clock.now()) is not None
    assert store.install(old, at=clock.now()) is None
    assert store.current is not None
    assert store.current.stays == {}
