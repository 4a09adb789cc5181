"""Components and their states, judged from what one round of probes saw."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    """What the public is told about one component, best first; unknown means the monitor is blind."""

    OPERATIONAL = "operational"
    DEGRADED = "degraded"
    PARTIAL_OUTAGE = "partial_outage"
    MAJOR_OUTAGE = "major_outage"
    UNKNOWN = "unknown"


SEVERITY = {
    State.OPERATIONAL: 0,
    State.UNKNOWN: 1,
    State.DEGRADED: 2,
    State.PARTIAL_OUTAGE: 3,
    State.MAJOR_OUTAGE: 4,
}


def worst(states: list[State]) -> State:
    """The most severe of `states` (operational when there are none)."""
    return max(states, key=SEVERITY.__getitem__, default=State.OPERATIONAL)


def is_failing(state: State) -> bool:
    """Whether a probe round counts against the component (degraded counts; unknown counts neither way)."""
    return state in (State.DEGRADED, State.PARTIAL_OUTAGE, State.MAJOR_OUTAGE)


class Kind(StrEnum):
    """Where a component runs, which decides how it is probed."""

    CENTER = "center"
    CHECKPOINT = "checkpoint"
    OFFICE = "office"


@dataclass(frozen=True)
class Component:
    """Something the public uses; components on one node share a `group` and so share incidents."""

    id: str
    name_id: str
    name_en: str
    kind: Kind
    group: str
    site: str | None = None

    def name(self, lang: str) -> str:
        return self.name_id if lang == "id" else self.name_en


# What the center serves: one outage of the center takes all of them down together.
CENTER_SERVICES = (
    ("passports", "Paspor", "Passports"),
    ("portal", "Portal pemohon", "Applicant portal"),
    ("visas", "Visa dan izin tinggal", "Visas and stay permits"),
    ("evoa", "e-VoA", "e-VoA"),
)


def catalogue(*, checkpoints: list[tuple[str, str]], offices: list[tuple[str, str]]) -> list[Component]:
    """Every component: the center's services, then each checkpoint and office as (name, site)."""
    parts = [Component(i, n_id, n_en, Kind.CENTER, "center") for i, n_id, n_en in CENTER_SERVICES]
    for name, site in checkpoints:
        parts.append(
            Component(
                f"checkpoint-{name}",
                f"Pemeriksaan {site}",
                f"Checkpoint {site}",
                Kind.CHECKPOINT,
                f"checkpoint-{name}",
                site,
            )
        )
    for name, site in offices:
        parts.append(
            Component(
                f"office-{name}",
                f"Kantor imigrasi {site}",
                f"Immigration office {site}",
                Kind.OFFICE,
                f"office-{name}",
                site,
            )
        )
    return parts


@dataclass(frozen=True)
class Probe:
    """One HTTP probe's outcome: `ok` is a 2xx within the timeout; `timed_out` tells silence from refusal."""

    ok: bool
    timed_out: bool = False
    status: int | None = None
    seconds: float | None = None
    body: dict[str, object] | None = None


@dataclass(frozen=True)
class CheckpointHealth:
    """The fields of a checkpoint's GET /api/v1/health that the monitor reads."""

    center_reachable: bool
    outbox_backlog: int
    reference_version: int
    reference_stale: bool


def read_health(body: dict[str, object] | None) -> CheckpointHealth | None:
    """The health fields from a checkpoint's answer, or None when the answer is not what we expect."""
    if not body:
        return None
    try:
        return CheckpointHealth(
            center_reachable=bool(body["center_reachable"]),
            outbox_backlog=int(str(body["outbox_backlog"])),
            reference_version=int(str(body.get("reference_version") or 0)),
            reference_stale=bool(body.get("reference_stale", True)),
        )
    except (KeyError, ValueError):
        return None


def assess_center(ready: Probe, canary: Probe, *, slow_after_s: float) -> State:
    """The center accepts work when /readyz and an authenticated cheap call both answer."""
    if not ready.ok:
        return State.MAJOR_OUTAGE
    if not canary.ok:
        return State.PARTIAL_OUTAGE
    slowest = max(ready.seconds or 0.0, canary.seconds or 0.0)
    return State.DEGRADED if slowest > slow_after_s else State.OPERATIONAL


def backup_section(ready_body: dict[str, object] | None) -> dict[str, object] | None:
    """The center's last verified backup from its readiness answer, if it gave one."""
    section = ready_body.get("backup") if ready_body else None
    return section if isinstance(section, dict) else None


def backup_too_old(section: dict[str, object] | None, *, max_age_s: float) -> bool:
    """True when the center's last verified backup is older than the limit, or was never verified.

    A center that says nothing of backups (an older version) is not judged on them.
    """
    if section is None:
        return False
    age = section.get("age_s")
    return not isinstance(age, int | float) or age > max_age_s


def database_redundant(cluster: dict[str, object] | None) -> bool:
    """True when Patroni's /cluster lists a running synchronous replica, so a commit has two copies."""
    members = cluster.get("members") if cluster else None
    if not isinstance(members, list):
        return False
    return any(
        isinstance(m, dict) and m.get("role") == "sync_standby" and m.get("state") in ("running", "streaming")
        for m in members
    )


def assess_checkpoint(
    health: Probe,
    *,
    center_up: bool,
    backlog_history: list[int],
    draining_window: int,
    center_settled: bool = True,
) -> State:
    """A checkpoint can decide when its health answers and it holds reference data.

    Being offline while the center is down is the checkpoint doing its job, not a fault of its own.
    `center_settled` is False while the center has only just gone down or come back: a checkpoint
    then still retries on its backoff, so being out of touch, a waiting backlog, or even a health
    read that fails says nothing yet of the checkpoint (unknown, never an outage of its own).
    """
    reading = read_health(health.body) if health.ok else None
    if reading is None:
        return State.MAJOR_OUTAGE if center_settled else State.UNKNOWN
    if reading.reference_version <= 0:
        return State.PARTIAL_OUTAGE
    judged = center_up and center_settled
    if judged and not reading.center_reachable:
        return State.DEGRADED
    if judged and not backlog_draining(backlog_history, window=draining_window):
        return State.DEGRADED
    if reading.reference_stale and judged:
        return State.DEGRADED
    return State.OPERATIONAL


def backlog_draining(history: list[int], *, window: int) -> bool:
    """False only when, over the last `window` reads, a backlog stayed above zero and never fell."""
    recent = history[-window:]
    if len(recent) < window or recent[-1] == 0:
        return True
    return any(later < earlier for earlier, later in itertools.pairwise(recent))


def assess_office(ready: Probe) -> State:
    """An office works on its own data while its node answers."""
    return State.OPERATIONAL if ready.ok else State.MAJOR_OUTAGE


def only_silence(probes: list[Probe]) -> bool:
    """True when some probes failed and every one that failed timed out: no refusal, no error answer."""
    failed = [p for p in probes if not p.ok]
    return bool(failed) and all(p.timed_out for p in failed)


def is_blind(*, control: Probe, targets: list[Probe]) -> bool:
    """The monitor cannot see: its control probe failed, or every target went silent at once."""
    if not control.ok:
        return True
    return bool(targets) and all(p.timed_out for p in targets)
