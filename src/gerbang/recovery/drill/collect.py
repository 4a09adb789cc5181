"""What the center holds after recovery, read through its API: crossings, office records, alerts, outages."""

from __future__ import annotations

from typing import Any

import httpx


class Center:
    """Reads the recovered center as an administrator would, a page at a time."""

    def __init__(self, url: str, token: str) -> None:
        self.client = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30)

    def close(self) -> None:
        self.client.close()

    def _get(self, path: str, **params: Any) -> Any:
        answer = self.client.get(path, params=params)
        answer.raise_for_status()
        return answer.json()

    def crossing_ids(self, site: str) -> list[str]:
        """One id per crossing row the center stores for `site` (an id stored twice would appear twice)."""
        ids: list[str] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"site": site, "limit": 1000}
            if cursor:
                params["cursor"] = cursor
            page = self._get("/api/v1/crossings", **params)
            ids += [c["id"] for c in page["crossings"]]
            cursor = page["next_cursor"]
            if cursor is None:
                return ids

    def office_records(self, site: str) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = []
        after = None
        while True:
            params: dict[str, Any] = {"site": site, "limit": 1000}
            if after:
                params["after"] = after
            page = self._get("/api/v1/passports/office-records", **params)
            records += page["records"]
            after = page["next_after"]
            if after is None:
                return records

    def alerts(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self._get("/api/v1/alerts", limit=1000)["alerts"]
        return found

    def outages(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self._get("/api/v1/passports/outages")
        return found
