"""The vault: the center drops sets into it, the vault side seals them read-only and immutable, and prunes.

Layout: INCOMING (vault-owned, mode 1733: others may create files but not list, and the sticky bit
stops them removing files they do not own) and SEALED (vault-owned, 0755), where each set's files
are vault-owned, 0444 and, where the file system allows, `chattr +i`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from gerbang.infra.backup.crypto import sha256_file
from gerbang.infra.backup.manifest import MANIFEST, BackupBroken, read_manifest
from gerbang.infra.backup.once import copy_once
from gerbang.kernel.errors import Conflict, NotFound
from gerbang.recovery.backup.catalogue import list_sets

INCOMING, SEALED = "incoming", "sealed"
_SEP = "__"


def incoming(vault: Path) -> Path:
    return vault / INCOMING


def sealed(vault: Path) -> Path:
    return vault / SEALED


def existing(vault: Path) -> Path:
    """`vault`, if `gerbang backup vault-init` made it there; a mistyped path is named, never created."""
    if not (incoming(vault).is_dir() and sealed(vault).is_dir()):
        raise NotFound("backup.no_vault", field="vault", vault=vault)
    return vault


def init_vault(vault: Path, *, owner: str | None = None) -> None:
    """Create the vault's two directories; with `owner` (as root), hand them to the vault's OS user."""
    vault.mkdir(parents=True, exist_ok=True)
    incoming(vault).mkdir(exist_ok=True)
    sealed(vault).mkdir(exist_ok=True)
    # Readable by the center (restores read SEALED); writable by the vault user alone. INCOMING is
    # write-and-enter for others with the sticky bit: the center drops files it can never list.
    os.chmod(vault, 0o755)  # noqa: S103
    os.chmod(incoming(vault), 0o1733)  # noqa: S103
    os.chmod(sealed(vault), 0o755)  # noqa: S103
    if owner is not None:
        for path in (vault, incoming(vault), sealed(vault)):
            shutil.chown(path, owner, owner)


def drop_set(directory: Path, vault: Path) -> int:
    """Center side: copy a finished set into INCOMING, its manifest last; return the bytes sent."""
    manifest = read_manifest(directory, None)
    names = [f.name for f in manifest.files] + [MANIFEST]
    sent = 0
    for name in names:
        # 0644: the vault side must read what it seals; the center could not read INCOMING anyway.
        copy_once(directory / name, incoming(vault) / f"{manifest.backup_id}{_SEP}{name}", mode=0o644)
        sent += (directory / name).stat().st_size
    return sent


def make_immutable(path: Path) -> bool:
    """`chattr +i` the file; False when the file system or our privileges do not allow it."""
    chattr = shutil.which("chattr")
    if chattr is None:
        return False
    done = subprocess.run([chattr, "+i", str(path)], capture_output=True, check=False)  # noqa: S603
    return done.returncode == 0


def release_immutable(path: Path) -> None:
    chattr = shutil.which("chattr")
    if chattr is not None:
        subprocess.run([chattr, "-i", str(path)], capture_output=True, check=False)  # noqa: S603


@dataclass(frozen=True)
class Sealed:
    """What one seal run did."""

    sets: list[str]
    immutable: bool
    refused: list[str]


def seal(vault: Path, *, owner: str | None = None) -> Sealed:
    """Vault side: move each fully arrived set (manifest present, every digest right) into SEALED.

    Run as the vault's OS user, or as root with `owner` naming it, which can also `chattr +i`.
    """
    waiting = incoming(vault)
    by_set: dict[str, list[Path]] = {}
    for path in sorted(waiting.iterdir()):
        if _SEP in path.name and not path.name.startswith("."):
            by_set.setdefault(path.name.split(_SEP, 1)[0], []).append(path)
    done, refused, immutable = [], [], True
    for backup_id, paths in by_set.items():
        if not (waiting / f"{backup_id}{_SEP}{MANIFEST}").is_file():
            continue  # still arriving
        try:
            immutable &= _seal_one(vault, backup_id, owner)
            done.append(backup_id)
        except (BackupBroken, Conflict) as exc:
            refused.append(f"{backup_id}: {exc}")
        for path in paths:
            path.unlink(missing_ok=True)
    return Sealed(done, immutable, refused)


def _seal_one(vault: Path, backup_id: str, owner: str | None) -> bool:
    staging = incoming(vault) / f".{backup_id}.check"
    staging.mkdir(mode=0o700, exist_ok=True)
    try:
        shutil.copyfile(incoming(vault) / f"{backup_id}{_SEP}{MANIFEST}", staging / MANIFEST)
        manifest = read_manifest(staging, None)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if manifest.backup_id != backup_id:
        raise BackupBroken(backup_id, "manifest", "names another set")
    for entry in manifest.files:
        arrived = incoming(vault) / f"{backup_id}{_SEP}{entry.name}"
        if not arrived.is_file() or sha256_file(arrived) != entry.sha256:
            raise BackupBroken(str(arrived), "checksum", "did not arrive whole")
    target = sealed(vault) / backup_id
    if target.exists():
        raise Conflict("backup.sealed", backup_id=backup_id)
    target.mkdir(mode=0o755)
    immutable = True
    for name in [f.name for f in manifest.files] + [MANIFEST]:
        copy_once(incoming(vault) / f"{backup_id}{_SEP}{name}", target / name, mode=0o444)
        if owner is not None:
            shutil.chown(target / name, owner, owner)
        immutable &= make_immutable(target / name)
    if owner is not None:
        shutil.chown(target, owner, owner)
    immutable &= make_immutable(target)
    return immutable


def prune(vault: Path, *, keep_days: float, keep_at_least: int, now: datetime) -> list[str]:
    """Vault side: remove sealed sets older than `keep_days`, always keeping the newest `keep_at_least`."""
    removed = []
    for listed in list_sets(sealed(vault))[keep_at_least:]:
        if now - listed.manifest.created <= timedelta(days=keep_days):
            continue
        release_immutable(listed.directory)
        for path in listed.directory.iterdir():
            release_immutable(path)
        shutil.rmtree(listed.directory)
        removed.append(listed.manifest.backup_id)
    return removed
