"""Every node gzips what is worth compressing for a client that asks, and nothing for one that does not."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
from fastapi import FastAPI

from gerbang.apps.status import create_app
from gerbang.infra import migrate
from gerbang.infra.database import Database
from gerbang.infra.settings import Settings
from gerbang.status.settings import StatusSettings, Target

ServeApp = Callable[[FastAPI], AbstractContextManager[str]]


def _status_app(tmp_path: Path) -> FastAPI:
    url = f"sqlite:///{tmp_path / 'status.db'}"
    migrate.upgrade(url)
    settings = Settings(data_dir=tmp_path, role="status", node_name="status")
    status = StatusSettings(checkpoints=[Target(name="cgk", site="CGK", url="http://127.0.0.1:9")])
    return create_app(settings, status=status, database=Database(url), background=False)


def test_pages_and_htmx_are_gzipped_for_a_client_that_asks(tmp_path: Path, serve_app: ServeApp) -> None:
    with serve_app(_status_app(tmp_path)) as base, httpx.Client(base_url=base) as client:
        for path in ("/?lang=id", "/static/htmx.min.js", "/live?lang=en"):
            zipped = client.get(path, headers={"Accept-Encoding": "gzip"})
            assert zipped.status_code == 200, path
            assert zipped.headers.get("content-encoding") == "gzip", (path, len(zipped.content))
            assert zipped.num_bytes_downloaded < len(zipped.content), path
            plain = client.get(path, headers={"Accept-Encoding": "identity"})
            assert "content-encoding" not in plain.headers, path
            assert plain.content == zipped.content, path
        page = client.get("/?lang=id", headers={"Accept-Encoding": "gzip"})
        assert page.num_bytes_downloaded * 4 < len(page.content)  # the page is mostly repetition


def test_a_small_answer_is_sent_as_it_is(tmp_path: Path, serve_app: ServeApp) -> None:
    with serve_app(_status_app(tmp_path)) as base:
        small = httpx.get(f"{base}/healthz", headers={"Accept-Encoding": "gzip"})
        assert small.status_code == 200
        assert "content-encoding" not in small.headers
