"""After a restore a node serves nothing (503) and runs no background job until its restore is verified."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from gerbang.infra.backup.state import hold_path, read_hold

BackgroundLoop = Callable[[threading.Event], None]
_BODY = {
    "status": "not ready",
    "reason": "restore.not_verified",
    "message": "Restored from a backup that is not verified yet; run gerbang backup verify --restored.",
    "pesan": "Dipulihkan dari cadangan yang belum diverifikasi; jalankan gerbang backup verify --restored.",
}


class RestoreHold:
    """ASGI middleware: while the node's hold file exists, every path but /healthz answers 503."""

    def __init__(self, app: ASGIApp, *, data_dir: Path) -> None:
        self.app = app
        self.data_dir = data_dir

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # One stat per request: cheap, and a hold lifted by `verify` takes effect at the next request.
        if scope["type"] != "http" or scope["path"] == "/healthz" or not hold_path(self.data_dir).exists():
            await self.app(scope, receive, send)
            return
        hold = read_hold(self.data_dir) or {}
        body = json.dumps({**_BODY, "backup_id": hold.get("backup_id")}).encode()
        headers = [(b"content-type", b"application/json"), (b"retry-after", b"30")]
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def held(data_dir: Path, loops: Iterable[BackgroundLoop], *, poll_s: float = 1.0) -> list[BackgroundLoop]:
    """`loops` that each wait for the hold to be lifted before they start, so none writes unverified data."""

    def wrap(loop: BackgroundLoop) -> BackgroundLoop:
        def run(stop: threading.Event) -> None:
            while hold_path(data_dir).exists():
                if stop.wait(poll_s):
                    return
            loop(stop)

        return run

    return [wrap(loop) for loop in loops]
