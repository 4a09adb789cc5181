"""The supervisor on the checkpoint floor: counts who waits in each queue and posts the head count.

The count is the drill's own: travellers whose planned arrival has passed, less those whose crossing the
checkpoint has decided. It goes through the route the supervisor's queue board posts its count form to.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import httpx

from gerbang.recovery.drill.driver.border import Ack
from gerbang.recovery.drill.driver.clock import ScenarioClock
from gerbang.recovery.drill.plan import Planned

# Each drill lane type waits in the queue its lane serves at the checkpoint, which the drill leaves as
# configured: the autogates (A1, A2) take the citizens' queue, the counters (C1, C2, C3) the foreigners'
# until a supervisor moves one, so the citizens at C1 and the hits sent there wait in that line too.
QUEUE_OF = {
    "autogate": "citizens",
    "citizen counter": "foreigners",
    "hit": "foreigners",
    "foreigner counter": "foreigners",
    "e-VoA": "foreigners",
}
COUNTED = ("citizens", "foreigners")
EVERY_MIN = 2.0


@dataclass(frozen=True)
class HeadCount:
    """One queue's head count, at scenario minute `minute`, and what the checkpoint answered."""

    minute: float
    queue: str
    people: int
    status: int | None


def head_counts(plan: Iterable[Planned], decided: Iterable[Ack], minute: float) -> dict[str, int]:
    """People waiting per queue at `minute`: arrived by then, less those the checkpoint has decided.

    A crossing decided counts once, whenever it was sent; a traveller not yet arrived is not waiting.
    """
    arrived = Counter(QUEUE_OF[item.lane_type] for item in plan if item.at <= minute)
    done = Counter(QUEUE_OF[ack.lane_type] for ack in decided)
    return {queue: max(0, arrived[queue] - done[queue]) for queue in COUNTED}


class Supervisor:
    """Every `every_min` scenario minutes, posts each queue's head count as the count form does."""

    def __init__(
        self,
        *,
        url: str,
        token: str,
        plan: list[Planned],
        decided: Callable[[], list[Ack]],
        clock: ScenarioClock,
        every_min: float = EVERY_MIN,
    ) -> None:
        self.url, self.token, self.clock = url, token, clock
        self.plan = sorted(plan, key=lambda item: item.at)
        self.decided = decided
        self.every_min = every_min
        self.counts: list[HeadCount] = []
        self.errors: list[str] = []
        self._last: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _client(self) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}"}
        return httpx.Client(base_url=self.url, headers=headers, timeout=10)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def count_once(self, client: httpx.Client) -> None:
        """Post each queue's count; an empty line counted empty again says nothing new and is not sent."""
        minute = self.clock.minute_now()
        for queue, people in head_counts(self.plan, self.decided(), minute).items():
            if people == 0 and self._last.get(queue, 0) == 0:
                continue
            self._last[queue] = people
            try:
                answer = client.post("/supervisor/queues/count", data={"queue": queue, "people": str(people)})
                status: int | None = answer.status_code
                if answer.status_code != 200:
                    self.errors.append(f"{answer.status_code}: {answer.text[:200]}")
            except httpx.TransportError as exc:
                status = None
                self.errors.append(f"{type(exc).__name__}: {exc}")
            self.counts.append(HeadCount(round(minute, 2), queue, people, status))

    def _run(self) -> None:
        with self._client() as client:
            step = 0
            while not self._stop.is_set():
                step += 1
                self.clock.wait_until(self.clock.start_min + step * self.every_min, self._stop)
                if not self._stop.is_set():
                    self.count_once(client)
