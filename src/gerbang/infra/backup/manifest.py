"""The manifest of one backup set: its files with SHA-256, the row counts, signed with the backup key."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from gerbang.infra.backup.crypto import manifest_tag
from gerbang.infra.backup.once import write_once

MANIFEST = "manifest.json"


class BackupBroken(Exception):
    """A backup that fails a check; names the file and the check so an operator knows what broke."""

    def __init__(self, file: str, check: str, detail: str) -> None:
        super().__init__(f"{file}: {check} failed: {detail}")
        self.file, self.check, self.detail = file, check, detail


@dataclass(frozen=True)
class FileEntry:
    """One encrypted file in a set: where it came from, its size and the digests of both forms."""

    name: str
    source: str
    sha256: str
    plain_sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    """What a backup set holds; written last, so a set without one was never finished."""

    backup_id: str
    store: str
    node: str
    created_at: str
    files: list[FileEntry]
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.created_at)

    def body(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode()

    def write(self, directory: Path, key: bytes) -> None:
        document = {"manifest": asdict(self), "tag": manifest_tag(key, self.body())}
        write_once(directory / MANIFEST, json.dumps(document, indent=1).encode(), mode=0o600)


def _parse(raw: dict[str, Any]) -> Manifest:
    files = [FileEntry(**f) for f in raw["files"]]
    return Manifest(**{**raw, "files": files})


def read_manifest(directory: Path, key: bytes | None) -> Manifest:
    """The set's manifest; with a key, raise BackupBroken unless its tag matches (wrong key or edited)."""
    path = directory / MANIFEST
    try:
        document = json.loads(path.read_bytes())
        manifest = _parse(document["manifest"])
    except FileNotFoundError:
        raise BackupBroken(str(path), "manifest", "the manifest is missing") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupBroken(str(path), "manifest", f"the manifest cannot be read ({exc})") from None
    if key is not None and manifest_tag(key, manifest.body()) != document.get("tag"):
        raise BackupBroken(
            str(path), "manifest signature", "does not match this key: wrong key, or the manifest was edited"
        )
    return manifest
