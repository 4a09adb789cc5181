"""Structured logs: one JSON object a line, with the time, the level, where, and the request it served."""

from __future__ import annotations

import json
import logging
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

# The request being served, carried into every line logged while serving it and into calls to
# other nodes (the X-Request-ID header), so one traveller's upload can be followed node to node.
request_id: ContextVar[str | None] = ContextVar("gerbang_request_id", default=None)
REQUEST_ID_HEADER = "x-request-id"


def outgoing_request_id() -> str:
    """The id a call to another node carries: the request being served, or a fresh one for background work."""
    return request_id.get() or uuid.uuid4().hex


# Attributes every LogRecord has; anything else was passed with `extra=` and is logged as a field.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "color_message",
}


class JsonLines(logging.Formatter):
    """Formats a record as one JSON line; never includes a request body or personal data by itself."""

    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = request_id.get()
        if current:
            event["request_id"] = current
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                event[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_info and record.exc_info[0] is not None:
            event["error"] = record.exc_info[0].__name__  # the type only: a message may carry personal data
        return json.dumps(event, ensure_ascii=False)


def config(level: str = "info") -> dict[str, Any]:
    """A logging configuration (for uvicorn's `log_config`) writing JSON lines to standard error."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonLines}},
        "handlers": {"default": handler},
        "root": {"handlers": ["default"], "level": level.upper()},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"level": level.upper()},
            "uvicorn.access": {"handlers": ["default"], "level": "WARNING", "propagate": False},
        },
    }
