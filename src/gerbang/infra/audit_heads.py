"""The audit log's head published outside the database, MAC-ed with the audit key, so a cut tail shows.

Every node writes its current head (sequence number and last hash) to a file in its key directory at
a steady pace, keeping the last ones; the status node keeps those of the center too. Someone who can
change the database but not that directory cannot delete the last entries (and the head row) without
`gerbang audit verify` noticing, and cannot forge a head without the key.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gerbang.infra.audit import ChainBreak, PublishedHead, current_head, head_mac
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow
from gerbang.kernel.clock import Clock, as_utc

log = logging.getLogger(__name__)

HEADS_FILE = Path("audit") / "heads.json"
KEEP = 200
EVERY_S = 10.0


@dataclass(frozen=True)
class SignedHead:
    """A head with when it was taken and its MAC under the node's audit key."""

    seq: int
    hash: str
    at: str
    mac: str

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash, "at": self.at, "mac": self.mac}

    @classmethod
    def from_json(cls, raw: Any) -> SignedHead:
        if not isinstance(raw, dict):
            raise ValueError("a head is an object")
        seq, digest, at, mac = raw.get("seq"), raw.get("hash"), raw.get("at"), raw.get("mac")
        if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 2**63:
            raise ValueError("a head's seq is a non-negative integer")
        if not all(isinstance(v, str) and len(v) <= 100 for v in (digest, at, mac)):
            raise ValueError("a head's hash, at and mac are short strings")
        return cls(seq, str(digest), str(at), str(mac))

    def genuine(self, key: bytes) -> bool:
        return hmac.compare_digest(head_mac(seq=self.seq, hash=self.hash, key=key), self.mac)


def sign_head(head: PublishedHead, *, key: bytes, at: datetime) -> SignedHead:
    """`head` as published at `at`."""
    return SignedHead(
        head.seq,
        head.hash,
        as_utc(at).isoformat(timespec="seconds"),
        head_mac(seq=head.seq, hash=head.hash, key=key),
    )


def heads_path(database: Database) -> Path | None:
    """Where `database`'s node keeps its published heads; None for a database with no directory."""
    return database.key_dir / HEADS_FILE if database.key_dir else None


def read_heads(path: Path) -> list[SignedHead]:
    """The heads kept at `path` (none if the file is absent); ValueError if it is not a list of heads."""
    if not path.exists():
        return []
    raw = json.loads(path.read_text())
    if not isinstance(raw, list):
        raise ValueError(f"{path} is not a list of audit heads")
    return [SignedHead.from_json(item) for item in raw]


def _write_heads(path: Path, heads: list[SignedHead]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump([head.to_json() for head in heads], handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def publish(database: Database, *, at: datetime) -> SignedHead | None:
    """Add the database's current head to its heads file if it moved; return it (None: no file)."""
    path = heads_path(database)
    if path is None:
        return None
    with database.reading() as session:
        head = current_head(session)
    signed = sign_head(head, key=database.audit_key.get(), at=at)
    try:
        kept = read_heads(path)
    except ValueError:
        kept = []  # a damaged file is replaced; verify reports the heads it no longer finds
    if kept and kept[-1].seq >= head.seq:
        return kept[-1]
    _write_heads(path, [*kept, signed][-KEEP:])
    return signed


def publish_loop(database: Database, clock: Clock, *, every: float = EVERY_S) -> Any:
    """A background loop publishing the head every `every` seconds until stopped."""

    def once() -> None:
        try:
            publish(database, at=clock.now())
        except Exception as exc:  # a busy or closed database skips one round, never stops the loop
            log.warning("audit head not published: %s", type(exc).__name__)

    def run(stop: threading.Event) -> None:
        while not stop.is_set():
            once()
            stop.wait(every)
        once()

    return run


def checked(heads: list[SignedHead], key: bytes) -> tuple[list[PublishedHead], int]:
    """The genuine heads among `heads`, and how many were not genuine (forged or for another key)."""
    good = [PublishedHead(h.seq, h.hash) for h in heads if h.genuine(key)]
    return good, len(heads) - len(good)


def first_unwitnessed(session: Session, heads: list[SignedHead], key: bytes) -> ChainBreak | None:
    """The first head a witness kept that the chain no longer holds as it was, in order of `seq`.

    A witness's head is checked against the entry itself, not against the chain's own consistency:
    a chain cut or rewritten by someone who also holds the audit key (and so recomputes every hash
    and head row) still differs here. A head not signed with `key` counts too: the key was replaced.
    """
    wanted = sorted((h for h in heads if h.seq > 0), key=lambda h: h.seq)
    found: dict[int, str] = {}
    seqs = sorted({h.seq for h in wanted})
    for start in range(0, len(seqs), 500):
        chunk = seqs[start : start + 500]
        rows = session.execute(
            select(AuditEntryRow.seq, AuditEntryRow.hash).where(AuditEntryRow.seq.in_(chunk))
        )
        found.update((int(seq), str(digest)) for seq, digest in rows)
    last = session.execute(select(func.max(AuditEntryRow.seq))).scalar() or 0
    for head in wanted:
        named = {"at": head.at, "hash": head.hash[:12]}
        if not head.genuine(key):
            return ChainBreak(head.seq, "changed", "audit.witness_not_genuine", named)
        kept = found.get(head.seq)
        if kept is None:
            return ChainBreak(head.seq, "deleted", "audit.witness_missing", {**named, "last": last})
        if not hmac.compare_digest(kept, head.hash):
            return ChainBreak(head.seq, "changed", "audit.witness_differs", {**named, "found": kept[:12]})
    return None
