"""A child's application: who counts as a minor, and the parent or guardian the law asks for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gerbang.kernel.errors import InvalidInput
from gerbang.passports.domain.handover import Relationship
from gerbang.passports.domain.nik import parse_nik


@dataclass(frozen=True)
class MinorRule:
    """Under `adult_age` and not married is a child, who applies with a parent's or guardian's consent
    and documents (`source`, in force from `effective_from`)."""

    adult_age: int
    source: str
    effective_from: date
    # Art. 2A(2) of the same regulation: ten-year passports only for citizens of the adult age or married.
    longest_validity_years: int = 5


@dataclass(frozen=True)
class Guardian:
    """The parent or guardian who consents to a child's application, as on their e-KTP."""

    name: str
    relationship: Relationship
    nik: str


def age_on(birth_date: date, on: date) -> int:
    """Whole years lived on `on`."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def is_minor(birth_date: date, *, on: date, married: bool, rule: MinorRule) -> bool:
    """Whether the applicant is a child on `on`: under the adult age and not married."""
    return not married and age_on(birth_date, on) < rule.adult_age


def check_child_validity(validity_years: int, *, rule: MinorRule) -> None:
    """A child's passport runs at most `longest_validity_years`: ten years are for adults and the married."""
    if validity_years > rule.longest_validity_years:
        raise InvalidInput(
            "application.validity_for_children",
            field="validity_years",
            validity_years=validity_years,
            longest=rule.longest_validity_years,
            adult_age=rule.adult_age,
            source=rule.source,
        )


def check_guardian(
    *,
    name: str,
    relationship: str,
    nik: str,
    consent: bool,
    child_nik: str,
    rule: MinorRule,
    on: date,
) -> Guardian:
    """The guardian a child's application names, or the first thing missing, with the field to fix."""
    params = {"adult_age": rule.adult_age, "source": rule.source}
    name = " ".join(name.split())
    if not name and not nik.strip() and not relationship:
        raise InvalidInput("guardian.required", field="guardian_name", **params)
    if not name:
        raise InvalidInput("guardian.name_missing", field="guardian_name")
    try:
        chosen = Relationship(relationship)
    except ValueError:
        raise InvalidInput("guardian.relationship_missing", field="guardian_relationship") from None
    try:
        parsed = parse_nik(nik)
    except InvalidInput:
        raise InvalidInput("guardian.nik_bad", field="guardian_nik") from None
    if parsed.value == child_nik:
        raise InvalidInput("guardian.nik_is_child", field="guardian_nik")
    if (
        age_on(_nik_birth_date(parsed.birth_day, parsed.birth_month, parsed.birth_year_2, on), on)
        < rule.adult_age
    ):
        raise InvalidInput("guardian.is_minor", field="guardian_nik", adult_age=rule.adult_age)
    if not consent:
        raise InvalidInput("guardian.consent_missing", field="guardian_consent")
    return Guardian(name=name, relationship=chosen, nik=parsed.value)


def _nik_birth_date(day: int, month: int, year_2: int, on: date) -> date:
    """The birth date a NIK writes with two year digits: the latest century that is not in the future."""
    year = 2000 + year_2 if 2000 + year_2 <= on.year else 1900 + year_2
    try:
        born = date(year, month, day)
    except ValueError:  # 29 February of a year that has none: the day before
        born = date(year, month, day - 1)
    return born if born <= on else born.replace(year=year - 100)
