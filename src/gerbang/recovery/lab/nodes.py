"""`nodes.json` of a lab: every process, its role, site, URL and pid (and Patroni's URL for PostgreSQL)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

NODES_FILE = "nodes.json"
ROLES = ("central", "checkpoint", "office", "status", "postgres", "etcd")


@dataclass
class LabNode:
    """One process of the lab as `nodes.json` lists it."""

    name: str
    role: str
    site: str | None
    url: str
    pid: int | None = None
    patroni_url: str | None = None
    data_dir: str | None = None
    config: str | None = None
    token: str | None = None
    command: list[str] = field(default_factory=list)


def write_nodes(root: Path, nodes: list[LabNode]) -> None:
    """Write aside and rename, readable by the owner only (it holds API tokens)."""
    path = root / NODES_FILE
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps({"nodes": [asdict(n) for n in nodes]}, indent=2) + "\n")
    temporary.chmod(0o600)
    temporary.replace(path)


def read_nodes(root: Path) -> list[LabNode]:
    data = json.loads((root / NODES_FILE).read_text())
    return [LabNode(**node) for node in data["nodes"]]
