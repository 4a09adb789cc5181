"""The checks on the document, the watchlists, the biometric match and the autogate, each giving reasons."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from gerbang.border.domain.decision import Direction, Outcome, Reason, ReasonCode
from gerbang.border.domain.policy import AutogateRule, EntryRequirements
from gerbang.border.domain.traveller import Traveller
from gerbang.kernel.errors import InvalidInput

WATCHLIST_KINDS = ("exit-ban", "entry-ban", "wanted", "lost-stolen-document")


@dataclass(frozen=True, slots=True)
class WatchlistHit:
    """A watchlist entry screening matched to this traveller (the edge builds it from a screening hit)."""

    entry_id: str
    list_kind: str
    score: float

    def __post_init__(self) -> None:
        # An unknown kind would silently fall through every rule; fail where the hit is built.
        if self.list_kind not in WATCHLIST_KINDS:
            raise InvalidInput(
                "watchlist.list_kind",
                field="list_kind",
                list_kind=self.list_kind,
                kinds=", ".join(WATCHLIST_KINDS),
            )


def add_months(day: date, months: int) -> date:
    """`day` moved on by whole calendar months; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def document_reasons(
    traveller: Traveller, *, direction: Direction, day: date, requirements: EntryRequirements
) -> list[Reason]:
    """Is the document genuine-looking, a passport, and valid long enough?"""
    reasons: list[Reason] = []
    if traveller.specimen:
        reasons.append(Reason.of(ReasonCode.SPECIMEN_DOCUMENT, Outcome.REFUSE, "specimen_document"))
    if traveller.failed_checks:
        names = ", ".join(name.replace("_", " ") for name in traveller.failed_checks)
        reasons.append(Reason.of(ReasonCode.MRZ_CHECK_FAILED, Outcome.REFER, "mrz_check_failed", names=names))
    if traveller.zone_errors:
        reasons.append(
            Reason.of(
                ReasonCode.MRZ_FIELD_INVALID,
                Outcome.REFER,
                "mrz_field_invalid",
                errors="; ".join(traveller.zone_errors),
            )
        )
    if not traveller.passport:
        reasons.append(
            Reason.of(
                ReasonCode.NOT_A_PASSPORT,
                Outcome.REFER,
                "not_a_passport",
                document_type=traveller.document_type or "none",
            )
        )
    expiry = traveller.expiry_date
    if expiry is None:
        reasons.append(Reason.of(ReasonCode.EXPIRY_DATE_UNREADABLE, Outcome.REFER, "expiry_date_unreadable"))
    elif expiry < day:
        reasons.append(
            Reason.of(
                ReasonCode.DOCUMENT_EXPIRED, Outcome.REFUSE, "document_expired", expiry=expiry.isoformat()
            )
        )
    elif direction is Direction.ENTRY and not traveller.citizen:
        months = requirements.min_passport_validity_months
        if expiry < add_months(day, months):
            # Refused at a counter since Permenkumham 9/2024; an autogate still only sends to a counter.
            refuse = requirements.short_validity == "refuse"
            reasons.append(
                Reason.of(
                    ReasonCode.PASSPORT_VALIDITY_UNDER_6_MONTHS,
                    Outcome.REFUSE if refuse else Outcome.REFER,
                    "validity_refused" if refuse else "validity_referred",
                    expiry=expiry.isoformat(),
                    months=months,
                    source=requirements.source,
                )
            )
    return reasons


def watchlist_reasons(
    hits: Sequence[WatchlistHit], *, traveller: Traveller, direction: Direction
) -> list[Reason]:
    """What each matched watchlist entry means for this crossing."""
    reasons: list[Reason] = []
    for hit in hits:
        about: dict[str, str | float] = {"entry": hit.entry_id, "score": hit.score}
        if hit.list_kind == "exit-ban":
            # Pencegahan: a ban on leaving Indonesia, for citizens and foreigners alike.
            if direction is Direction.EXIT:
                reasons.append(Reason.of(ReasonCode.EXIT_BAN, Outcome.REFUSE, "exit_ban", **about))
            else:
                reasons.append(
                    Reason.of(ReasonCode.EXIT_BAN_ON_RECORD, Outcome.ADMIT, "exit_ban_on_record", **about)
                )
        elif hit.list_kind == "entry-ban":
            if direction is Direction.ENTRY and not traveller.citizen:
                reasons.append(Reason.of(ReasonCode.ENTRY_BAN, Outcome.REFUSE, "entry_ban", **about))
            elif direction is Direction.ENTRY:
                # Penangkalan applies to foreigners only: on a citizen it is a false match or bad data.
                reasons.append(Reason.of(ReasonCode.ENTRY_BAN, Outcome.REFER, "entry_ban_citizen", **about))
            else:
                reasons.append(
                    Reason.of(ReasonCode.ENTRY_BAN_ON_RECORD, Outcome.ADMIT, "entry_ban_on_record", **about)
                )
        elif hit.list_kind == "wanted":
            reasons.append(Reason.of(ReasonCode.WANTED_PERSON, Outcome.REFER, "wanted_person", **about))
        else:
            reasons.append(
                Reason.of(ReasonCode.LOST_STOLEN_DOCUMENT, Outcome.REFER, "lost_stolen_document", **about)
            )
    return reasons


def biometric_reasons(match: bool | None) -> list[Reason]:
    """Does the face (or fingerprint) match the document holder?"""
    if match is None:
        return [Reason.of(ReasonCode.BIOMETRIC_NOT_CHECKED, Outcome.ADMIT, "biometric_not_checked")]
    if not match:
        return [Reason.of(ReasonCode.BIOMETRIC_MISMATCH, Outcome.REFER, "biometric_mismatch")]
    return []


def autogate_reasons(
    traveller: Traveller,
    *,
    day: date,
    rule: AutogateRule,
    biometric_match: bool | None,
    hits: Sequence[WatchlistHit],
) -> list[Reason]:
    """What an autogate cannot handle and a counter must: young children, no biometric, any watchlist hit."""
    reasons: list[Reason] = []
    age = traveller.age_on(day)
    if age is None or age < rule.min_age_years:
        reasons.append(
            Reason.of(
                ReasonCode.AUTOGATE_AGE_NOT_ELIGIBLE,
                Outcome.REFER,
                "autogate_age_unknown",
                min_age=rule.min_age_years,
            )
            if age is None
            else Reason.of(
                ReasonCode.AUTOGATE_AGE_NOT_ELIGIBLE,
                Outcome.REFER,
                "autogate_age_not_eligible",
                min_age=rule.min_age_years,
                age=age,
            )
        )
    if biometric_match is None:
        # The gate must see a match before it opens; "not checked" at a counter is the officer's call.
        reasons.append(Reason.of(ReasonCode.BIOMETRIC_NOT_CHECKED, Outcome.REFER, "autogate_no_biometric"))
    if hits:
        reasons.append(
            Reason.of(ReasonCode.WATCHLIST_HIT_AT_AUTOGATE, Outcome.REFER, "watchlist_hit_at_autogate")
        )
    return reasons
