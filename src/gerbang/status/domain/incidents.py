"""When an incident opens, grows, resolves, and when its next public update is due."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from gerbang.status.domain.components import State, is_failing


@dataclass(frozen=True)
class Rules:
    """N failed rounds open an incident, M good rounds resolve it; an open one speaks every `update_every`.

    A node that only went silent (its probes timed out) may just be busy: a loaded host stalls for
    seconds. Silence alone opens an incident once it has also lasted `silence_for`; a node that
    answers with a refusal or an error opens one after the N rounds alone.
    """

    fail_after: int = 3
    recover_after: int = 3
    update_every: timedelta = timedelta(minutes=30)
    silence_for: timedelta = timedelta(0)

    def __post_init__(self) -> None:
        if self.fail_after < 1 or self.recover_after < 1:
            raise ValueError("fail_after and recover_after must be at least 1")
        if self.update_every <= timedelta(0):
            raise ValueError("update_every must be positive")
        if self.silence_for < timedelta(0):
            raise ValueError("silence_for must not be negative")


def opens_within(rules: Rules, *, interval: timedelta, timeout: timedelta) -> timedelta:
    """The longest time from an outage to its incident: a round may just have passed, then N rounds
    (or, for a node that went silent, the rounds that cover `silence_for`)."""
    return max(interval * rules.fail_after, rules.silence_for + interval) + timeout


@dataclass(frozen=True)
class Streak:
    """Rounds in a row that a component failed, or passed; a blind round counts neither way.

    `answered` counts the failed rounds in which the node gave an answer (a refusal, an error, a bad
    body) rather than silence.
    """

    failures: int = 0
    successes: int = 0
    failing_since: datetime | None = None
    answered: int = 0


def advance(streak: Streak, state: State, *, at: datetime, silent: bool = False) -> Streak:
    """The streak after one more round at `at` that judged the component `state`.

    `silent` says that the round's failure was only probes timing out.
    """
    if state is State.UNKNOWN:
        return streak
    if is_failing(state):
        return Streak(
            failures=streak.failures + 1,
            successes=0,
            failing_since=streak.failing_since or at,
            answered=streak.answered + (0 if silent else 1),
        )
    return Streak(failures=0, successes=streak.successes + 1)


def is_down(streak: Streak, *, rules: Rules, at: datetime | None) -> bool:
    """Whether the failure is confirmed: N rounds in a row, and for silence alone `silence_for` too."""
    if streak.failures < rules.fail_after:
        return False
    if streak.answered > 0 or rules.silence_for <= timedelta(0):
        return True
    return (
        at is not None and streak.failing_since is not None and at - streak.failing_since >= rules.silence_for
    )


@dataclass(frozen=True)
class Plan:
    """What to do with one group's automatic incident after a round."""

    open: tuple[str, ...] = ()
    join: tuple[str, ...] = ()
    resolve: bool = False

    @property
    def nothing(self) -> bool:
        return not (self.open or self.join or self.resolve)


def plan_group(
    streaks: Mapping[str, Streak],
    *,
    open_components: frozenset[str] | None,
    rules: Rules,
    suppressed: frozenset[str] = frozenset(),
    at: datetime | None = None,
) -> Plan:
    """Open, grow or resolve the automatic incident of one group (components on one node).

    `open_components` is None when the group has no open automatic incident. Components in a
    maintenance window (`suppressed`) never open one: the public was told in advance. `at` is the
    round's time, against which a silence is measured.
    """
    down = tuple(
        sorted(c for c, s in streaks.items() if is_down(s, rules=rules, at=at) and c not in suppressed)
    )
    if open_components is None:
        return Plan(open=down)
    join = tuple(c for c in down if c not in open_components)
    watched = open_components | set(join)
    recovered = all(streaks.get(c, Streak()).successes >= rules.recover_after for c in watched)
    return Plan(join=join, resolve=recovered and not join)


def update_due(*, last_update_at: datetime, now: datetime, rules: Rules) -> bool:
    """An open incident owes the public a word once `update_every` passed since the last one."""
    return now - last_update_at >= rules.update_every


@dataclass(frozen=True)
class Window:
    """A scheduled maintenance window on some components."""

    starts_at: datetime
    ends_at: datetime
    components: frozenset[str] = field(default_factory=frozenset)

    def active(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at

    def phase(self, now: datetime) -> str:
        """'scheduled', 'in_progress' or 'completed' at `now`."""
        if now < self.starts_at:
            return "scheduled"
        return "in_progress" if now < self.ends_at else "completed"


def under_maintenance(windows: list[Window], now: datetime) -> frozenset[str]:
    """Components inside an active maintenance window at `now`."""
    found: set[str] = set()
    for window in windows:
        if window.active(now):
            found |= window.components
    return frozenset(found)
