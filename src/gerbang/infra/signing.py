"""Center-only signing: Ed25519 keys on disk, a Signer, key rotation and the public key set file."""

from __future__ import annotations

import fcntl
import hashlib
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gerbang.kernel.errors import Conflict, InvalidInput, MalformedInput, NotFound
from gerbang.kernel.signed import KeySet, PublicKey, envelope, retire, signing_input, utc

KEY_FILE = "signing-key.pem"
KEY_SET_FILE = "public-keys.json"
LOCK_FILE = ".keys.lock"


def key_id_for(public_bytes: bytes) -> str:
    """A short key id derived from the public key, so a key file alone tells which key it is."""
    return hashlib.sha256(public_bytes).hexdigest()[:8]


def _raw_public(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class Signer:
    """Signs with the center's active private key; never leaves the center."""

    private_key: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> Signer:
        return cls(Ed25519PrivateKey.generate())

    @property
    def public_bytes(self) -> bytes:
        return _raw_public(self.private_key)

    @property
    def key_id(self) -> str:
        return key_id_for(self.public_bytes)

    def public_key(self, *, not_before: datetime) -> PublicKey:
        """This signer's entry for a public key set, in use from `not_before`."""
        return PublicKey(key_id=self.key_id, public_bytes=self.public_bytes, not_before=utc(not_before))

    def sign(self, message: bytes) -> bytes:
        """The raw 64-byte Ed25519 signature of `message`."""
        return self.private_key.sign(message)

    def sign_document(self, *, kind: str, payload: Any, signed_at: datetime) -> str:
        """A signed JSON envelope of `kind` around `payload` (a snapshot, a revocation list, a key set)."""
        message = signing_input(kind=kind, key_id=self.key_id, signed_at=signed_at, payload=payload)
        return envelope(
            kind=kind, key_id=self.key_id, signed_at=signed_at, payload=payload, signature=self.sign(message)
        )


def write_private_key(path: Path, signer: Signer) -> None:
    """Write the key as unencrypted PKCS#8 PEM, readable by the owner only, replacing any file atomically."""
    pem = signer.private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    _write_atomically(path, pem, mode=0o600)


def read_private_key(path: Path) -> Signer:
    """Load a signer from a PEM file written by `write_private_key`."""
    try:
        mode = path.stat().st_mode
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFound("signing.no_key", field="key", path=path) from exc
    except OSError as exc:
        raise InvalidInput("signing.key_unreadable", field="key", path=path, strerror=exc.strerror) from exc
    # Like ssh, refuse a private key that others could have read: it may already be compromised.
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise InvalidInput("signing.key_mode", field="key", path=path)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise MalformedInput("signing.not_pem", field="key", path=path) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise MalformedInput("signing.not_ed25519", field="key", path=path)
    return Signer(key)


def write_key_set(path: Path, keys: KeySet) -> None:
    """Write the public key set that checkpoints trust, readable by this node's owner only.

    The keys are public, but nothing on the machine other than the node reads the file: an operator
    hands it to other nodes, and a file nobody else may read is one less thing to reason about.
    """
    _write_atomically(path, keys.dumps().encode(), mode=0o600)


def read_key_set(path: Path) -> KeySet:
    """Read a public key set file; a missing or unreadable file raises a GerbangError."""
    try:
        text = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFound("signing.no_key_set", field="trust", path=path) from exc
    except OSError as exc:
        raise InvalidInput(
            "signing.key_set_unreadable", field="trust", path=path, strerror=exc.strerror
        ) from exc
    return KeySet.loads(text)


def create_key_directory(directory: Path, *, at: datetime) -> KeySet:
    """Make a first signing key and its public key set in `directory`; refuses to overwrite a key."""
    key_path = directory / KEY_FILE
    if key_path.exists():
        raise Conflict("signing.key_exists", field="out", key_path=key_path)
    directory.mkdir(parents=True, exist_ok=True)
    signer = Signer.generate()
    keys = KeySet((signer.public_key(not_before=at),))
    write_private_key(key_path, signer)
    write_key_set(directory / KEY_SET_FILE, keys)
    return keys


def rotate(keys: KeySet, old: Signer, new: Signer, *, at: datetime, verify_until: datetime) -> KeySet:
    """Make `new` the signing key from `at`; `old` stops signing then but verifies until `verify_until`."""
    current = keys.get(old.key_id)
    if current is None:
        raise Conflict("signing.active_not_in_set", key_id=old.key_id)
    return keys.with_keys([retire(current, at=at, verify_until=verify_until), new.public_key(not_before=at)])


def rotate_key_directory(directory: Path, *, at: datetime, verify_until: datetime) -> KeySet:
    """Rotate the signing key in `directory`, keeping the old public key in the set until `verify_until`."""
    old = load_signer(directory)
    keys = read_key_set(directory / KEY_SET_FILE)
    new = Signer.generate()
    rotated = rotate(keys, old, new, at=at, verify_until=verify_until)
    # Publish the new public key before the new private key can sign anything.
    write_key_set(directory / KEY_SET_FILE, rotated)
    write_private_key(directory / KEY_FILE, new)
    return rotated


def ensure_signing_keys(directory: Path, *, at: datetime) -> KeySet:
    """The key set of `directory`, made with a first key if there is none yet.

    Several center processes may start at once on one key directory (each site holds a copy, and
    a site runs several processes): a lock file makes exactly one of them create the key.
    """
    directory.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        if not (directory / KEY_SET_FILE).exists():
            return create_key_directory(directory, at=at)
        return read_key_set(directory / KEY_SET_FILE)
    finally:
        os.close(descriptor)


def add_site_key(shared: Path, site_directory: Path, *, at: datetime) -> KeySet:
    """Give another site a signing key of its own, trusted beside the keys `shared` already lists.

    No key is retired: documents signed by either site verify at any edge that holds the new set,
    and an edge still holding the old set keeps accepting what the first key signs. The new set is
    written to both directories; the new private key only to `site_directory`.
    """
    if (site_directory / KEY_FILE).exists():
        raise Conflict("signing.exists", field="out", path=site_directory / KEY_FILE)
    keys = read_key_set(shared / KEY_SET_FILE)
    signer = Signer.generate()
    merged = keys.with_keys([signer.public_key(not_before=at)])
    site_directory.mkdir(parents=True, exist_ok=True)
    # Published before the new key can sign anything, as in a rotation.
    write_key_set(shared / KEY_SET_FILE, merged)
    write_key_set(site_directory / KEY_SET_FILE, merged)
    write_private_key(site_directory / KEY_FILE, signer)
    return merged


def load_signer(directory: Path) -> Signer:
    """The active signer of a key directory."""
    return read_private_key(directory / KEY_FILE)


def _write_atomically(path: Path, data: bytes, *, mode: int) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    # Created with its final mode so the bytes are never readable by others, even for a moment.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    os.fchmod(descriptor, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
