"""The scenario's clock on the wall clock: scenario minutes run `speed` times faster than real ones."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field


@dataclass
class ScenarioClock:
    """Maps scenario minutes to monotonic wall seconds from the moment the drill starts playing."""

    start_min: float
    speed: float
    started: float = field(default_factory=time.monotonic)

    def wall_at(self, minute: float) -> float:
        return self.started + (minute - self.start_min) * 60 / self.speed

    def minute_now(self) -> float:
        return self.start_min + (time.monotonic() - self.started) * self.speed / 60

    def wait_until(self, minute: float, stop: threading.Event | None = None) -> None:
        delay = self.wall_at(minute) - time.monotonic()
        if delay > 0:
            if stop is not None:
                stop.wait(delay)
            else:
                time.sleep(delay)
