"""Watchlist entries and screening queries as values, and their parsing from plain dicts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast

from gerbang.kernel.errors import InvalidInput

ListKind = Literal["exit-ban", "entry-ban", "wanted", "lost-stolen-document"]
LIST_KINDS: tuple[ListKind, ...] = ("exit-ban", "entry-ban", "wanted", "lost-stolen-document")

_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A birth date as lists know it: a year, a year and month, or a full date."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True, slots=True)
class WatchlistEntry:
    """One listed person or document; the first name is the primary one, the rest aliases."""

    id: str
    names: tuple[str, ...]
    birth_date: PartialDate | None
    nationality: str | None
    documents: tuple[str, ...]
    list_kind: ListKind
    valid_until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ScreeningQuery:
    """What a checkpoint reads from a travel document."""

    id: str
    name: str
    birth_date: dt.date | None
    nationality: str | None
    document_number: str | None = None


def parse_partial_date(value: str, *, field: str) -> PartialDate:
    """Read 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', checking that the date exists."""
    found = _PARTIAL_DATE.match(value)
    if not found:
        raise InvalidInput("record.partial_date", field=field, what=field, value=value)
    year, month, day = (int(part) if part else None for part in found.groups())
    assert year is not None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as error:
        raise InvalidInput("record.not_real_date", field=field, what=field, value=value) from error
    return PartialDate(year, month, day)


def _full_date(value: object, *, field: str) -> dt.date:
    if not isinstance(value, str) or not _FULL_DATE.match(value):
        raise InvalidInput("record.date_string", field=field, what=field, value=value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise InvalidInput("record.not_real_date", field=field, what=field, value=value) from error


def _text(raw: Mapping[str, Any], field: str, *, optional: bool = False) -> str | None:
    if field not in raw or raw[field] is None:
        if optional:
            return None
        raise InvalidInput("record.missing", field=field, what=field)
    value = raw[field]
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput("record.empty_string", field=field, what=field)
    return value


def _strings(raw: Mapping[str, Any], field: str) -> tuple[str, ...]:
    value = raw.get(field, [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidInput("record.string_list", field=field, what=field)
    return tuple(item for item in value if item.strip())


def _nationality(raw: Mapping[str, Any], field: str) -> str | None:
    value = _text(raw, field, optional=True)
    if value is None:
        return None
    if not _ALPHA3.match(value.upper()):
        raise InvalidInput("record.country_code", field=field, what=field, value=value)
    return value.upper()


def parse_entry(raw: Mapping[str, Any]) -> WatchlistEntry:
    """Read a watchlist entry from its JSON form; raise InvalidInput naming the bad field."""
    if not isinstance(raw, Mapping):
        raise InvalidInput("record.entry_not_object", field="entry")
    entry_id = cast(str, _text(raw, "id"))
    names = _strings(raw, "names")
    documents = _strings(raw, "documents")
    if "names" not in raw:
        raise InvalidInput("record.names_missing", field="names")
    if not names and not documents:
        raise InvalidInput("record.name_or_document", field="names")
    kind = _text(raw, "list")
    if kind not in LIST_KINDS:
        raise InvalidInput("record.list_kind", field="list", kind=kind, kinds=", ".join(LIST_KINDS))
    birth = _text(raw, "birth_date", optional=True)
    until = raw.get("valid_until")
    return WatchlistEntry(
        id=entry_id,
        names=names,
        birth_date=parse_partial_date(birth, field="birth_date") if birth else None,
        nationality=_nationality(raw, "nationality"),
        documents=documents,
        list_kind=kind,
        valid_until=None if until is None else _full_date(until, field="valid_until"),
    )


def parse_query(raw: Mapping[str, Any]) -> ScreeningQuery:
    """Read a screening query from its JSON form; raise InvalidInput naming the bad field."""
    if not isinstance(raw, Mapping):
        raise InvalidInput("record.query_not_object", field="query")
    birth = raw.get("birth_date")
    return ScreeningQuery(
        id=cast(str, _text(raw, "id")),
        name=cast(str, _text(raw, "name")),
        birth_date=None if birth is None else _full_date(birth, field="birth_date"),
        nationality=_nationality(raw, "nationality"),
        document_number=_text(raw, "document_number", optional=True),
    )


def entry_to_dict(entry: WatchlistEntry) -> dict[str, Any]:
    """Return the JSON form of an entry (the inverse of parse_entry)."""
    return {
        "id": entry.id,
        "names": list(entry.names),
        "birth_date": None if entry.birth_date is None else str(entry.birth_date),
        "nationality": entry.nationality,
        "documents": list(entry.documents),
        "list": entry.list_kind,
        "valid_until": None if entry.valid_until is None else entry.valid_until.isoformat(),
    }


def query_to_dict(query: ScreeningQuery) -> dict[str, Any]:
    """Return the JSON form of a query (the inverse of parse_query)."""
    return {
        "id": query.id,
        "name": query.name,
        "birth_date": None if query.birth_date is None else query.birth_date.isoformat(),
        "nationality": query.nationality,
        "document_number": query.document_number,
    }
