"""The passport application lifecycle: states, allowed steps, their guards, and an append-only history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from gerbang import words
from gerbang.kernel.errors import Conflict, InvalidInput


class Status(StrEnum):
    SUBMITTED = "submitted"
    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    INTERVIEWED = "interviewed"
    APPROVED = "approved"
    REJECTED = "rejected"
    PRINTED = "printed"
    READY = "ready"
    HANDED_OVER = "handed_over"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


S = Status
NEXT: Mapping[Status, frozenset[Status]] = MappingProxyType(
    {
        S.SUBMITTED: frozenset({S.AWAITING_PAYMENT, S.CANCELLED}),
        S.AWAITING_PAYMENT: frozenset({S.PAID, S.CANCELLED, S.EXPIRED}),
        S.PAID: frozenset({S.INTERVIEWED, S.CANCELLED}),
        S.INTERVIEWED: frozenset({S.APPROVED, S.REJECTED}),
        S.APPROVED: frozenset({S.PRINTED}),
        S.PRINTED: frozenset({S.READY}),
        # A passport not collected within 30 days is cancelled by the system (it expires).
        S.READY: frozenset({S.HANDED_OVER, S.EXPIRED}),
        # A payment that arrives after the billing code expired revives the application.
        S.EXPIRED: frozenset({S.PAID}),
        S.REJECTED: frozenset(),
        S.HANDED_OVER: frozenset(),
        S.CANCELLED: frozenset(),
    }
)
# An application in one of these states no longer holds a person's place (NIK, family slot).
FINISHED = frozenset({S.REJECTED, S.HANDED_OVER, S.CANCELLED, S.EXPIRED})


@dataclass(frozen=True)
class Facts:
    """What the guards look at; the service gathers these from the records before a step."""

    slot_booked: bool = False
    payment_matched: bool = False
    photo_taken: bool = False
    fingerprints_taken: bool = False
    reason: str | None = None
    expired_from: Status | None = None


@dataclass(frozen=True)
class Step:
    """One row of an application's history: the state entered, when, by whom and why."""

    status: Status
    at: datetime
    actor: str
    note: str | None = None


def status_name(status: Status) -> words.Text:
    """A status as a person reads it ("dibatalkan"), and as the API names it ("cancelled")."""
    return words.text(f"status.{status.value}")


def allowed_next(current: Status) -> list[str]:
    return sorted(s.value for s in NEXT[current])


def transition(current: Status, target: Status, facts: Facts = Facts()) -> Status:
    """Return `target` if the step is allowed and its guard holds; raise Conflict or InvalidInput if not."""
    if target not in NEXT[current]:
        allowed = allowed_next(current)
        options = words.Text(
            ", ".join(f"“{status_name(Status(s)).id}”" for s in allowed) or "tidak ada (ini status akhir)",
            ", ".join(allowed) or "none (this is a final state)",
        )
        reason = "application.cannot_cancel" if target is S.CANCELLED else "application.wrong_step"
        raise Conflict(reason, current=status_name(current), target=status_name(target), options=options)
    _guard(current, target, facts)
    return target


def _guard(current: Status, target: Status, facts: Facts) -> None:
    if target is S.AWAITING_PAYMENT and not facts.slot_booked:
        raise Conflict("payment.book_first")
    if target is S.PAID and not facts.payment_matched:
        raise Conflict("payment.not_matched")
    if target is S.PAID and current is S.EXPIRED and facts.expired_from is not S.AWAITING_PAYMENT:
        raise Conflict("payment.revive_only_expired")
    if target is S.PAID and current is S.EXPIRED and not facts.slot_booked:
        raise Conflict("payment.slot_gone")
    if target is S.INTERVIEWED:
        missing = [
            name
            for name, done in (("photo", facts.photo_taken), ("fingerprints", facts.fingerprints_taken))
            if not done
        ]
        if missing:
            raise InvalidInput("interview.biometrics_missing", field=missing[0], missing=", ".join(missing))
    if target is S.REJECTED and not (facts.reason and len(facts.reason.strip()) >= 3):
        raise InvalidInput("application.rejection_reason", field="reason")


def current_status(history: Sequence[Step]) -> Status:
    """The state an application is in: the last step of its history."""
    if not history:
        raise ValueError("an application always has at least its submitted step")
    return history[-1].status


def replay(history: Sequence[Step]) -> Status:
    """Check that a whole history is a valid path from `submitted` and return where it ends."""
    if not history or history[0].status is not S.SUBMITTED:
        raise Conflict("history.must_start_submitted")
    state = S.SUBMITTED
    for step in history[1:]:
        if step.status not in NEXT[state]:
            raise Conflict("history.bad_step", state=state.value, status=step.status.value)
        state = step.status
    return state
