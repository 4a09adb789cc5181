"""Serve a node's app with uvicorn under the limits every node shares, its files private to its owner."""

from __future__ import annotations

import os

import uvicorn
from fastapi import FastAPI

from gerbang.infra import logs
from gerbang.infra.settings import Settings

# Files a node creates (databases, logs, keys, reference copies) are its owner's alone.
PRIVATE_UMASK = 0o077
# Connections served at once before uvicorn answers 503; well under the open-file limit, and far above
# what admission lets in, so slow clients waiting outside the gate cannot starve those inside it.
CONNECTIONS = 4096
# An idle kept-alive connection is closed after this long; headers larger than this are refused.
KEEP_ALIVE_S = 5
HEADERS_BYTES = 64 * 1024


def private_files() -> None:
    """From now on this process creates files and directories readable by its owner only."""
    os.umask(PRIVATE_UMASK)


def run(app: FastAPI, settings: Settings) -> None:
    """Serve `app` on the settings' host and port until stopped."""
    private_files()
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        log_config=logs.config(settings.log_level),
        access_log=False,
        timeout_keep_alive=KEEP_ALIVE_S,
        limit_concurrency=CONNECTIONS,
        h11_max_incomplete_event_size=HEADERS_BYTES,
        timeout_graceful_shutdown=10,
    )
