"""The message catalogue: every user-facing text in Indonesian and English, looked up by reason key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from string import Formatter
from typing import Any, Literal

from gerbang.words import (
    accounts,
    border,
    common,
    console,
    crossing_reasons,
    documents,
    drill,
    operations,
    passports,
    screening,
    status,
    sync,
    visas,
)
from gerbang.words.calendar import MONTHS, tanggal

Language = Literal["id", "en"]
LANGUAGES: tuple[Language, ...] = ("id", "en")
MODULES = (
    common,
    accounts,
    documents,
    screening,
    border,
    console,
    crossing_reasons,
    visas,
    passports,
    sync,
    status,
    operations,
    drill,
)


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in MODULES:
        for key, pair in module.MESSAGES.items():
            if key in merged:
                raise ValueError(f"reason {key!r} is in the catalogue twice")
            merged[key] = pair
    return merged


CATALOGUE: dict[str, tuple[str, str]] = _merge()


@dataclass(frozen=True)
class Text:
    """One message in both languages: Indonesian first, English beside it."""

    id: str
    en: str

    def said_in(self, language: str) -> str:
        """The message in `language` ("id" or "en"; anything else reads as Indonesian)."""
        return self.en if language == "en" else self.id


def known(reason: str) -> bool:
    """Whether the catalogue holds `reason`."""
    return reason in CATALOGUE


def placeholders(template: str) -> set[str]:
    """The names a template fills in, e.g. {"day", "office"}."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in Formatter().parse(template) if name}


class _IndonesianDate(date):
    """A date that reads "7 Desember 2026" ("Senin, 7 Desember 2026" as {day:long}), or as formatted."""

    def __format__(self, spec: str) -> str:
        if spec in ("", "long"):
            return tanggal(self, weekday=spec == "long")
        return date.__format__(self, spec)


class _IndonesianNumber(float):
    """A number with the Indonesian separators: 91,5 and 500.000."""

    def __format__(self, spec: str) -> str:
        english = format(float(self), spec) if spec else repr(float(self)).removesuffix(".0")
        return english.translate(_SWAP)


class _IndonesianInteger(int):
    def __format__(self, spec: str) -> str:
        return format(int(self), spec).translate(_SWAP)


_SWAP = str.maketrans({",": ".", ".": ","})


def _for_indonesian(value: Any) -> Any:
    if isinstance(value, datetime | bool):
        return value
    if isinstance(value, date):
        return _IndonesianDate(value.year, value.month, value.day)
    if isinstance(value, float):
        return _IndonesianNumber(value)
    if isinstance(value, int):
        return _IndonesianInteger(value)
    return value


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        # A missing or odd parameter must never turn a refusal into a crash: show the template.
        return template


def text(reason: str, /, **params: Any) -> Text:
    """The message for `reason` in both languages; an unknown reason reads as itself."""
    pair = CATALOGUE.get(reason)
    if pair is None:
        return Text(reason, reason)
    indonesian, english = pair
    # A detail that is itself a message (a status name, a nested refusal) reads in the same language.
    in_english = {k: v.en if isinstance(v, Text) else v for k, v in params.items()}
    in_indonesian = {k: v.id if isinstance(v, Text) else _for_indonesian(v) for k, v in params.items()}
    return Text(_fill(indonesian, in_indonesian), _fill(english, in_english))


def say(reason: str, language: str, /, **params: Any) -> str:
    """The message for `reason` in `language` ("id" or "en")."""
    return text(reason, **params).said_in(language)


__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "MONTHS",
    "Language",
    "Text",
    "known",
    "placeholders",
    "say",
    "tanggal",
    "text",
]
