"""Travel documents: ICAO Doc 9303 machine-readable zones (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from gerbang.documents.check_digits import check_digit
from gerbang.documents.dates import is_real_date, resolve_birth_date, resolve_expiry_date
from gerbang.documents.formats import LAYOUTS, Layout, ZoneFormat
from gerbang.documents.lenient import normalise
from gerbang.documents.make import ComposedZone, compose_zone, make_zone
from gerbang.documents.parse import read_zone
from gerbang.documents.reading import MalformedZone, ZoneChange, ZoneIssue, ZoneReading

__all__ = [
    "LAYOUTS",
    "ComposedZone",
    "Layout",
    "MalformedZone",
    "ZoneChange",
    "ZoneFormat",
    "ZoneIssue",
    "ZoneReading",
    "check_digit",
    "compose_zone",
    "is_real_date",
    "make_zone",
    "parse_zone",
    "resolve_birth_date",
    "resolve_expiry_date",
]


def parse_zone(lines: Sequence[str], *, lenient: bool = False) -> ZoneReading:
    """Read a machine-readable zone (TD1, TD2, TD3, MRV-A or MRV-B).

    Strict by default: a character outside A–Z, 0–9 and '<', a wrong line length or line count
    raises MalformedZone naming the line and position. A readable zone always returns a reading,
    whose `checks` and `errors` say what fails. With `lenient`, the lines are normalised first
    and the reading lists every change made. A single string is split into lines.
    """
    given = lines.splitlines() if isinstance(lines, str) else list(lines)
    if not lenient:
        return read_zone(given)
    normalised, changes = normalise(given)
    return replace(read_zone(normalised), changes=tuple(changes))
