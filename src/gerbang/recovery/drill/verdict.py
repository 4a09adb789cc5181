"""The drill's verdict: each promise of the day checked, each broken one named by its reason key."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from typing import Any

from gerbang import words
from gerbang.recovery.drill.reconcile import Line

TOLD_WITHIN_S = 60.0
UPDATE_EVERY_MIN = 30.0
SHOWN_IDS = 10


@dataclass(frozen=True)
class HitOutcome:
    """A watchlist traveller: what the edge decided and whether the center raised an alert."""

    label: str
    crossing_id: str
    edge_decision: str
    alerted: bool

    @property
    def caught(self) -> bool:
        return self.edge_decision in ("refuse", "refer") or self.alerted


@dataclass(frozen=True)
class Public:
    """What the public was told: when the attack struck, when the incident opened, each update after.

    Times are wall-clock; `speed` turns wall seconds into scenario minutes for the update rule.
    """

    attack_at: datetime
    told_at: datetime | None
    updates: list[datetime]
    resolved_at: datetime | None
    observed_until: datetime
    speed: float

    @property
    def told_after_s(self) -> float | None:
        return None if self.told_at is None else (self.told_at - self.attack_at).total_seconds()

    def longest_silence_min(self) -> float:
        """The longest gap between public words, in scenario minutes, up to resolution (or now)."""
        if self.told_at is None:
            return (self.observed_until - self.attack_at).total_seconds() * self.speed / 60
        end = self.resolved_at or self.observed_until
        moments = sorted({self.told_at, *[u for u in self.updates if self.told_at <= u <= end], end})
        gaps = [(b - a).total_seconds() for a, b in pairwise(moments)]
        return max(gaps, default=0.0) * self.speed / 60


@dataclass(frozen=True)
class Applicant:
    """A same-day applicant whose passport the outage made late, and what the center did about it."""

    application_id: str
    name: str
    refunded_idr: int
    noticed_at: datetime | None


@dataclass(frozen=True)
class Incident:
    """An incident the status node opened, with the components it named and when their failing began."""

    id: str
    components: tuple[str, ...]
    started_at: datetime


# When each node was really down, as the drill made it: (from, until); until None means still down.
Downtime = dict[str, list[tuple[datetime, datetime | None]]]


def node_of(component: str) -> str:
    """The node a status component runs on: "checkpoint-cgk" on cgk, the center's services on central."""
    return component.split("-", 1)[1] if "-" in component else "central"


def wrongly_opened(incidents: list[Incident], down: Downtime) -> list[Incident]:
    """Incidents opened while every node they name was up: the public was told of an outage that was not."""

    def was_down(node: str, at: datetime) -> bool:
        return any(start <= at and (until is None or at <= until) for start, until in down.get(node, []))

    return [i for i in incidents if not any(was_down(node_of(c), i.started_at) for c in i.components)]


@dataclass(frozen=True)
class Failure:
    reason: str
    params: dict[str, Any]

    def text(self) -> words.Text:
        return words.text(self.reason, **self.params)


@dataclass(frozen=True)
class Verdict:
    failures: list[Failure] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    return shown + (f" (+{len(ids) - SHOWN_IDS})" if len(ids) > SHOWN_IDS else "")


def judge(
    *,
    lines: list[Line],
    hits: list[HitOutcome],
    public: Public,
    late_same_day: list[Applicant],
    false_incidents: list[Incident] | None = None,
    start: datetime | None = None,
) -> Verdict:
    """Every failed condition of the day, in a fixed order; none means the drill passed."""
    failures: list[Failure] = []
    for line in lines:
        where = {"edge": line.edge, "record_type": line.record_type}
        if line.missing:
            failures.append(
                Failure(
                    "drill.verdict_lost", {**where, "count": len(line.missing), "ids": _ids(line.missing)}
                )
            )
        if line.doubled:
            failures.append(
                Failure(
                    "drill.verdict_doubled", {**where, "count": len(line.doubled), "ids": _ids(line.doubled)}
                )
            )
    for hit in hits:
        if not hit.caught:
            failures.append(
                Failure(
                    "drill.verdict_hit_missed",
                    {"label": hit.label, "id": hit.crossing_id, "decision": hit.edge_decision},
                )
            )
    told = public.told_after_s
    if told is None:
        failures.append(Failure("drill.verdict_never_told", {}))
    elif told > TOLD_WITHIN_S:
        failures.append(
            Failure("drill.verdict_told_late", {"seconds": round(told, 1), "limit": TOLD_WITHIN_S})
        )
    silence = public.longest_silence_min()
    if told is not None and silence > UPDATE_EVERY_MIN:
        failures.append(
            Failure("drill.verdict_silent", {"minutes": round(silence, 1), "limit": UPDATE_EVERY_MIN})
        )
    for incident in false_incidents or []:
        after = (incident.started_at - (start or public.attack_at)).total_seconds()
        failures.append(
            Failure(
                "drill.verdict_false_incident",
                {"components": ", ".join(incident.components), "seconds": round(after, 1), "id": incident.id},
            )
        )
    for applicant in late_same_day:
        if applicant.refunded_idr <= 0:
            failures.append(
                Failure("drill.verdict_no_refund", {"name": applicant.name, "id": applicant.application_id})
            )
        if applicant.noticed_at is None:
            failures.append(
                Failure("drill.verdict_no_notice", {"name": applicant.name, "id": applicant.application_id})
            )
    return Verdict(failures)
