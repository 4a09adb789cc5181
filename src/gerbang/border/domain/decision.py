"""What a checkpoint decides: the outcome, every reason for it, and an officer's override."""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from gerbang import words
from gerbang.kernel.errors import InvalidInput

Detail = str | int | float


class Outcome(enum.StrEnum):
    """Admit, refer to an officer (or from a gate to a counter), or refuse; the worst reason wins."""

    ADMIT = "admit"
    REFER = "refer"
    REFUSE = "refuse"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {Outcome.ADMIT: 0, Outcome.REFER: 1, Outcome.REFUSE: 2}


def most_severe(outcomes: Iterable[Outcome]) -> Outcome:
    """The most severe of `outcomes` (refuse > refer > admit); admit when there are none."""
    return max(outcomes, key=lambda outcome: outcome.severity, default=Outcome.ADMIT)


class Direction(enum.StrEnum):
    """Which way the traveller crosses."""

    ENTRY = "entry"
    EXIT = "exit"


class LaneKind(enum.StrEnum):
    """A staffed counter, or an autogate that can only let through or send to a counter."""

    COUNTER = "counter"
    AUTOGATE = "autogate"


class ReasonCode(enum.StrEnum):
    """Stable identifiers of every reason a decision can give; never rename a value."""

    # Document
    DOCUMENT_EXPIRED = "document_expired"
    PASSPORT_VALIDITY_UNDER_6_MONTHS = "passport_validity_under_6_months"
    EXPIRY_DATE_UNREADABLE = "expiry_date_unreadable"
    MRZ_CHECK_FAILED = "mrz_check_failed"
    MRZ_FIELD_INVALID = "mrz_field_invalid"
    NOT_A_PASSPORT = "not_a_passport"
    SPECIMEN_DOCUMENT = "specimen_document"
    # Watchlists
    EXIT_BAN = "exit_ban"
    ENTRY_BAN = "entry_ban"
    EXIT_BAN_ON_RECORD = "exit_ban_on_record"
    ENTRY_BAN_ON_RECORD = "entry_ban_on_record"
    WANTED_PERSON = "wanted_person"
    LOST_STOLEN_DOCUMENT = "lost_stolen_document"
    # Right to enter and stay
    CITIZEN_ENTRY = "citizen_entry"
    VISA_EXEMPT = "visa_exempt"
    VISA_ON_ARRIVAL_PAID = "visa_on_arrival_paid"
    VISA_ON_ARRIVAL_NOT_PAID = "visa_on_arrival_not_paid"
    VISA_ON_ARRIVAL_NOT_ELIGIBLE = "visa_on_arrival_not_eligible"
    VISA_REQUIRED = "visa_required"
    CREDENTIAL_VALID = "credential_valid"
    CREDENTIAL_REVOKED = "credential_revoked"
    CREDENTIAL_EXPIRED = "credential_expired"
    CREDENTIAL_NOT_YET_VALID = "credential_not_yet_valid"
    CREDENTIAL_WRONG_HOLDER = "credential_wrong_holder"
    CREDENTIAL_ENTRIES_USED_UP = "credential_entries_used_up"
    CREDENTIAL_UNREADABLE = "credential_unreadable"
    CREDENTIAL_UNKNOWN_KEY = "credential_unknown_key"
    CREDENTIAL_SIGNATURE = "credential_signature"
    CREDENTIAL_KEY_NOT_VALID = "credential_key_not_valid"
    # Leaving
    OVERSTAY = "overstay"
    OVERSTAY_FINE_PAID = "overstay_fine_paid"
    OVERSTAY_DEPORTATION = "overstay_deportation"
    NO_STAY_RECORD = "no_stay_record"
    # Biometrics and lanes
    BIOMETRIC_MISMATCH = "biometric_mismatch"
    BIOMETRIC_NOT_CHECKED = "biometric_not_checked"
    AUTOGATE_AGE_NOT_ELIGIBLE = "autogate_age_not_eligible"
    WATCHLIST_HIT_AT_AUTOGATE = "watchlist_hit_at_autogate"
    SENT_TO_COUNTER = "sent_to_counter"


@dataclass(frozen=True, slots=True)
class Reason:
    """One finding: a stable code, a message for the officer, and the outcome it alone leads to."""

    code: ReasonCode
    message: str
    outcome: Outcome
    # The catalogue's text of it ("lane_reason.…") and what fills it in, so a lane says it in its
    # officer's language; `message` is the English, as the API and the audit read it.
    key: str = ""
    details: tuple[tuple[str, Detail], ...] = ()

    @classmethod
    def of(cls, code: ReasonCode, outcome: Outcome, key: str, /, **details: Detail) -> Reason:
        """A reason in the catalogue's words: `key` names the text, `details` fill it in."""
        reason = f"lane_reason.{key}"
        return cls(code, words.say(reason, "en", **details), outcome, reason, tuple(details.items()))

    def text(self) -> words.Text:
        """The reason in both languages; one recorded before the catalogue held it reads as recorded."""
        if self.key and words.known(self.key):
            return words.text(self.key, **reason_details(dict(self.details)))
        return words.Text(self.message, self.message)


# Details kept as ISO days: read back as days, so Indonesian says "1 Januari 2020" and English 2020-01-01.
_DAYS = ("expiry", "end", "until", "start")


def reason_details(details: dict[str, Detail]) -> dict[str, Detail | date]:
    """A reason's kept details ready for its catalogue text: its days as dates again."""
    found: dict[str, Detail | date] = dict(details)
    for name in _DAYS:
        value = details.get(name)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):  # not a day after all: shown as kept
                found[name] = date.fromisoformat(value)
    return found


@dataclass(frozen=True, slots=True)
class Overstay:
    """Days stayed past the permitted end, and what follows under the overstay rule in force."""

    days: int
    fine_idr: int
    fine_per_day_idr: int
    deportation: bool
    source: str


@dataclass(frozen=True)
class Decision:
    """The checkpoint's decision on one crossing; a value to record, never an exception.

    `permitted_until` is the last day (inclusive, checkpoint-local) a foreigner entering may stay,
    set whenever a basis for the stay was found, also when the decision refers, so the officer
    who admits after review records the same end. It is None for citizens and on exit.
    """

    outcome: Outcome
    reasons: tuple[Reason, ...]
    direction: Direction
    lane_kind: LaneKind
    at: datetime
    citizen: bool
    nationality: str
    document_number: str
    permitted_until: date | None = None
    stay_days: int | None = None
    overstay: Overstay | None = None

    @property
    def codes(self) -> tuple[ReasonCode, ...]:
        """The reason codes in the order found."""
        return tuple(reason.code for reason in self.reasons)

    def has(self, code: ReasonCode | str) -> bool:
        """Whether any reason carries `code`."""
        return code in self.codes


@dataclass(frozen=True)
class Override:
    """An officer replacing a decision's outcome, with the reason; the original is kept for the audit."""

    original: Decision
    outcome: Outcome
    reason: str
    officer: str
    at: datetime


def override(decision: Decision, *, outcome: Outcome, reason: str, officer: str, at: datetime) -> Override:
    """Record an officer's override of `decision`.

    Raise InvalidInput for an empty reason or officer, a naive or earlier time, an outcome equal to
    the original, or a refusal of a citizen entering (a citizen may not be refused entry).
    """
    text = " ".join(reason.split())
    if not text:
        raise InvalidInput("override.reason_required", field="reason")
    who = officer.strip()
    if not who:
        raise InvalidInput("override.officer_required", field="officer")
    if at.tzinfo is None:
        raise InvalidInput("override.time_without_zone", field="at")
    if at < decision.at:
        raise InvalidInput("override.before_decision", field="at")
    outcome = Outcome(outcome)
    if outcome is decision.outcome:
        raise InvalidInput("override.same_outcome", field="outcome", outcome=outcome.value)
    if outcome is Outcome.REFUSE and decision.citizen and decision.direction is Direction.ENTRY:
        raise InvalidInput("override.citizen_refused", field="outcome")
    return Override(original=decision, outcome=outcome, reason=text, officer=who, at=at)
