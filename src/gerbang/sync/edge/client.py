"""Edge side of the wire: the calls an edge node makes to the center, authenticated with its node key."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from gerbang.infra.logs import REQUEST_ID_HEADER, outgoing_request_id
from gerbang.kernel.errors import InvalidInput, Unavailable
from gerbang.sync.domain import UploadRecord

log = logging.getLogger("gerbang.sync")


@dataclass(frozen=True)
class UploadReceipt:
    """The center's answer to a batch."""

    acknowledged: list[uuid.UUID]
    held_through_seq: int


@dataclass(frozen=True)
class DeltaAnswer:
    """The center's answer to "what changed since": nothing, a signed delta, or "take the whole list"."""

    outcome: Literal["current", "delta", "full"]
    text: str | None = None


# Answers that mean "this center cannot serve now" (its database is switching, it is read-only, a
# proxy in front of it has no backend): another center may, so they count as not answering.
SWITCH_STATUSES = frozenset({502, 503, 504})


def center_urls(urls: str | Sequence[str]) -> list[str]:
    """Center URLs from one string (comma-separated) or a list, without trailing slashes or blanks."""
    items = urls.split(",") if isinstance(urls, str) else [part for url in urls for part in url.split(",")]
    found = [item.strip().rstrip("/") for item in items if item.strip()]
    if not found:
        raise InvalidInput("sync.no_center_url", field="center_url")
    return found


class CenterClient:
    """HTTP calls to the center; every failure to get a clear answer is Unavailable (retry later).

    Given several center URLs (processes of one center, or both sites), it uses one as primary and,
    when that one stops answering, asks every center's /readyz and moves to the first that says it
    can write, then sends the same request there once. Uploads stay safe across the switch because
    the center stores each record once by its id, whichever process or site receives it.
    """

    def __init__(
        self,
        base_url: str | Sequence[str],
        node_key: str,
        *,
        timeout: float = 10.0,
        probe_timeout: float = 2.0,
    ) -> None:
        self.urls = center_urls(base_url)
        headers = {"Authorization": f"Bearer {node_key}"}
        self._clients = {
            url: httpx.Client(base_url=url, timeout=timeout, headers=headers) for url in self.urls
        }
        self._probe_timeout = probe_timeout
        self._primary = self.urls[0]
        self._lock = threading.Lock()

    @property
    def primary(self) -> str:
        """The center this client sends to now."""
        return self._primary

    def close(self) -> None:
        for client in self._clients.values():
            client.close()

    def _writable(self, url: str) -> bool:
        try:
            response = self._clients[url].get("/readyz", timeout=self._probe_timeout)
            answer = response.json() if response.status_code == 200 else {}
        except (httpx.HTTPError, ValueError):
            return False
        # A center from before readiness told writability is taken at its word that it is ready.
        return isinstance(answer, dict) and answer.get("writable", True) is True

    def choose_primary(self, *, failed: str | None = None) -> str | None:
        """Ask the centers, the others before `failed`, which can write; make the first one primary."""
        order = [url for url in self.urls if url != failed] + ([failed] if failed else [])
        for url in order:
            if self._writable(url):
                with self._lock:
                    previous, self._primary = self._primary, url
                if url != previous:
                    log.warning("center %s is not answering; switched to %s", previous, url)
                return url
        return None

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """The answer of the primary, or of the center switched to when the primary does not answer."""
        primary = self._primary
        # One id per call, the same on a retry at the other center, so its log lines join the edge's.
        kwargs["headers"] = {**kwargs.get("headers", {}), REQUEST_ID_HEADER: outgoing_request_id()}
        try:
            response = self._clients[primary].request(method, path, **kwargs)
            if response.status_code not in SWITCH_STATUSES or len(self.urls) == 1:
                return response
            failure: Exception | httpx.Response = response
        except httpx.HTTPError as exc:
            if len(self.urls) == 1:
                raise Unavailable("sync.center_unreachable", error=type(exc).__name__) from exc
            failure = exc
        chosen = self.choose_primary(failed=primary)
        if chosen is None or (chosen == primary and isinstance(failure, httpx.HTTPError)):
            if isinstance(failure, httpx.Response):
                return failure
            raise Unavailable("sync.center_unreachable", error=type(failure).__name__) from failure
        try:
            return self._clients[chosen].request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise Unavailable("sync.center_unreachable", error=type(exc).__name__) from exc

    def upload(self, records: list[UploadRecord]) -> UploadReceipt:
        body = {
            "records": [
                {"id": str(r.id), "record_type": r.record_type, "edge_seq": r.edge_seq, "payload": r.payload}
                for r in records
            ]
        }
        data = self._call("POST", "/api/v1/sync/batches", json=body)
        acknowledged = [uuid.UUID(i) for i in [*data["accepted"], *data["duplicates"]]]
        return UploadReceipt(acknowledged, int(data["held_through_seq"]))

    def held_through(self) -> int:
        return int(self._call("GET", "/api/v1/sync/state")["held_through_seq"])

    def reference_snapshot(self, *, have_digest: str | None, have_version: int | None = None) -> str | None:
        """The newest signed snapshot for this node, or None when its content equals what we hold.

        `have_version` tells a center restored from an older backup how far it must raise its counter.
        """
        return self._newer("/api/v1/reference/snapshot", have_digest, have_version)

    def watchlist_delta(self, *, since: int, rest_digest: str, have_digest: str | None = None) -> DeltaAnswer:
        """The signed watchlist change since `since`; "full" when the center cannot make one.

        A center without the route (404) counts as one that cannot make a delta.
        """
        params: dict[str, str | int] = {"since": since, "rest_digest": rest_digest}
        if have_digest:
            params["have_digest"] = have_digest
        response = self._send("GET", "/api/v1/reference/watchlist-delta", params=params)
        if response.status_code == 304:
            return DeltaAnswer("current")
        if response.status_code in (404, 410):
            return DeltaAnswer("full")
        self._raise_for(response)
        return DeltaAnswer("delta", response.text)

    def foreigner_stays(self, *, have_digest: str | None, have_version: int | None = None) -> str | None:
        """The newest signed list of foreigners' stays, or None when it equals what we hold."""
        return self._newer("/api/v1/reference/stays", have_digest, have_version)

    def _newer(self, path: str, have_digest: str | None, have_version: int | None) -> str | None:
        params: dict[str, str | int] = {"have_digest": have_digest} if have_digest else {}
        if have_version is not None:
            params["have_version"] = have_version
        response = self._send("GET", path, params=params)
        if response.status_code == 304:
            return None
        self._raise_for(response)
        return response.text

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = self._send(method, path, **kwargs)
        self._raise_for(response)
        data: dict[str, Any] = response.json()
        return data

    @staticmethod
    def _raise_for(response: httpx.Response) -> None:
        if response.status_code >= 400:
            raise Unavailable(
                "sync.center_answered", status_code=response.status_code, text=response.text[:200]
            )
