"""Entry and exit rules a checkpoint decides with, offline and pure: the time and every fact are arguments."""

from __future__ import annotations

from gerbang.border.domain.current_stay import CenterStay, LocalCrossing, current_stay, stay_lookup_key
from gerbang.border.domain.decide import consistent_with, decide
from gerbang.border.domain.decision import (
    Decision,
    Direction,
    LaneKind,
    Outcome,
    Override,
    Overstay,
    Reason,
    ReasonCode,
    most_severe,
    override,
)
from gerbang.border.domain.policy import (
    AutogateRule,
    BorderPolicy,
    EntryRequirements,
    NationalityList,
    OverstayRule,
    VisaStatus,
    policy_code,
)
from gerbang.border.domain.rules import WATCHLIST_KINDS, WatchlistHit
from gerbang.border.domain.stay import Stay, stay_end
from gerbang.border.domain.traveller import CITIZEN_NATIONALITY, Traveller

__all__ = [
    "CITIZEN_NATIONALITY",
    "WATCHLIST_KINDS",
    "AutogateRule",
    "BorderPolicy",
    "CenterStay",
    "Decision",
    "Direction",
    "EntryRequirements",
    "LaneKind",
    "LocalCrossing",
    "NationalityList",
    "Outcome",
    "Override",
    "Overstay",
    "OverstayRule",
    "Reason",
    "ReasonCode",
    "Stay",
    "Traveller",
    "VisaStatus",
    "WatchlistHit",
    "consistent_with",
    "current_stay",
    "decide",
    "most_severe",
    "override",
    "policy_code",
    "stay_end",
    "stay_lookup_key",
]
