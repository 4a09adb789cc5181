"""The center's signing keys on disk: owner-only private key, public key set, rotation."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gerbang.infra.signing import (
    KEY_FILE,
    KEY_SET_FILE,
    Signer,
    create_key_directory,
    load_signer,
    read_key_set,
    read_private_key,
    rotate_key_directory,
    write_private_key,
)
from gerbang.kernel.errors import Conflict, InvalidInput, MalformedInput, NotFound
from gerbang.kernel.signed import SignatureFailure, SignatureRejected, verify_signed

START = datetime(2024, 1, 1, tzinfo=UTC)
ROTATED = datetime(2024, 7, 1, tzinfo=UTC)
UNTIL = datetime(2029, 7, 2, tzinfo=UTC)


def test_new_key_directory_holds_an_owner_only_key_and_its_public_key(tmp_path: Path) -> None:
    keys = create_key_directory(tmp_path / "keys", at=START)
    signer = load_signer(tmp_path / "keys")
    assert stat.S_IMODE((tmp_path / "keys" / KEY_FILE).stat().st_mode) == 0o600
    assert read_key_set(tmp_path / "keys" / KEY_SET_FILE) == keys
    assert [key.key_id for key in keys.keys] == [signer.key_id]


def test_creating_keys_twice_is_a_conflict(tmp_path: Path) -> None:
    create_key_directory(tmp_path, at=START)
    with pytest.raises(Conflict):
        create_key_directory(tmp_path, at=START)


def test_private_key_round_trips_through_pem(tmp_path: Path) -> None:
    signer = Signer.generate()
    write_private_key(tmp_path / "k.pem", signer)
    assert (tmp_path / "k.pem").read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert read_private_key(tmp_path / "k.pem").public_bytes == signer.public_bytes


def test_a_key_file_others_can_read_is_refused(tmp_path: Path) -> None:
    write_private_key(tmp_path / "k.pem", Signer.generate())
    (tmp_path / "k.pem").chmod(0o640)
    with pytest.raises(InvalidInput, match="0600"):
        read_private_key(tmp_path / "k.pem")


def test_missing_or_garbled_key_files_raise_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        read_private_key(tmp_path / "absent.pem")
    with pytest.raises(NotFound):
        read_key_set(tmp_path / "absent.json")
    garbled = tmp_path / "garbled.pem"
    garbled.write_text("not a key")
    garbled.chmod(0o600)
    with pytest.raises(MalformedInput):
        read_private_key(garbled)


def test_rotation_signs_with_the_new_key_and_keeps_the_old_one_verifying(tmp_path: Path) -> None:
    create_key_directory(tmp_path, at=START)
    old = load_signer(tmp_path)
    before = old.sign_document(kind="watchlist", payload={"v": 1}, signed_at=ROTATED - timedelta(days=1))
    keys = rotate_key_directory(tmp_path, at=ROTATED, verify_until=UNTIL)
    new = load_signer(tmp_path)
    after = new.sign_document(kind="watchlist", payload={"v": 2}, signed_at=ROTATED + timedelta(days=1))

    assert new.key_id != old.key_id
    assert read_key_set(tmp_path / KEY_SET_FILE) == keys
    retired = keys.get(old.key_id)
    assert retired is not None
    assert (retired.retired_at, retired.verify_until) == (ROTATED, UNTIL)
    assert verify_signed(before, keys=keys, kind="watchlist", at=UNTIL).payload == {"v": 1}
    assert verify_signed(after, keys=keys, kind="watchlist", at=UNTIL).payload == {"v": 2}
    with pytest.raises(SignatureRejected) as caught:
        verify_signed(before, keys=keys, kind="watchlist", at=UNTIL + timedelta(seconds=1))
    assert caught.value.failure is SignatureFailure.KEY_NOT_VALID


def test_a_stolen_retired_key_cannot_sign_after_retirement(tmp_path: Path) -> None:
    create_key_directory(tmp_path, at=START)
    old = load_signer(tmp_path)
    keys = rotate_key_directory(tmp_path, at=ROTATED, verify_until=UNTIL)
    late = old.sign_document(kind="watchlist", payload={}, signed_at=ROTATED + timedelta(hours=1))
    with pytest.raises(SignatureRejected) as caught:
        verify_signed(late, keys=keys, kind="watchlist", at=ROTATED + timedelta(hours=2))
    assert caught.value.failure is SignatureFailure.KEY_NOT_VALID
