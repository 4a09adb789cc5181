"""Passport fees and service levels as data (policy.json), looked up by the date they must apply on."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from gerbang.kernel.calendar import WorkingCalendar
from gerbang.kernel.errors import InvalidInput, MalformedInput
from gerbang.passports.domain.minors import MinorRule

POLICY_FORMAT = "gerbang-passport-policy/1"


class Kind(StrEnum):
    ORDINARY = "ordinary"
    ELECTRONIC = "electronic"


class Service(StrEnum):
    REGULAR = "regular"
    SAME_DAY = "same-day"
    PRIORITY = "priority"


@dataclass(frozen=True)
class Fee:
    """What an application costs, in whole rupiah, and the law that says so."""

    base_idr: int
    surcharge_idr: int
    source: str
    effective_from: date

    @property
    def total_idr(self) -> int:
        return self.base_idr + self.surcharge_idr


@dataclass(frozen=True)
class Period:
    effective_from: date
    source: str
    fees_idr: Mapping[tuple[Kind, int], int]
    same_day_surcharge_idr: int


@dataclass(frozen=True)
class ServiceLevel:
    ready_working_days: int
    surcharge: bool
    label: str


@dataclass(frozen=True)
class PassportPolicy:
    """Every fee period and service level; pure lookups."""

    periods: tuple[Period, ...]
    services: Mapping[Service, ServiceLevel]
    billing_valid_minutes: int
    pickup_within_days: int
    max_people_per_account: int
    minors: MinorRule = field(default_factory=lambda: MinorRule(17, "Permenkumham 8/2014", date(2014, 1, 1)))

    def period(self, on: date) -> Period:
        candidates = [p for p in self.periods if p.effective_from <= on]
        if not candidates:
            raise InvalidInput("fee.no_schedule", on=on)
        return max(candidates, key=lambda p: p.effective_from)

    def fee(self, kind: Kind, validity_years: int, service: Service, on: date) -> Fee:
        """The fee in force on `on`; a validity the law of that day does not offer is refused."""
        period = self.period(on)
        base = period.fees_idr.get((kind, validity_years))
        if base is None:
            offered = sorted(years for k, years in period.fees_idr if k is kind)
            raise InvalidInput(
                "fee.validity_not_offered",
                field="validity_years",
                validity_years=validity_years,
                kind=kind.value,
                source=period.source,
                offered=" or ".join(str(y) for y in offered),
            )
        surcharge = period.same_day_surcharge_idr if self.services[service].surcharge else 0
        return Fee(base, surcharge, period.source, period.effective_from)

    def ready_on(self, service: Service, interviewed_on: date, calendar: WorkingCalendar) -> date:
        """When the passport is due: same day for percepatan, else n working days after the interview."""
        return calendar.add_working_days(interviewed_on, self.services[service].ready_working_days)

    @classmethod
    def loads(cls, text: str | bytes) -> PassportPolicy:
        try:
            data = json.loads(text)
            if data.get("format") != POLICY_FORMAT:
                raise MalformedInput("policy.not_passport_policy", policy_format=POLICY_FORMAT)
            return cls(
                periods=tuple(_period(item) for item in data["periods"]),
                services={Service(k): ServiceLevel(**v) for k, v in data["services"].items()},
                billing_valid_minutes=int(data["billing_valid_minutes"]),
                pickup_within_days=int(data["pickup_within_days"]),
                max_people_per_account=int(data["max_people_per_account"]),
                minors=MinorRule(
                    adult_age=int(data["minors"]["adult_age"]),
                    source=str(data["minors"]["source"]),
                    effective_from=date.fromisoformat(data["minors"]["effective_from"]),
                    longest_validity_years=int(data["minors"]["longest_validity_years"]),
                ),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise MalformedInput("policy.passport_unreadable", exc=exc) from exc


def _period(item: dict[str, Any]) -> Period:
    fees: dict[tuple[Kind, int], int] = {}
    for key, amount in item["fees_idr"].items():
        kind, years = key.split("/")
        if not isinstance(amount, int) or amount < 0:
            raise ValueError(f"fee {key} must be whole rupiah, got {amount!r}")
        fees[(Kind(kind), int(years))] = amount
    return Period(
        effective_from=date.fromisoformat(item["effective_from"]),
        source=str(item["source"]),
        fees_idr=fees,
        same_day_surcharge_idr=int(item["same_day_surcharge_idr"]),
    )
