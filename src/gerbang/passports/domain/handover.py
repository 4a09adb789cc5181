"""Who may collect a ready passport: the holder in person, or for a child an authorised adult."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from gerbang import words
from gerbang.kernel.errors import GerbangError
from gerbang.passports.domain.nik import parse_nik

# Indonesians receive an e-KTP at 17: younger holders cannot prove who they are by themselves.
ADULT_AGE = 17
_FAMILY_CARD = re.compile(r"\d{16}")


class CollectorKind(StrEnum):
    HOLDER = "holder"
    AUTHORISED = "authorised"


class Relationship(StrEnum):
    PARENT = "parent"
    GUARDIAN = "guardian"


@dataclass(frozen=True)
class Holder:
    """The passport holder as the application names them."""

    nik: str
    name: str
    birth_date: date


@dataclass(frozen=True)
class Collector:
    """The person at the counter, as read from their e-KTP (and, for a child, the family card)."""

    kind: CollectorKind
    nik: str
    name: str
    birth_date: date
    relationship: Relationship | None = None
    family_card: str | None = None


@dataclass(frozen=True)
class HandoverCheck:
    """The outcome of the identity check: accepted, or refused with a code and a reason to read out."""

    accepted: bool
    code: str
    reason: str
    text: words.Text | None = None  # the reason in both languages (catalogue key "handover.<code>")


ACCEPTED = HandoverCheck(True, "accepted", "identity confirmed")


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on `day`."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def normal_name(name: str) -> str:
    """A name compared as printed: accents, case, punctuation and spacing do not count."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", letters.upper()).split())


def check_collector(holder: Holder, collector: Collector, *, on: date) -> HandoverCheck:
    """Check the collector against the application on the day of hand-over; never raises."""
    if collector.kind is CollectorKind.HOLDER:
        return _check_holder(holder, collector)
    return _check_authorised(holder, collector, on=on)


def _refuse(code: str, reason: str, **params: Any) -> HandoverCheck:
    return HandoverCheck(False, code, reason, words.text(f"handover.{code}", adult_age=ADULT_AGE, **params))


def _check_holder(holder: Holder, collector: Collector) -> HandoverCheck:
    if collector.nik.strip() != holder.nik:
        return _refuse("nik_mismatch", "the NIK on the e-KTP is not the NIK of this application")
    if collector.birth_date != holder.birth_date:
        return _refuse("birth_date_mismatch", "the birth date on the e-KTP differs from the application")
    if normal_name(collector.name) != normal_name(holder.name):
        return _refuse("name_mismatch", "the name on the e-KTP differs from the name on the application")
    return ACCEPTED


def _check_authorised(holder: Holder, collector: Collector, *, on: date) -> HandoverCheck:
    if age_on(holder.birth_date, on) >= ADULT_AGE:
        return _refuse(
            "holder_is_adult", f"the holder is {ADULT_AGE} or older and must collect the passport in person"
        )
    if collector.relationship is None:
        return _refuse("relationship_missing", "say whether the collector is the child's parent or guardian")
    if not (collector.family_card and _FAMILY_CARD.fullmatch(collector.family_card)):
        return _refuse(
            "family_card_missing",
            "give the 16-digit family card (Kartu Keluarga) number listing the child and the collector",
        )
    if collector.nik.strip() == holder.nik:
        return _refuse("collector_is_holder", "an authorised collector cannot use the child's own NIK")
    try:
        nik = parse_nik(collector.nik)
    except GerbangError as exc:
        return _refuse(
            "collector_nik_invalid", f"the collector's NIK cannot be right: {exc.message}", problem=exc.text()
        )
    born = collector.birth_date
    if (nik.birth_day, nik.birth_month, nik.birth_year_2) != (born.day, born.month, born.year % 100):
        return _refuse("collector_nik_mismatch", "the collector's NIK does not encode their birth date")
    if age_on(born, on) < ADULT_AGE:
        return _refuse("collector_minor", f"an authorised collector must be {ADULT_AGE} or older")
    if not normal_name(collector.name):
        return _refuse("collector_name_missing", "give the collector's name as on their e-KTP")
    return ACCEPTED
