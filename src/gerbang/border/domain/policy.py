"""Entry policy as data (policy.json): visa-exempt and VoA lists, passport validity, fines, by date."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from gerbang.kernel.countries import is_known_code
from gerbang.kernel.errors import MalformedInput, NotFound

POLICY_FORMAT = "gerbang-border-policy/1"

# Machine-readable zones may name a nationality by an ICAO code that is not the ISO one
# (Germany keeps its one-letter "D"); policy lists use ISO codes.
_ALIASES: Mapping[str, str] = {"D": "DEU"}


class VisaStatus(enum.StrEnum):
    """What a nationality needs to enter without a visa issued in advance."""

    VISA_EXEMPT = "visa_exempt"
    VISA_ON_ARRIVAL = "visa_on_arrival"
    VISA_REQUIRED = "visa_required"


@dataclass(frozen=True)
class NationalityList:
    """One version of the visa-exempt or visa-on-arrival list, in force from `effective_from`."""

    effective_from: date
    nationalities: frozenset[str]
    stay_days: int
    extendable: bool
    fee_idr: int
    source: str
    uncertain: tuple[str, ...]
    notes: str
    # The act that listed each nationality (code -> citation); empty for rows that cite only `source`.
    entry_sources: Mapping[str, str] = field(default_factory=dict)

    def includes(self, nationality: str) -> bool:
        return policy_code(nationality) in self.nationalities

    def source_of(self, nationality: str) -> str | None:
        """The act that put `nationality` on this list, or None when it is not on it."""
        code = policy_code(nationality)
        if code not in self.nationalities:
            return None
        return self.entry_sources.get(code, self.source)


@dataclass(frozen=True)
class EntryRequirements:
    """What a foreigner's passport must satisfy on entry."""

    effective_from: date
    min_passport_validity_months: int
    source: str
    uncertain: tuple[str, ...]
    notes: str
    # What a counter decides for a foreigner with less validity left: "refer" or "refuse".
    short_validity: str = "refer"


@dataclass(frozen=True)
class OverstayRule:
    """The fine per day past the end of a stay, and from how many days deportation applies instead."""

    effective_from: date
    fine_per_day_idr: int
    deportation_from_days: int
    source: str
    uncertain: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class AutogateRule:
    """Who may use an autogate."""

    effective_from: date
    min_age_years: int
    source: str
    uncertain: tuple[str, ...]
    notes: str


_Row = TypeVar("_Row", NationalityList, EntryRequirements, OverstayRule, AutogateRule)


def _in_force(rows: Sequence[_Row], on: date, what: str) -> _Row:
    # The latest row effective by `on` replaces every earlier one.
    candidates = [row for row in rows if row.effective_from <= on]
    if not candidates:
        raise NotFound("entry_policy.none_in_force", field="at", what=what, on=on)
    return max(candidates, key=lambda row: row.effective_from)


def policy_code(nationality: str) -> str:
    """The code policy lists use for a nationality as read from a zone (`D` is `DEU`)."""
    code = nationality.strip().upper().rstrip("<")
    return _ALIASES.get(code, code)


@dataclass(frozen=True)
class BorderPolicy:
    """Every version of every entry rule; each lookup takes the day the rule must apply on."""

    visa_exempt_lists: tuple[NationalityList, ...]
    visa_on_arrival_lists: tuple[NationalityList, ...]
    entry_requirement_rows: tuple[EntryRequirements, ...]
    overstay_rows: tuple[OverstayRule, ...]
    autogate_rows: tuple[AutogateRule, ...]

    def visa_exempt(self, on: date) -> NationalityList:
        return _in_force(self.visa_exempt_lists, on, "visa-exempt")

    def visa_on_arrival(self, on: date) -> NationalityList:
        return _in_force(self.visa_on_arrival_lists, on, "visa-on-arrival")

    def entry_requirements(self, on: date) -> EntryRequirements:
        return _in_force(self.entry_requirement_rows, on, "entry requirements")

    def overstay(self, on: date) -> OverstayRule:
        return _in_force(self.overstay_rows, on, "overstay")

    def autogate(self, on: date) -> AutogateRule:
        return _in_force(self.autogate_rows, on, "autogate")

    def visa_status(self, nationality: str, on: date) -> VisaStatus:
        """Visa-exempt first: a nationality on both lists enters free unless it buys a VoA."""
        if self.visa_exempt(on).includes(nationality):
            return VisaStatus.VISA_EXEMPT
        if self.visa_on_arrival(on).includes(nationality):
            return VisaStatus.VISA_ON_ARRIVAL
        return VisaStatus.VISA_REQUIRED

    @classmethod
    def loads(cls, text: str | bytes) -> BorderPolicy:
        """Read policy JSON; raise MalformedInput naming what is wrong."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise MalformedInput("entry_policy.not_json") from exc
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: object) -> BorderPolicy:
        """Read a policy document already parsed from JSON (as a signed snapshot carries it)."""
        if not isinstance(data, dict) or data.get("format") != POLICY_FORMAT:
            raise MalformedInput("entry_policy.wrong_format", policy_format=POLICY_FORMAT)
        return cls(
            visa_exempt_lists=_rows(data, "visa_exempt", _nationality_list),
            visa_on_arrival_lists=_rows(data, "visa_on_arrival", _nationality_list),
            entry_requirement_rows=_rows(data, "entry_requirements", _entry_requirements),
            overstay_rows=_rows(data, "overstay", _overstay),
            autogate_rows=_rows(data, "autogate", _autogate),
        )

    def missing_on(self, on: date) -> list[str]:
        """The rules with no row in force on `on` (a checkpoint could not decide with this policy)."""
        kinds: dict[str, Sequence[NationalityList | EntryRequirements | OverstayRule | AutogateRule]] = {
            "visa_exempt": self.visa_exempt_lists,
            "visa_on_arrival": self.visa_on_arrival_lists,
            "entry_requirements": self.entry_requirement_rows,
            "overstay": self.overstay_rows,
            "autogate": self.autogate_rows,
        }
        return [key for key, rows in kinds.items() if not any(row.effective_from <= on for row in rows)]


def _rows(data: Mapping[str, Any], key: str, read: Callable[[Mapping[str, Any]], _Row]) -> tuple[_Row, ...]:
    """Every row of section `key`; a row that cannot be read is named by its section and number."""
    items = data.get(key)
    if not isinstance(items, list):
        raise MalformedInput("entry_policy.needs_rows", key=key)
    rows = []
    for number, item in enumerate(items, start=1):
        try:
            if not isinstance(item, dict):
                raise TypeError("expected an object")
            rows.append(read(item))
        except KeyError as exc:
            raise MalformedInput(
                "entry_policy.row_missing_field", key=key, number=number, args=exc.args[0]
            ) from None
        except (TypeError, ValueError) as exc:
            raise MalformedInput("entry_policy.row_unreadable", key=key, number=number, exc=exc) from None
    dates = [row.effective_from for row in rows]
    if len(set(dates)) != len(dates):
        raise MalformedInput("entry_policy.same_date", key=key)
    return tuple(rows)


def _common(item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "effective_from": date.fromisoformat(item["effective_from"]),
        "source": _text(item["source"]),
        "uncertain": tuple(str(name) for name in item["uncertain"]),
        "notes": str(item["notes"]),
    }


def _nationality_list(item: Mapping[str, Any]) -> NationalityList:
    if not isinstance(item["nationalities"], list):
        raise TypeError("nationalities must be a list of codes such as MYS")
    codes = frozenset(str(code) for code in item["nationalities"])
    unknown = sorted(code for code in codes if not is_known_code(code))
    if unknown:
        raise ValueError(f"unknown nationality codes {', '.join(unknown)}")
    if not isinstance(item["extendable"], bool):
        raise ValueError("extendable must be true or false")
    return NationalityList(
        nationalities=codes,
        entry_sources=_entry_sources(item.get("entry_sources"), codes),
        stay_days=_positive(item["stay_days"]),
        extendable=item["extendable"],
        fee_idr=_whole(item["fee_idr"]),
        **_common(item),
    )


def _entry_sources(value: object, codes: frozenset[str]) -> dict[str, str]:
    """Citation -> codes in the data, code -> citation here; every code listed once, none extra."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError("entry_sources must map each citation to the codes it listed")
    found: dict[str, str] = {}
    for citation, listed in value.items():
        if not isinstance(listed, list) or not str(citation).strip():
            raise TypeError("entry_sources must map each citation to a list of codes")
        for code in map(str, listed):
            if code in found:
                raise ValueError(f"entry_sources names {code} twice")
            found[code] = str(citation)
    if set(found) != codes:
        missing, extra = sorted(codes - set(found)), sorted(set(found) - codes)
        raise ValueError(f"entry_sources must cover the list exactly (missing {missing}, not listed {extra})")
    return found


def _entry_requirements(item: Mapping[str, Any]) -> EntryRequirements:
    short = item.get("short_validity", "refer")
    if short not in ("refer", "refuse"):
        raise ValueError(f"short_validity must be refer or refuse, not {short!r}")
    return EntryRequirements(
        min_passport_validity_months=_whole(item["min_passport_validity_months"]),
        short_validity=short,
        **_common(item),
    )


def _overstay(item: Mapping[str, Any]) -> OverstayRule:
    return OverstayRule(
        fine_per_day_idr=_whole(item["fine_per_day_idr"]),
        deportation_from_days=_positive(item["deportation_from_days"]),
        **_common(item),
    )


def _autogate(item: Mapping[str, Any]) -> AutogateRule:
    return AutogateRule(min_age_years=_whole(item["min_age_years"]), **_common(item))


def _whole(value: object) -> int:
    # bool is an int in Python; `true` in the data is a mistake, not 1.
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"expected a whole number, got {value!r}")
    return value


def _positive(value: object) -> int:
    number = _whole(value)
    if number == 0:
        raise ValueError("expected a number above 0")
    return number


def _text(value: object) -> str:
    # A rule without its legal source is not policy the house accepts.
    if not isinstance(value, str) or not value.strip():
        raise ValueError("every row needs its legal source")
    return value
