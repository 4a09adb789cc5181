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
        reasons.append(
            Reason(
                ReasonCode.SPECIMEN_DOCUMENT,
                "The document claims Utopia, the state of ICAO specimen documents; "
                "it is not a travel document.",
                Outcome.REFUSE,
            )
        )
    if traveller.failed_checks:
        names = ", ".join(name.replace("_", " ") for name in traveller.failed_checks)
        reasons.append(
            Reason(
                ReasonCode.MRZ_CHECK_FAILED,
                f"The machine-readable zone fails its check digits ({names}). "
                "Examine the document by hand and compare the zone with the data page.",
                Outcome.REFER,
            )
        )
    if traveller.zone_errors:
        reasons.append(
            Reason(
                ReasonCode.MRZ_FIELD_INVALID,
                "The machine-readable zone breaks the ICAO rules: "
                + "; ".join(traveller.zone_errors)
                + ". Examine the document by hand.",
                Outcome.REFER,
            )
        )
    if not traveller.passport:
        reasons.append(
            Reason(
                ReasonCode.NOT_A_PASSPORT,
                f"The document (code {traveller.document_type or 'none'}) is not a passport. "
                "Check that it is a travel document accepted at this checkpoint.",
                Outcome.REFER,
            )
        )
    expiry = traveller.expiry_date
    if expiry is None:
        reasons.append(
            Reason(
                ReasonCode.EXPIRY_DATE_UNREADABLE,
                "The expiry date in the zone is not a real date. Read it from the data page.",
                Outcome.REFER,
            )
        )
    elif expiry < day:
        reasons.append(
            Reason(
                ReasonCode.DOCUMENT_EXPIRED,
                f"The passport expired on {expiry.isoformat()}.",
                Outcome.REFUSE,
            )
        )
    elif direction is Direction.ENTRY and not traveller.citizen:
        months = requirements.min_passport_validity_months
        if expiry < add_months(day, months):
            # Refused at a counter since Permenkumham 9/2024; an autogate still only sends to a counter.
            refuse = requirements.short_validity == "refuse"
            then = "Entry is refused" if refuse else "Refer to the officer"
            reasons.append(
                Reason(
                    ReasonCode.PASSPORT_VALIDITY_UNDER_6_MONTHS,
                    f"The passport expires on {expiry.isoformat()}, less than {months} months after entry. "
                    f"{then} ({requirements.source}).",
                    Outcome.REFUSE if refuse else Outcome.REFER,
                )
            )
    return reasons


def watchlist_reasons(
    hits: Sequence[WatchlistHit], *, traveller: Traveller, direction: Direction
) -> list[Reason]:
    """What each matched watchlist entry means for this crossing."""
    reasons: list[Reason] = []
    for hit in hits:
        about = f"(watchlist entry {hit.entry_id}, match score {hit.score:.2f})"
        if hit.list_kind == "exit-ban":
            if direction is Direction.EXIT:
                # Pencegahan: a ban on leaving Indonesia, for citizens and foreigners alike.
                reasons.append(
                    Reason(
                        ReasonCode.EXIT_BAN,
                        f"The traveller is barred from leaving Indonesia (pencegahan) {about}.",
                        Outcome.REFUSE,
                    )
                )
            else:
                reasons.append(
                    Reason(
                        ReasonCode.EXIT_BAN_ON_RECORD,
                        f"An exit ban (pencegahan) is on record; it does not stop entry {about}.",
                        Outcome.ADMIT,
                    )
                )
        elif hit.list_kind == "entry-ban":
            if direction is Direction.ENTRY and not traveller.citizen:
                reasons.append(
                    Reason(
                        ReasonCode.ENTRY_BAN,
                        f"The traveller is barred from entering Indonesia (penangkalan) {about}.",
                        Outcome.REFUSE,
                    )
                )
            elif direction is Direction.ENTRY:
                # Penangkalan applies to foreigners only: on a citizen it is a false match or bad data.
                reasons.append(
                    Reason(
                        ReasonCode.ENTRY_BAN,
                        f"An entry ban (penangkalan) matched an Indonesian citizen, who cannot be barred "
                        f"from entering; check the match and report it {about}.",
                        Outcome.REFER,
                    )
                )
            else:
                reasons.append(
                    Reason(
                        ReasonCode.ENTRY_BAN_ON_RECORD,
                        f"An entry ban (penangkalan) is on record; it does not stop departure {about}.",
                        Outcome.ADMIT,
                    )
                )
        elif hit.list_kind == "wanted":
            reasons.append(
                Reason(
                    ReasonCode.WANTED_PERSON,
                    f"The traveller matches a wanted person; hold at the counter and follow the "
                    f"wanted-person procedure {about}.",
                    Outcome.REFER,
                )
            )
        else:
            reasons.append(
                Reason(
                    ReasonCode.LOST_STOLEN_DOCUMENT,
                    f"The document is reported lost or stolen; keep it and examine it {about}.",
                    Outcome.REFER,
                )
            )
    return reasons


def biometric_reasons(match: bool | None) -> list[Reason]:
    """Does the face (or fingerprint) match the document holder?"""
    if match is None:
        return [
            Reason(
                ReasonCode.BIOMETRIC_NOT_CHECKED, "No biometric match was made at this lane.", Outcome.ADMIT
            )
        ]
    if not match:
        return [
            Reason(
                ReasonCode.BIOMETRIC_MISMATCH,
                "The live biometric does not match the document holder. "
                "Compare the traveller with the photo.",
                Outcome.REFER,
            )
        ]
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
        known = "unknown" if age is None else str(age)
        reasons.append(
            Reason(
                ReasonCode.AUTOGATE_AGE_NOT_ELIGIBLE,
                f"Autogates take travellers aged {rule.min_age_years} and over; "
                f"this traveller's age is {known}.",
                Outcome.REFER,
            )
        )
    if biometric_match is None:
        # The gate must see a match before it opens; "not checked" at a counter is the officer's call.
        reasons.append(
            Reason(
                ReasonCode.BIOMETRIC_NOT_CHECKED,
                "The autogate made no biometric match; it cannot open without one.",
                Outcome.REFER,
            )
        )
    if hits:
        reasons.append(
            Reason(
                ReasonCode.WATCHLIST_HIT_AT_AUTOGATE,
                "A watchlist hit turns the autogate red; an officer reviews it at the counter.",
                Outcome.REFER,
            )
        )
    return reasons
