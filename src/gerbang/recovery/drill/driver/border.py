"""Travellers at the checkpoint: each planned crossing sent at its time by one of several lanes."""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from gerbang.documents import make_zone
from gerbang.recovery.drill.driver.clock import ScenarioClock
from gerbang.recovery.drill.plan import Planned, citizen, visitor

# The demo checkpoint's lanes: two autogates (A1, A2) and three counters (C1 citizens, C2 and C3 foreigners).
LANES = {
    "autogate": ("A1", "A2"),
    "citizen counter": ("C1",),
    "foreigner counter": ("C2", "C3"),
    "e-VoA": ("C3",),
    "hit": ("C1",),
}
EXPIRY = "340101"
# The traveller listed while the center is down (the scenario's listed_during_outage).
LISTED = {
    "id": "DRILL-LISTED-1",
    "names": ["RAHMAT HIDAYAT"],
    "birth_date": "1979-09-09",
    "nationality": "IDN",
    "documents": ["W1234567"],
}


@dataclass(frozen=True)
class Ack:
    """The checkpoint's answer to one crossing, with when (scenario minute) it was sent."""

    id: str
    planned: float
    sent: float
    lane_type: str
    decision: str
    offline: bool
    hit: str | None


def zone(surname: str, given: str, number: str, nationality: str, birth: str, sex: str = "M") -> list[str]:
    return make_zone(
        format="TD3",
        document_type="P",
        issuing_state=nationality,
        surname=surname,
        given_names=given,
        document_number=number,
        nationality=nationality,
        birth_date=birth,
        sex=sex,
        expiry_date=EXPIRY,
    )


def yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


class Travellers:
    """Builds each crossing's body; e-VoA credentials and the demo's listed passports come from setup."""

    def __init__(self, demo_travellers: list[dict[str, Any]], evoa: dict[int, str]) -> None:
        self.demo = {t["label"]: t for t in demo_travellers}
        self.evoa = evoa  # serial -> credential text

    def body(self, item: Planned) -> dict[str, Any]:
        lanes = LANES[item.lane_type]
        lane = lanes[item.serial % len(lanes)]
        body: dict[str, Any] = {"direction": "entry", "lane": lane, "flight": f"GA{item.serial % 900 + 100}"}
        if item.hit is not None:
            return body | self._hit(item.hit)
        if item.lane_type in ("autogate", "citizen counter"):
            surname, given, number, birth = citizen(item.serial)
            return body | {"mrz": zone(surname, given, number, "IDN", birth), "biometric_match": True}
        evoa = item.lane_type == "e-VoA"
        nationality, surname, given, number, born = visitor(item.serial, evoa=evoa)
        body |= {"mrz": zone(surname, given, number, nationality, yymmdd(born)), "biometric_match": True}
        if evoa:
            body["credential"] = self.evoa[item.serial]
        return body

    def _hit(self, who: str) -> dict[str, Any]:
        if who == "exit-ban":
            sample = next(
                t for t in self.demo.values() if t["expect"] == "refuse" and t["direction"] == "exit"
            )
            return {"mrz": sample["mrz"], "direction": "exit", "biometric_match": True}
        if who == "entry-ban":
            sample = next(
                t for t in self.demo.values() if t["expect"] == "refuse" and t["direction"] == "entry"
            )
            return {"mrz": sample["mrz"], "biometric_match": True}
        if who == "lost-document":
            return {"mrz": zone("PRATAMA", "ADI", "X9876543", "IDN", "900101"), "biometric_match": True}
        return {"mrz": zone("HIDAYAT", "RAHMAT", "W1234567", "IDN", "790909"), "biometric_match": True}


class Border:
    """Sends the plan through `workers` lanes at once; keeps every acknowledgement and every error."""

    def __init__(
        self,
        *,
        url: str,
        token: str,
        plan: list[Planned],
        travellers: Travellers,
        clock: ScenarioClock,
        workers: int,
    ) -> None:
        self.url, self.token, self.clock = url, token, clock
        self.travellers = travellers
        self.acks: list[Ack] = []
        self.errors: list[str] = []
        self.sent = 0
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._queue: queue.Queue[Planned | None] = queue.Queue()
        for item in plan:
            self._queue.put(item)
        self._threads = [threading.Thread(target=self._lane, daemon=True) for _ in range(workers)]
        for _ in self._threads:
            self._queue.put(None)

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def join(self, timeout: float | None = None) -> None:
        for thread in self._threads:
            thread.join(timeout)

    @property
    def done(self) -> bool:
        return not any(t.is_alive() for t in self._threads)

    def _lane(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx.Client(base_url=self.url, headers=headers, timeout=30) as client:
            while not self.stop.is_set():
                item = self._queue.get()
                if item is None:
                    return
                self.clock.wait_until(item.at, self.stop)
                self._send(client, item)

    def _send(self, client: httpx.Client, item: Planned) -> None:
        body = self.travellers.body(item)
        for attempt in range(5):
            try:
                answer = client.post("/api/v1/crossings", json=body)
            except httpx.TransportError as exc:
                error = f"{type(exc).__name__}: {exc}"
            else:
                if answer.status_code == 201:
                    data = answer.json()
                    ack = Ack(
                        str(data["id"]),
                        item.at,
                        self.clock.minute_now(),
                        item.lane_type,
                        data["decision"],
                        bool(data["offline"]),
                        item.hit,
                    )
                    with self._lock:
                        self.acks.append(ack)
                        self.sent += 1
                    return
                error = f"{answer.status_code}: {answer.text[:200]}"
                if answer.status_code < 500 and answer.status_code != 429:
                    break
            time.sleep(0.2 * (attempt + 1))
        with self._lock:
            self.errors.append(error)
            self.sent += 1
