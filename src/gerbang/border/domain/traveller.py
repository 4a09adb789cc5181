"""The traveller as the rules see them: a passport's zone with its dates resolved and fields normalised."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from gerbang.documents import ZoneReading, resolve_birth_date, resolve_expiry_date
from gerbang.kernel.countries import is_specimen_code
from gerbang.kernel.errors import InvalidInput

CITIZEN_NATIONALITY = "IDN"
# The longest a document is issued for, which bounds how far ahead a two-digit expiry year may fall:
# ten years for passports (the longest any state issues, Indonesia since PP 45/2024); other travel
# documents, some identity cards among them, are given more room.
PASSPORT_MAX_VALIDITY_YEARS = 10
OTHER_DOCUMENT_MAX_VALIDITY_YEARS = 20


@dataclass(frozen=True)
class Traveller:
    """Who is crossing, from the document read at the lane.

    A date the zone cannot give (a birth date with fillers, an impossible expiry) is None rather
    than an error: the rules then refer the traveller instead of failing the whole decision.
    `failed_checks` names the check digits that do not hold; `zone_errors` lists every other
    rule the zone breaks, as messages.
    """

    document_type: str
    document_number: str
    issuing_state: str
    nationality: str
    surname: str
    given_names: str
    birth_date: date | None
    expiry_date: date | None
    failed_checks: tuple[str, ...] = ()
    zone_errors: tuple[str, ...] = ()

    @property
    def citizen(self) -> bool:
        """Whether the document says the holder is an Indonesian citizen."""
        return self.nationality == CITIZEN_NATIONALITY

    @property
    def specimen(self) -> bool:
        """Whether the document claims the fictional state of Doc 9303 specimens."""
        return is_specimen_code(self.nationality) or is_specimen_code(self.issuing_state)

    @property
    def passport(self) -> bool:
        """Whether the document is a passport (document code P, any subtype)."""
        return self.document_type.startswith("P")

    def age_on(self, day: date) -> int | None:
        """Whole years of age on `day`, or None when the birth date is not known."""
        if self.birth_date is None:
            return None
        birthday_passed = (day.month, day.day) >= (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - (0 if birthday_passed else 1)

    @classmethod
    def from_zone(cls, reading: ZoneReading, *, today: date) -> Traveller:
        """Build from a zone read at the lane; `today` (checkpoint-local) picks each date's century."""
        check_fields = set(reading.failed_checks)
        return cls(
            document_type=reading.document_type.rstrip("<").upper(),
            document_number=reading.document_number.rstrip("<").upper(),
            issuing_state=reading.issuing_state.rstrip("<").upper(),
            nationality=reading.nationality.rstrip("<").upper(),
            surname=reading.surname,
            given_names=reading.given_names,
            birth_date=_resolved(resolve_birth_date, reading.birth_date, today),
            expiry_date=_resolved_expiry(reading.document_type, reading.expiry_date, today),
            failed_checks=reading.failed_checks,
            # Check-digit failures are already named in failed_checks; keep the other problems.
            zone_errors=tuple(issue.message for issue in reading.errors if issue.field not in check_fields),
        )


class _Resolver(Protocol):
    def __call__(self, yymmdd: str, *, today: date) -> date: ...


def _resolved(resolve: _Resolver, yymmdd: str, today: date) -> date | None:
    try:
        return resolve(yymmdd, today=today)
    except InvalidInput:
        return None


def _resolved_expiry(document_type: str, yymmdd: str, today: date) -> date | None:
    passport = document_type.upper().startswith("P")
    years = PASSPORT_MAX_VALIDITY_YEARS if passport else OTHER_DOCUMENT_MAX_VALIDITY_YEARS
    try:
        return resolve_expiry_date(yymmdd, today=today, max_validity_years=years)
    except InvalidInput:
        return None
