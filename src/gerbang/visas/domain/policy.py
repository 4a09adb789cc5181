"""Visa policy as data (policy.json): fees, validity, stays, extensions and entries, by type and date."""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from gerbang.kernel.errors import MalformedInput, NotFound
from gerbang.visas.domain.credential import UNLIMITED, CredentialType, Entries

POLICY_FORMAT = "gerbang-visa-policy/1"
_PERIOD = re.compile(r"P(?:(\d+)Y)?(?:(\d+)D)?")


@dataclass(frozen=True)
class Period:
    """A span in calendar years plus days, as written in ISO 8601 (`P5Y`, `P90D`)."""

    years: int = 0
    days: int = 0

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.fullmatch(text)
        if match is None or text == "P":
            raise MalformedInput("visa_policy.bad_period", text=text)
        return cls(years=int(match.group(1) or 0), days=int(match.group(2) or 0))

    def after(self, moment: datetime) -> datetime:
        """`moment` moved on by this period; 29 February becomes 28 February in a common year."""
        year = moment.year + self.years
        day = min(moment.day, calendar.monthrange(year, moment.month)[1])
        return moment.replace(year=year, day=day) + timedelta(days=self.days)

    def __str__(self) -> str:
        return (
            "P"
            + (f"{self.years}Y" if self.years else "")
            + (f"{self.days}D" if self.days or not self.years else "")
        )


@dataclass(frozen=True)
class VisaPolicy:
    """The rules for one credential type from `effective_from` until a later row replaces them.

    None means the value is not set by policy (a fee we could not confirm, a stay that lasts
    until the permit expires); `uncertain` names the fields whose values are not confirmed.
    """

    type: CredentialType
    index: str | None
    effective_from: date
    fee_idr: int | None
    validity: Period
    must_enter_within_days: int | None
    stay_days: int | None
    extensions: int | None
    extension_days: int | None
    entries: Entries
    source: str
    uncertain: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class PolicyTable:
    """All policy rows; look one up by type and the date it must apply on."""

    rows: tuple[VisaPolicy, ...]

    def lookup(self, credential_type: CredentialType, on: date) -> VisaPolicy:
        """The row for `credential_type` in force on `on` (the latest one effective by then)."""
        candidates = [row for row in self.rows if row.type is credential_type and row.effective_from <= on]
        if not candidates:
            raise NotFound(
                "visa_policy.none_in_force", field="type", credential_type=credential_type.value, on=on
            )
        return max(candidates, key=lambda row: row.effective_from)

    @classmethod
    def loads(cls, text: str | bytes) -> PolicyTable:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise MalformedInput("visa_policy.not_json") from exc
        if not isinstance(data, dict) or data.get("format") != POLICY_FORMAT:
            raise MalformedInput("visa_policy.wrong_format", policy_format=POLICY_FORMAT)
        try:
            rows = tuple(_row(item) for item in data["rows"])
        except (KeyError, TypeError, ValueError) as exc:
            raise MalformedInput("visa_policy.row_unreadable", exc=exc) from exc
        seen = {(row.type, row.effective_from) for row in rows}
        if len(seen) != len(rows):
            raise MalformedInput("visa_policy.same_date")
        return cls(rows)


def _row(item: dict[str, Any]) -> VisaPolicy:
    entries = item["entries"]
    return VisaPolicy(
        type=CredentialType(item["type"]),
        index=_optional_str(item["index"]),
        effective_from=date.fromisoformat(item["effective_from"]),
        fee_idr=_optional_int(item["fee_idr"]),
        validity=Period.parse(item["validity"]),
        must_enter_within_days=_optional_int(item["must_enter_within_days"]),
        stay_days=_optional_int(item["stay_days"]),
        extensions=_optional_int(item["extensions"]),
        extension_days=_optional_int(item["extension_days"]),
        entries=UNLIMITED if entries == "unlimited" else _int(entries),
        source=str(item["source"]),
        uncertain=tuple(str(name) for name in item["uncertain"]),
        notes=str(item["notes"]),
    )


def _int(value: object) -> int:
    # bool is an int in Python; `true` in the data is a mistake, not 1.
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"expected a whole number, got {value!r}")
    return value


def _optional_int(value: object) -> int | None:
    return None if value is None else _int(value)


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)
