"""The vault side of pgBackRest's repository 2: sealed, versioned copies that the center cannot change.

pgBackRest rewrites some files of a repository in place (backup.info, archive.info), so the
repository itself cannot be immutable. The vault therefore seals copies: each new content of a
path is sealed as `PATH@<nanoseconds of the seal>`, never over an older one. A restore assembles a
repository from the newest version of each path sealed at or before the chosen moment, so what an
attacker writes into the repository after that moment, even once sealed, is never read.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gerbang.infra.backup.crypto import sha256_file
from gerbang.infra.backup.once import copy_once
from gerbang.recovery.backup.vault import make_immutable, sealed

PG_DIR = "pgbackrest"
_AT = "@"


@dataclass(frozen=True)
class RepoSealed:
    """What one seal of the repository did."""

    new: int
    versions: int
    unchanged: int
    immutable: bool


def _versions(target: Path) -> list[tuple[int, Path]]:
    """Every sealed version of one path, oldest first."""
    found = []
    for other in target.parent.glob(f"{target.name}{_AT}*") if target.parent.exists() else []:
        suffix = other.name.rsplit(_AT, 1)[1]
        if suffix.isdigit():
            found.append((int(suffix), other))
    return sorted(found)


def seal_repo(landing: Path, vault: Path, *, at: datetime, owner: str | None = None) -> RepoSealed:
    """Vault side: seal what is new or changed in the repository at `landing`."""
    root = sealed(vault) / PG_DIR
    new = versions = unchanged = 0
    immutable = True
    stamp = int(at.timestamp() * 1_000_000_000)
    for directory, _dirs, files in os.walk(landing):
        for name in sorted(files):
            source = Path(directory) / name
            target = root / source.relative_to(landing)
            if not source.is_file() or source.is_symlink() or _AT in name:
                continue
            history = _versions(target)
            if history and sha256_file(history[-1][1]) == sha256_file(source):
                unchanged += 1
                continue
            destination = target.with_name(f"{target.name}{_AT}{stamp}")
            _make_dirs(target.parent, root, owner)
            copy_once(source, destination, mode=0o444)
            if owner is not None:
                shutil.chown(destination, owner, owner)
            immutable &= make_immutable(destination)
            new, versions = (new + 1, versions) if not history else (new, versions + 1)
    return RepoSealed(new, versions, unchanged, immutable)


def _make_dirs(directory: Path, root: Path, owner: str | None) -> None:
    missing = [p for p in [directory, *directory.parents] if p.is_relative_to(root) and not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o755)
        if owner is not None:
            shutil.chown(path, owner, owner)


def assemble_repo(vault: Path, target: Path, *, before: datetime | None = None) -> int:
    """A repository under `target` from each path's newest version sealed at or before `before`."""
    root = sealed(vault) / PG_DIR
    limit = int(before.timestamp() * 1_000_000_000) if before else None
    written = 0
    for directory, _dirs, files in os.walk(root):
        for name in {f.rsplit(_AT, 1)[0] for f in files if _AT in f}:
            base = Path(directory) / name
            chosen = [p for stamp, p in _versions(base) if limit is None or stamp <= limit]
            if not chosen:
                continue
            out = target / base.relative_to(root)
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(chosen[-1], out)
            written += 1
    return written
