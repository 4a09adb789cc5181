"""A node whose every admission slot is taken says so on /readyz at once, instead of timing out."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
from fastapi import APIRouter, FastAPI

from gerbang.infra.database import Database
from gerbang.infra.migrate import upgrade
from gerbang.kernel.clock import FixedClock
from gerbang.web.app import REQUESTS_AT_ONCE, build_app


def test_readiness_is_503_while_every_admission_slot_is_taken(
    tmp_path: Path, clock: FixedClock, serve_app: Callable[[FastAPI], AbstractContextManager[str]]
) -> None:
    url = f"sqlite:///{(tmp_path / 'gerbang.db').as_posix()}"
    upgrade(url)
    release = threading.Event()
    router = APIRouter()

    @router.get("/busy")
    def busy() -> dict[str, str]:
        release.wait(30)
        return {"done": "yes"}

    app = build_app(title="t", database=Database(url), clock=clock, routers=[router])
    with serve_app(app) as base:
        assert httpx.get(f"{base}/readyz", timeout=10).status_code == 200
        workers = [
            threading.Thread(target=httpx.get, args=(f"{base}/busy",), kwargs={"timeout": 60})
            for _ in range(REQUESTS_AT_ONCE)
        ]
        for worker in workers:
            worker.start()
        time.sleep(1.5)  # every slot taken
        # Answered without waiting for a slot: a waiting request would get one only after the release.
        full = httpx.get(f"{base}/readyz", timeout=10)
        assert full.status_code == 503
        assert full.json()["admission"] == "full"
        assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200
        release.set()
        for worker in workers:
            worker.join(timeout=30)
        assert httpx.get(f"{base}/readyz", timeout=10).status_code == 200
