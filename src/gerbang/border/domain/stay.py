"""A foreigner's right to enter and stay: visa exemption, visa on arrival, credentials; overstay on exit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from gerbang.border.domain.decision import LaneKind, Outcome, Overstay, Reason, ReasonCode
from gerbang.border.domain.policy import BorderPolicy, OverstayRule, VisaStatus
from gerbang.border.domain.traveller import Traveller
from gerbang.kernel.errors import InvalidInput
from gerbang.visas.domain.credential import Credential, Verification, normalise_passport_number
from gerbang.visas.domain.credential import Outcome as CredentialOutcome
from gerbang.words.phrases import rupiah

_CREDENTIAL_FAILURES = {
    CredentialOutcome.REVOKED: ReasonCode.CREDENTIAL_REVOKED,
    CredentialOutcome.EXPIRED: ReasonCode.CREDENTIAL_EXPIRED,
    CredentialOutcome.NOT_YET_VALID: ReasonCode.CREDENTIAL_NOT_YET_VALID,
    CredentialOutcome.WRONG_HOLDER: ReasonCode.CREDENTIAL_WRONG_HOLDER,
    CredentialOutcome.ENTRIES_USED_UP: ReasonCode.CREDENTIAL_ENTRIES_USED_UP,
    CredentialOutcome.UNREADABLE: ReasonCode.CREDENTIAL_UNREADABLE,
    CredentialOutcome.UNKNOWN_KEY: ReasonCode.CREDENTIAL_UNKNOWN_KEY,
    CredentialOutcome.SIGNATURE: ReasonCode.CREDENTIAL_SIGNATURE,
    CredentialOutcome.KEY_NOT_VALID: ReasonCode.CREDENTIAL_KEY_NOT_VALID,
}


@dataclass(frozen=True, slots=True)
class Stay:
    """A foreigner's current stay as recorded at entry: the entry day and the last permitted day."""

    entered_at: date
    permitted_until: date

    def __post_init__(self) -> None:
        if self.permitted_until < self.entered_at:
            raise InvalidInput("stay.ends_before_start", field="permitted_until")


@dataclass(frozen=True)
class Admission:
    """The reasons about a foreigner's right to enter, and the stay it gives if one was found."""

    reasons: list[Reason] = field(default_factory=list)
    stay_days: int | None = None
    permitted_until: date | None = None


def stay_end(entry_day: date, stay_days: int) -> date:
    """The last permitted day of a stay of `stay_days`; the day of entry counts as the first."""
    return entry_day + timedelta(days=stay_days - 1)


def money(amount_idr: int) -> str:
    """Rupiah as Indonesia writes them in every language: Rp 500.000."""
    return rupiah(amount_idr)


def admission(
    traveller: Traveller,
    *,
    at: datetime,
    policy: BorderPolicy,
    credential: Verification | None,
    voa_paid_at_counter: bool,
    lane: LaneKind,
) -> Admission:
    """May this foreigner enter, and for how long? A credential is tried first, then the nationality."""
    day = at.date()
    if credential is not None:
        found = _by_credential(traveller, credential, at=at)
        if found.permitted_until is not None:
            return found
        reasons = found.reasons
    else:
        reasons = []
    by_nationality = _by_nationality(
        traveller,
        day=day,
        policy=policy,
        voa_paid_at_counter=voa_paid_at_counter,
        lane=lane,
        credential_presented=credential is not None,
    )
    return Admission(
        reasons + by_nationality.reasons, by_nationality.stay_days, by_nationality.permitted_until
    )


def _credential_failure(code: ReasonCode, outcome: Outcome, verification: Verification) -> Reason:
    """The failed rule in the catalogue's words of each language, with the day it turns on."""
    credential, failed = verification.credential, verification.outcome
    details: dict[str, str] = {}
    if credential is not None and failed is CredentialOutcome.EXPIRED:
        details["until"] = credential.valid_until.date().isoformat()
    if credential is not None and failed is CredentialOutcome.NOT_YET_VALID:
        details["start"] = credential.valid_from.date().isoformat()
    return Reason.of(code, outcome, f"credential_failed_{failed.value}", **details)


def _by_credential(traveller: Traveller, verification: Verification, *, at: datetime) -> Admission:
    credential = verification.credential
    if not verification.valid or credential is None:
        code = _CREDENTIAL_FAILURES.get(verification.outcome, ReasonCode.CREDENTIAL_UNREADABLE)
        # Revocation is the center's deliberate withdrawal of the right to enter, so it refuses;
        # every other failure can be innocent (a stale key set offline, a new passport) and refers.
        outcome = Outcome.REFUSE if code is ReasonCode.CREDENTIAL_REVOKED else Outcome.REFER
        return Admission([_credential_failure(code, outcome, verification)])
    # verify_credential skips the holder check when given no passport number; never trust that.
    if normalise_passport_number(credential.holder.passport_number) != normalise_passport_number(
        traveller.document_number
    ):
        return Admission(
            [
                Reason.of(
                    ReasonCode.CREDENTIAL_WRONG_HOLDER,
                    Outcome.REFER,
                    "credential_wrong_holder",
                    issued_for=credential.holder.passport_number,
                    document=traveller.document_number,
                )
            ]
        )
    end, days = _credential_stay(credential, at=at)
    return Admission(
        [
            Reason.of(
                ReasonCode.CREDENTIAL_VALID,
                Outcome.ADMIT,
                "credential_valid",
                label=credential.type.label,
                end=end.isoformat(),
            )
        ],
        stay_days=days,
        permitted_until=end,
    )


def _credential_stay(credential: Credential, *, at: datetime) -> tuple[date, int]:
    day = at.date()
    if credential.stay_days is not None:
        return stay_end(day, credential.stay_days), credential.stay_days
    # A stay permit lasts until it expires, on the checkpoint's calendar.
    end = credential.valid_until.astimezone(at.tzinfo).date()
    return end, (end - day).days + 1


def _by_nationality(
    traveller: Traveller,
    *,
    day: date,
    policy: BorderPolicy,
    voa_paid_at_counter: bool,
    lane: LaneKind,
    credential_presented: bool,
) -> Admission:
    status = policy.visa_status(traveller.nationality, day)
    voa = policy.visa_on_arrival(day)
    at_counter = lane is LaneKind.COUNTER
    if voa_paid_at_counter and at_counter and voa.includes(traveller.nationality):
        return Admission(
            [
                Reason.of(
                    ReasonCode.VISA_ON_ARRIVAL_PAID,
                    Outcome.ADMIT,
                    "visa_on_arrival_paid",
                    fee=money(voa.fee_idr),
                    days=voa.stay_days,
                    source=voa.source,
                )
            ],
            stay_days=voa.stay_days,
            permitted_until=stay_end(day, voa.stay_days),
        )
    if status is VisaStatus.VISA_EXEMPT:
        exempt = policy.visa_exempt(day)
        return Admission(
            [
                Reason.of(
                    ReasonCode.VISA_EXEMPT,
                    Outcome.ADMIT,
                    "visa_exempt",
                    nationality=traveller.nationality,
                    days=exempt.stay_days,
                    source=exempt.source,
                )
            ],
            stay_days=exempt.stay_days,
            permitted_until=stay_end(day, exempt.stay_days),
        )
    # UU 6/2011 art. 13(1)(d): a foreigner without a visa, unless exempt, is refused. A credential
    # that failed for an innocent reason (a key not yet held offline) is the officer's to check instead.
    no_visa = Outcome.REFER if credential_presented else Outcome.REFUSE
    if voa_paid_at_counter and at_counter:
        # A visa on arrival sold to a nationality not on the list is not a visa.
        return Admission(
            [
                Reason.of(
                    ReasonCode.VISA_ON_ARRIVAL_NOT_ELIGIBLE,
                    no_visa,
                    "visa_on_arrival_not_eligible",
                    nationality=traveller.nationality,
                    source=voa.source,
                )
            ]
        )
    if status is VisaStatus.VISA_ON_ARRIVAL:
        return Admission(
            [
                Reason.of(
                    ReasonCode.VISA_ON_ARRIVAL_NOT_PAID,
                    Outcome.REFER,
                    "visa_on_arrival_not_paid" if at_counter else "visa_on_arrival_not_here",
                    nationality=traveller.nationality,
                    fee=money(voa.fee_idr),
                )
            ]
        )
    return Admission(
        [Reason.of(ReasonCode.VISA_REQUIRED, no_visa, "visa_required", nationality=traveller.nationality)]
    )


def departure(
    stay: Stay | None, *, day: date, rule: OverstayRule, fine_paid: bool
) -> tuple[list[Reason], Overstay | None]:
    """Has a foreigner leaving stayed past the permitted end, and what does that cost?"""
    if stay is None:
        # The stay may have been recorded at another checkpoint that has not uploaded yet; holding a
        # departing traveller for our missing record is worse than letting reconciliation catch it.
        return [Reason.of(ReasonCode.NO_STAY_RECORD, Outcome.ADMIT, "no_stay_record")], None
    days = (day - stay.permitted_until).days
    if days <= 0:
        return [], None
    if days >= rule.deportation_from_days:
        overstay = Overstay(days, 0, rule.fine_per_day_idr, deportation=True, source=rule.source)
        return [
            Reason.of(
                ReasonCode.OVERSTAY_DEPORTATION,
                Outcome.REFER,
                "overstay_deportation",
                days=days,
                until=stay.permitted_until.isoformat(),
                from_days=rule.deportation_from_days,
                source=rule.source,
            )
        ], overstay
    fine = days * rule.fine_per_day_idr
    overstay = Overstay(days, fine, rule.fine_per_day_idr, deportation=False, source=rule.source)
    if fine_paid:
        return [
            Reason.of(
                ReasonCode.OVERSTAY_FINE_PAID,
                Outcome.ADMIT,
                "overstay_fine_paid",
                days=days,
                fine=money(fine),
                source=rule.source,
            )
        ], overstay
    return [
        Reason.of(
            ReasonCode.OVERSTAY,
            Outcome.REFER,
            "overstay",
            days=days,
            until=stay.permitted_until.isoformat(),
            fine=money(fine),
            per_day=money(rule.fine_per_day_idr),
            source=rule.source,
        )
    ], overstay
