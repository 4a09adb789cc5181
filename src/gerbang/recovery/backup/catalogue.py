"""The sets a repository holds, newest first, and the newest one taken before a given moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gerbang.infra.backup.manifest import MANIFEST, BackupBroken, Manifest, read_manifest
from gerbang.kernel.errors import NotFound


@dataclass(frozen=True)
class Listed:
    """A finished set (it has a manifest) in a repository, read without the key."""

    directory: Path
    manifest: Manifest

    @property
    def size(self) -> int:
        return sum(f.size for f in self.manifest.files)


def list_sets(repo: Path) -> list[Listed]:
    """Every finished set in `repo`, newest first; unreadable manifests are skipped here, caught by verify."""
    if not repo.is_dir():
        return []
    found = []
    for directory in repo.iterdir():
        if directory.name.startswith(".") or not (directory / MANIFEST).is_file():
            continue
        try:
            found.append(Listed(directory, read_manifest(directory, None)))
        except BackupBroken:
            continue
    return sorted(found, key=lambda s: s.manifest.created, reverse=True)


def newest(repo: Path, *, before: datetime | None = None) -> Listed:
    """The newest set in `repo`, or the newest taken at or before `before`."""
    for listed in list_sets(repo):
        if before is None or listed.manifest.created <= before:
            return listed
    when = f" taken before {before.isoformat()}" if before else ""
    raise NotFound("backup.none_found", field="repo", when=when, repo=repo)
