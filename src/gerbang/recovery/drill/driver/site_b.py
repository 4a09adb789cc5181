"""Recovery by site B: site A lost whole, `gerbang site promote B` typed, the first write at B timed."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx

from gerbang.kernel.errors import Unavailable
from gerbang.recovery.drill.driver.border import LISTED
from gerbang.recovery.drill.lab_platform import LabPlatform
from gerbang.recovery.drill.scrape import figures
from gerbang.recovery.lab.drills import promote_command
from gerbang.recovery.lab.run import CENTER_B

if TYPE_CHECKING:
    from gerbang.recovery.drill.run import Played

FIRST_WRITE_TIMEOUT_S = 120.0
LOOK_EVERY_S = 0.2


class SiteB:
    """The attack on site A and the operator's promotion of site B, with the figures the report shows."""

    def __init__(self, played: Played, platform: LabPlatform) -> None:
        self.played, self.platform = played, platform

    def attack(self) -> dict[str, Any]:
        """Site A's center, PostgreSQL members and etcd die at once, as when its building goes dark."""
        self.played.attack_at = datetime.now(UTC)
        return {"killed": self.platform.kill_site("A")}

    def writes_at_b(self) -> int:
        """Upload batches site B's center has acknowledged (its own /metrics), 0 while it cannot say."""
        record = self.platform.nodes[CENTER_B]
        try:
            answer = httpx.get(
                f"{record.url}/metrics", headers={"Authorization": f"Bearer {record.token}"}, timeout=2
            )
        except httpx.TransportError:
            return 0
        if answer.status_code != 200:
            return 0
        return int(figures(answer.text)["upload_batches"] or 0)

    def promote(self) -> dict[str, Any]:
        """`gerbang site promote B --data ROOT`, then the wait until B acknowledges an edge's upload.

        The RTO runs from the command typed to that first acknowledged write: the edges find site B's
        center by themselves (they know both) and re-send what it lacks.
        """
        lab = self.platform.lab
        assert lab is not None
        before = self.writes_at_b()
        typed, began = datetime.now(UTC), time.monotonic()
        done = promote_command(lab)
        promoted = time.monotonic()
        if done.returncode != 0:
            raise Unavailable("drill.promote_failed", detail=(done.stderr or done.stdout).strip()[-300:])
        self.platform.serve_from_site_b()
        # What the drill reads from the center is now site B's: the timeline, the office, the outcome.
        self.played.recorder.urls["central"] = self.platform.url("central")
        self.played.passports.center = self.platform.url("central")
        first = None
        deadline = promoted + FIRST_WRITE_TIMEOUT_S
        while first is None and time.monotonic() < deadline:
            if self.writes_at_b() > before:
                first = time.monotonic()
            else:
                time.sleep(LOOK_EVERY_S)
        if first is None:
            raise Unavailable("drill.no_write_at_b", seconds=FIRST_WRITE_TIMEOUT_S)
        result: dict[str, Any] = {
            "command": "gerbang site promote B",
            "typed_at": typed.isoformat(),
            "promotion_s": round(promoted - began, 2),
            "rto_s": round(first - began, 2),
        }
        self.played.recovery = dict(result)
        listed = self.played.scenario.listed_during_outage
        if listed is not None:
            entry = {**LISTED, "list": listed.list_kind, "valid_until": None}
            result["watchlist_entries"] = self.played.operator.key_in_listing(entry)
        return result

    def serve(self) -> dict[str, Any]:
        """Site B's center serves: ready, and the moment the outage ends for the day's judgements."""
        record = self.platform.nodes[CENTER_B]
        ready = httpx.get(f"{record.url}/readyz", timeout=5).status_code == 200
        self.played.serve_at = datetime.now(UTC)
        return {"ready": ready, "center": "B"}
