"""The checkpoint's decision on one crossing: every check run, the most severe outcome kept."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from gerbang.border.domain.decision import (
    Decision,
    Direction,
    LaneKind,
    Outcome,
    Overstay,
    Reason,
    ReasonCode,
    most_severe,
)
from gerbang.border.domain.policy import BorderPolicy
from gerbang.border.domain.rules import (
    WatchlistHit,
    autogate_reasons,
    biometric_reasons,
    document_reasons,
    watchlist_reasons,
)
from gerbang.border.domain.stay import Stay, admission, departure
from gerbang.border.domain.traveller import Traveller
from gerbang.kernel.errors import InvalidInput
from gerbang.visas.domain.credential import Verification


def decide(
    *,
    traveller: Traveller,
    direction: Direction,
    lane_kind: LaneKind,
    at: datetime,
    policy: BorderPolicy,
    credential: Verification | None,
    hits: Sequence[WatchlistHit],
    stay: Stay | None,
    biometric_match: bool | None,
    voa_paid_at_counter: bool = False,
    overstay_fine_paid: bool = False,
) -> Decision:
    """Decide a crossing at `at` (timezone-aware, the checkpoint's local time: its date is the day
    that counts for expiry, stays and overstay).

    Every rule runs and every finding is kept as a reason; the most severe wins. Two caps follow:
    a citizen entering is at most referred, and an autogate never refuses but sends to a counter.
    `credential` is what the edge's `verify_credential` returned, or None when none was presented
    (ignored for citizens and on exit). `stay` is the foreigner's current stay, needed on exit.
    Raise InvalidInput for a naive `at`, NotFound when the policy has no rule in force that day.
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidInput("decision.time_without_zone", field="at")
    direction, lane = Direction(direction), LaneKind(lane_kind)
    day = at.date()
    reasons: list[Reason] = []
    reasons += document_reasons(
        traveller, direction=direction, day=day, requirements=policy.entry_requirements(day)
    )
    reasons += watchlist_reasons(hits, traveller=traveller, direction=direction)
    if lane is LaneKind.COUNTER or biometric_match is not None:
        reasons += biometric_reasons(biometric_match)

    permitted_until: date | None = None
    stay_days: int | None = None
    overstay: Overstay | None = None
    if direction is Direction.ENTRY and traveller.citizen:
        reasons.append(Reason.of(ReasonCode.CITIZEN_ENTRY, Outcome.ADMIT, "citizen_entry"))
    elif direction is Direction.ENTRY:
        admitted = admission(
            traveller,
            at=at,
            policy=policy,
            credential=credential,
            voa_paid_at_counter=voa_paid_at_counter,
            lane=lane,
        )
        reasons += admitted.reasons
        permitted_until, stay_days = admitted.permitted_until, admitted.stay_days
    elif not traveller.citizen:
        found, overstay = departure(stay, day=day, rule=policy.overstay(day), fine_paid=overstay_fine_paid)
        reasons += found

    if lane is LaneKind.AUTOGATE:
        reasons += autogate_reasons(
            traveller, day=day, rule=policy.autogate(day), biometric_match=biometric_match, hits=hits
        )

    outcome = most_severe(reason.outcome for reason in reasons)
    if outcome is Outcome.REFUSE:
        reasons = consistent_with(outcome, reasons)
    if direction is Direction.ENTRY and traveller.citizen and outcome is Outcome.REFUSE:
        outcome = Outcome.REFER
    if lane is LaneKind.AUTOGATE and outcome is not Outcome.ADMIT:
        outcome = Outcome.REFER
        reasons.append(Reason.of(ReasonCode.SENT_TO_COUNTER, Outcome.REFER, "sent_to_counter"))
    return Decision(
        outcome=outcome,
        reasons=tuple(reasons),
        direction=direction,
        lane_kind=lane,
        at=at,
        citizen=traveller.citizen,
        nationality=traveller.nationality,
        document_number=traveller.document_number,
        permitted_until=permitted_until,
        stay_days=stay_days,
        overstay=overstay,
    )


def consistent_with(outcome: Outcome, reasons: list[Reason]) -> list[Reason]:
    """Reasons that do not contradict `outcome`: a refused traveller (by the rules or by a supervisor's
    override) is never told to buy a visa on arrival; that reason is reworded and keeps its code."""
    if outcome is not Outcome.REFUSE:
        return list(reasons)
    return [
        Reason.of(reason.code, reason.outcome, "visa_on_arrival_refused")
        if reason.code is ReasonCode.VISA_ON_ARRIVAL_NOT_PAID
        else reason
        for reason in reasons
    ]
