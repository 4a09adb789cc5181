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
EVERY_S = 30.0

router = APIRouter(prefix="/api/v1", tags=["status"])


def read_witnessed(path: Path) -> list[SignedHead]:
    """The heads kept at `path`; none if the file is absent or unreadable."""
    try:
        raw = json.loads(path.read_text())
        return [SignedHead.from_json(item) for item in raw]
    except (OSError, ValueError, TypeError):
        return []


class Witness:
    """Fetches the center's head now and then and keeps the ones that moved."""

    def __init__(self, path: Path, *, center_urls: list[str], node_key: str, timeout: float) -> None:
        self.path = path
        self.center_urls = center_urls
        self._headers = {"Authorization": f"Bearer {node_key}"}
        self._http = httpx.Client(timeout=timeout, follow_redirects=False)

    def fetch_once(self) -> SignedHead | None:
        """Ask each center URL in turn for its head; keep it if it is new; return it (None: no answer)."""
        for url in self.center_urls:
            try:
                response = self._http.get(f"{url.rstrip('/')}/api/v1/audit/head", headers=self._headers)
                if response.status_code != 200:
                    continue
                head = SignedHead.from_json(response.json())
            except (httpx.HTTPError, ValueError):
                continue
            kept = read_witnessed(self.path)
            if not kept or (kept[-1].seq, kept[-1].hash) != (head.seq, head.hash):
                rows = [h.to_json() for h in [*kept, head][-KEEP:]]
                replace_private(self.path, json.dumps(rows).encode())
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
