"""The timeline recorder: every second, what each node says of itself and what the public page shows."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from gerbang.recovery.drill.driver.clock import ScenarioClock
from gerbang.recovery.drill.scenario import clock_text


@dataclass
class Sample:
    """One look at the platform at scenario minute `minute`."""

    minute: float
    wall: str
    center_ready: bool
    backlog: dict[str, int | None]
    reference_age_s: dict[str, float | None]
    public: str | None
    incident_open: bool


@dataclass
class Recorder:
    """Samples the nodes' health endpoints and the public status from a thread, and keeps the events."""

    clock: ScenarioClock
    urls: dict[str, str]
    tokens: dict[str, str]
    # The checkpoint's node name (cgk): its health, backlog and queue board are sampled with the office's.
    checkpoint: str = "cgk"
    every_s: float = 1.0
    samples: list[Sample] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    incidents: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The checkpoint's own queue board (GET /api/v1/queues), read every `queues_every` samples: each
    # second, since a head count's line is served within a second or two of wall time at drill speed.
    queues: list[dict[str, Any]] = field(default_factory=list)
    queues_every: int = 1
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def event(self, kind: str, **details: Any) -> None:
        """An event of the day (attack, restore, a public update) at the scenario minute it happened."""
        minute = self.clock.minute_now()
        self.events.append(
            {"minute": round(minute, 2), "at": clock_text(minute), "wall": _now(), "kind": kind, **details}
        )

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def sample_once(self) -> Sample:
        edges = {name: self._health(name) for name in (self.checkpoint, "jks")}
        summary = self._get(f"{self.urls['status']}/api/v1/status", None)
        incidents = (summary or {}).get("incidents", [])
        for incident in incidents:
            self.incidents[incident["id"]] = incident
        sample = Sample(
            minute=round(self.clock.minute_now(), 2),
            wall=_now(),
            center_ready=self._status_code(f"{self.urls['central']}/readyz") == 200,
            backlog={n: (h or {}).get("outbox_backlog") for n, h in edges.items()},
            reference_age_s={n: (h or {}).get("reference_age_s") for n, h in edges.items()},
            public=(summary or {}).get("overall"),
            incident_open=any(i["state"] == "open" for i in incidents),
        )
        self.samples.append(sample)
        if (len(self.samples) - 1) % self.queues_every == 0:
            self._queues(sample.minute)
        return sample

    def _queues(self, minute: float) -> None:
        """What the checkpoint's queue board says now: each queue's line, wait, lanes and advice."""
        board = self._get(f"{self.urls[self.checkpoint]}/api/v1/queues", self.tokens[self.checkpoint])
        if board is None:
            return
        self.queues.append(
            {
                "minute": minute,
                "offline": board.get("offline"),
                "queues": [
                    {
                        "queue": q["queue"],
                        "line": q["line"],
                        "wait_min": q["wait_min"],
                        "lanes_open": len(q["lanes_open"]),
                        "advised_counters": q["advised_counters"],
                    }
                    for q in board.get("queues", [])
                ],
            }
        )

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            self.sample_once()
            self._stop.wait(max(0.0, self.every_s - (time.monotonic() - started)))

    def _health(self, name: str) -> dict[str, Any] | None:
        return self._get(f"{self.urls[name]}/api/v1/health", self.tokens[name])

    @staticmethod
    def _get(url: str, token: str | None) -> dict[str, Any] | None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        try:
            answer = httpx.get(url, headers=headers, timeout=3)
        except httpx.TransportError:
            return None
        if answer.status_code != 200:
            return None
        data: dict[str, Any] = answer.json()
        return data

    @staticmethod
    def _status_code(url: str) -> int | None:
        try:
            return httpx.get(url, timeout=2).status_code
        except httpx.TransportError:
            return None


def _now() -> str:
    return datetime.now(UTC).isoformat()
