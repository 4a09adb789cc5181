"""Center only: crossings received from every checkpoint, the entry policy and foreigners' stays."""

from __future__ import annotations

from gerbang.border.center.crossings import (
    STOPPING_LISTS,
    OfflineRescreener,
    ingest_crossings,
    list_alerts,
    list_crossings,
    parse_crossing,
)

__all__ = [
    "STOPPING_LISTS",
    "OfflineRescreener",
    "ingest_crossings",
    "list_alerts",
    "list_crossings",
    "parse_crossing",
]
