"""The status node as the center's audit witness: it keeps the last heads of the center's audit chain.

The status node runs in a failure domain of its own, so someone who can rewrite the center's database
(and even its files) cannot reach these. Each head carries a MAC under the center's audit key, which
the status node never holds: it cannot forge one, only keep and show what it was given.
`gerbang audit verify --witness STATUS_URL` then finds a cut tail at the center.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

import httpx
from fastapi import APIRouter, Request

from gerbang.infra.audit_heads import SignedHead
from gerbang.infra.keyfile import replace_private

log = logging.getLogger("gerbang.status")

WITNESS_FILE = Path("audit") / "center-heads.json"
KEEP = 500
# Heads the center's chain stopped continuing (cut or rewritten under them) are kept apart, never
# pushed out by newer ones: an attacker who waits for the last KEEP rounds to pass still shows.
KEEP_EVIDENCE = 1000
EVERY_S = 30.0

router = APIRouter(prefix="/api/v1", tags=["status"])


def read_witnessed(path: Path) -> list[SignedHead]:
    """The heads kept at `path`; none if the file is absent or unreadable."""
    try:
        return [SignedHead.from_json(item) for item in _read_rows(path)]
    except ValueError:
        return []


def _read_rows(path: Path) -> list[dict[str, Any]]:
    try:
        raw = json.loads(path.read_text())
    except (OSError, ValueError):
        return []
    return [row for row in raw if isinstance(row, dict)] if isinstance(raw, list) else []


def continues(last: SignedHead, head: SignedHead, anchor: Any) -> bool:
    """Whether `head` can follow `last`: the chain did not go back, and still holds `last` (by `anchor`)."""
    if head.seq < last.seq:
        return False
    if head.seq == last.seq:
        return head.hash == last.hash
    if not isinstance(anchor, dict) or anchor.get("seq") != last.seq:
        return True  # a center that does not say (an older release): nothing to hold against it
    return anchor.get("hash") == last.hash


def trimmed(rows: list[dict[str, Any]], *, keep: int) -> list[dict[str, Any]]:
    """The last `keep` heads, and every head marked as evidence (the first KEEP_EVIDENCE), in order."""
    evidence = {id(row) for row in [r for r in rows if r.get("evidence")][:KEEP_EVIDENCE]}
    recent = {id(row) for row in [r for r in rows if not r.get("evidence")][-keep:]}
    return [row for row in rows if id(row) in evidence or id(row) in recent]


class Witness:
    """Fetches the center's head now and then and keeps the ones that moved."""

    def __init__(
        self, path: Path, *, center_urls: list[str], node_key: str, timeout: float, keep: int = KEEP
    ) -> None:
        self.path = path
        self.center_urls = center_urls
        self.keep = keep
        self._headers = {"Authorization": f"Bearer {node_key}"}
        self._http = httpx.Client(timeout=timeout, follow_redirects=False)

    def fetch_once(self) -> SignedHead | None:
        """Ask each center URL in turn for its head; keep it if it is new; return it (None: no answer).

        The center is asked for the entry of the last head kept too: if its chain no longer holds that
        head (cut or rewritten, even if it has grown longer since), that head is kept as evidence.
        """
        rows = _read_rows(self.path)
        try:
            last = SignedHead.from_json(rows[-1]) if rows else None
        except ValueError:
            last = None
        params = {"anchor_seq": last.seq} if last is not None and last.seq > 0 else {}
        for url in self.center_urls:
            try:
                response = self._http.get(
                    f"{url.rstrip('/')}/api/v1/audit/head", headers=self._headers, params=params
                )
                if response.status_code != 200:
                    continue
                body = response.json()
                head = SignedHead.from_json(body)
            except (httpx.HTTPError, ValueError):
                continue
            if last is not None and not continues(last, head, body.get("anchor")):
                log.error(
                    "the center's audit chain no longer holds head %s (now at %s): it was cut or rewritten",
                    last.seq,
                    head.seq,
                )
                rows[-1] = {**rows[-1], "evidence": True}
            if last is None or (last.seq, last.hash) != (head.seq, head.hash):
                kept = trimmed([*rows, head.to_json()], keep=self.keep)
                replace_private(self.path, json.dumps(kept).encode())
            return head
        return None

    def run(self, stop: threading.Event, *, every: float = EVERY_S) -> None:
        while not stop.is_set():
            if self.fetch_once() is None:
                log.info("the center's audit head could not be fetched this round")
            stop.wait(every)

    def close(self) -> None:
        self._http.close()


@router.get("/audit-heads")
def witnessed_heads(request: Request) -> dict[str, Any]:
    """The center's audit heads this node was given, oldest first (each with the center's MAC)."""
    path: Path | None = getattr(request.app.state, "audit_witness_file", None)
    return {"heads": [h.to_json() for h in read_witnessed(path)] if path else []}
