"""The five zone layouts of Doc 9303 as data: where each field sits, and how to tell them apart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class ZoneFormat(StrEnum):
    """A machine-readable zone layout: three ID card sizes, two visa sizes."""

    TD1 = "TD1"
    TD2 = "TD2"
    TD3 = "TD3"
    MRVA = "MRVA"
    MRVB = "MRVB"


@dataclass(frozen=True, slots=True)
class Span:
    """Characters `start`..`end` (1-based, inclusive) of line `line` (1-based)."""

    line: int
    start: int
    end: int

    def take(self, lines: Sequence[str]) -> str:
        """Return the characters of this span from `lines`."""
        return lines[self.line - 1][self.start - 1 : self.end]

    @property
    def width(self) -> int:
        """Number of characters in the span."""
        return self.end - self.start + 1


@dataclass(frozen=True, slots=True)
class Layout:
    """Where every field of one format sits; `None` where the format has no such field."""

    format: ZoneFormat
    line_count: int
    line_length: int
    document_type: Span
    issuing_state: Span
    name: Span
    document_number: Span
    document_number_check: Span
    nationality: Span
    birth_date: Span
    birth_date_check: Span
    sex: Span
    expiry_date: Span
    expiry_date_check: Span
    optional_data: Span
    # TD3 only: the personal number carries its own check digit.
    optional_data_check: Span | None
    # TD1 only: a second optional data field on line 2.
    optional_data_2: Span | None
    composite_check: Span | None
    composite_parts: tuple[Span, ...]
    # TD1 and TD2 may continue a long document number into the optional data.
    extends_document_number: bool

    @property
    def is_visa(self) -> bool:
        """Whether this is a machine-readable visa layout."""
        return self.format in (ZoneFormat.MRVA, ZoneFormat.MRVB)


# Doc 9303 parts 4–7: passports start with P, visas with V, cards (TD1, TD2) with A, C or I.
DOCUMENT_CODE_LETTERS: Mapping[ZoneFormat, str] = MappingProxyType(
    {
        ZoneFormat.TD1: "ACI",
        ZoneFormat.TD2: "ACI",
        ZoneFormat.TD3: "P",
        ZoneFormat.MRVA: "V",
        ZoneFormat.MRVB: "V",
    }
)


def _two_line(fmt: ZoneFormat, length: int) -> Layout:
    # TD2, TD3 and both visas share one skeleton; they differ in width and in the tail of line 2.
    has_composite = fmt in (ZoneFormat.TD2, ZoneFormat.TD3)
    tail_end = length - 1 if has_composite else length
    personal_check = Span(2, length - 1, length - 1) if fmt is ZoneFormat.TD3 else None
    optional_end = tail_end - 1 if personal_check else tail_end
    return Layout(
        format=fmt,
        line_count=2,
        line_length=length,
        document_type=Span(1, 1, 2),
        issuing_state=Span(1, 3, 5),
        name=Span(1, 6, length),
        document_number=Span(2, 1, 9),
        document_number_check=Span(2, 10, 10),
        nationality=Span(2, 11, 13),
        birth_date=Span(2, 14, 19),
        birth_date_check=Span(2, 20, 20),
        sex=Span(2, 21, 21),
        expiry_date=Span(2, 22, 27),
        expiry_date_check=Span(2, 28, 28),
        optional_data=Span(2, 29, optional_end),
        optional_data_check=personal_check,
        optional_data_2=None,
        composite_check=Span(2, length, length) if has_composite else None,
        composite_parts=(Span(2, 1, 10), Span(2, 14, 20), Span(2, 22, length - 1)) if has_composite else (),
        extends_document_number=fmt is ZoneFormat.TD2,
    )


LAYOUTS: Mapping[ZoneFormat, Layout] = MappingProxyType(
    {
        ZoneFormat.TD1: Layout(
            format=ZoneFormat.TD1,
            line_count=3,
            line_length=30,
            document_type=Span(1, 1, 2),
            issuing_state=Span(1, 3, 5),
            document_number=Span(1, 6, 14),
            document_number_check=Span(1, 15, 15),
            optional_data=Span(1, 16, 30),
            birth_date=Span(2, 1, 6),
            birth_date_check=Span(2, 7, 7),
            sex=Span(2, 8, 8),
            expiry_date=Span(2, 9, 14),
            expiry_date_check=Span(2, 15, 15),
            nationality=Span(2, 16, 18),
            optional_data_2=Span(2, 19, 29),
            composite_check=Span(2, 30, 30),
            composite_parts=(Span(1, 6, 30), Span(2, 1, 7), Span(2, 9, 15), Span(2, 19, 29)),
            name=Span(3, 1, 30),
            optional_data_check=None,
            extends_document_number=True,
        ),
        ZoneFormat.TD2: _two_line(ZoneFormat.TD2, 36),
        ZoneFormat.TD3: _two_line(ZoneFormat.TD3, 44),
        ZoneFormat.MRVA: _two_line(ZoneFormat.MRVA, 44),
        ZoneFormat.MRVB: _two_line(ZoneFormat.MRVB, 36),
    }
)


def format_for(line_count: int, line_length: int, first_char: str) -> ZoneFormat | None:
    """Return the format with this shape; a visa is told from TD2/TD3 by its 'V' document code."""
    if line_count == 3 and line_length == 30:
        return ZoneFormat.TD1
    if line_count == 2 and line_length == 36:
        return ZoneFormat.MRVB if first_char == "V" else ZoneFormat.TD2
    if line_count == 2 and line_length == 44:
        return ZoneFormat.MRVA if first_char == "V" else ZoneFormat.TD3
    return None
