"""Edge side of the wire: the calls an edge node makes to the center, authenticated with its node key."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx

from gerbang.kernel.errors import Unavailable
from gerbang.sync.domain import UploadRecord


@dataclass(frozen=True)
class UploadReceipt:
    """The center's answer to a batch."""

    acknowledged: list[uuid.UUID]
    held_through_seq: int


class CenterClient:
    """HTTP calls to the center; every failure to get a clear answer is Unavailable (retry later)."""

    def __init__(self, base_url: str, node_key: str, *, timeout: float = 10.0) -> None:
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"), timeout=timeout, headers={"Authorization": f"Bearer {node_key}"}
        )

    def close(self) -> None:
        self._http.close()

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

    def foreigner_stays(self, *, have_digest: str | None, have_version: int | None = None) -> str | None:
        """The newest signed list of foreigners' stays, or None when it equals what we hold."""
        return self._newer("/api/v1/reference/stays", have_digest, have_version)

    def _newer(self, path: str, have_digest: str | None, have_version: int | None) -> str | None:
        params: dict[str, str | int] = {"have_digest": have_digest} if have_digest else {}
        if have_version is not None:
            params["have_version"] = have_version
        try:
            response = self._http.get(path, params=params)
        except httpx.HTTPError as exc:
            raise Unavailable("sync.center_unreachable", error=type(exc).__name__) from exc
        if response.status_code == 304:
            return None
        self._raise_for(response)
        return response.text

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise Unavailable("sync.center_unreachable", error=type(exc).__name__) from exc
        self._raise_for(response)
        data: dict[str, Any] = response.json()
        return data

    @staticmethod
    def _raise_for(response: httpx.Response) -> None:
        if response.status_code >= 400:
            raise Unavailable(
                "sync.center_answered", status_code=response.status_code, text=response.text[:200]
            )
