"""Strict reading of a zone: shape errors raise MalformedZone, rule breaks are listed in the result."""

from __future__ import annotations

from collections.abc import Sequence

from gerbang.documents.check_digits import ALPHABET, FILLER, check_digit, is_valid
from gerbang.documents.dates import is_real_date, is_valid_birth_date
from gerbang.documents.formats import DOCUMENT_CODE_LETTERS, LAYOUTS, Layout, Span, format_for
from gerbang.documents.names import is_full, split_name
from gerbang.documents.reading import MalformedZone, ZoneIssue, ZoneReading
from gerbang.kernel.countries import is_known_code

_SEXES = frozenset("MFX<")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGITS = frozenset("0123456789")


def _expected_length(lines: Sequence[str]) -> int:
    if len(lines) == 3:
        return 30
    # Trust a line that already has a two-line length; otherwise the length nearest to line 1.
    for line in lines:
        if len(line) in (36, 44):
            return len(line)
    return min((36, 44), key=lambda length: abs(length - len(lines[0])))


def check_shape(lines: Sequence[str]) -> Layout:
    """Return the layout of `lines`; raise MalformedZone naming the first line and position at fault."""
    if len(lines) not in (2, 3):
        # Name the first line missing, or the first one too many.
        at = min(len(lines) + 1, 4)
        raise MalformedZone("mrz.line_count", line=at, position=None, count=len(lines))
    length = _expected_length(lines)
    first = lines[0][:1]
    known = format_for(len(lines), length, first)
    for number, line in enumerate(lines, start=1):
        for position, char in enumerate(line, start=1):
            if char not in ALPHABET:
                raise MalformedZone(
                    "mrz.zone_character", line=number, position=position, format=known, char=char
                )
        if len(line) != length:
            position = length + 1 if len(line) > length else len(line) + 1
            raise MalformedZone(
                "mrz.line_length",
                length=len(line),
                expected=length,
                line=number,
                position=position,
                format=known,
            )
    assert known is not None  # every (count, length) pair that reaches here has a format
    return LAYOUTS[known]


def read_zone(lines: Sequence[str]) -> ZoneReading:
    """Read a zone strictly. Raise MalformedZone if unreadable; otherwise report every failed rule."""
    layout = check_shape(lines)
    issues: list[ZoneIssue] = []
    checks: dict[str, bool] = {}

    def issue(span: Span, field: str, message: str) -> None:
        issues.append(ZoneIssue(line=span.line, position=span.start, field=field, message=message))

    def verify(name: str, data: str, digit_span: Span, *, filler_allowed: bool = False) -> None:
        digit = digit_span.take(lines)
        ok = is_valid(data, digit, filler_allowed=filler_allowed)
        checks[name] = ok
        if not ok:
            expected = check_digit(data)
            issue(
                digit_span, name, f"{name.replace('_', ' ')} check digit is {digit!r}, expected {expected!r}"
            )

    document_type = layout.document_type.take(lines)
    if document_type[0] not in DOCUMENT_CODE_LETTERS[layout.format]:
        allowed = ", ".join(DOCUMENT_CODE_LETTERS[layout.format])
        issue(layout.document_type, "document_type", f"a {layout.format} document code starts with {allowed}")

    states: dict[str, str] = {}
    for field in ("issuing_state", "nationality"):
        span: Span = getattr(layout, field)
        code = span.take(lines).rstrip(FILLER)
        states[field] = code
        if not is_known_code(code):
            issue(span, field, f"{code or 'empty'!s} is not a known country code ({field.replace('_', ' ')})")

    optional_data = layout.optional_data.take(lines)
    number = layout.document_number.take(lines)
    number_check = layout.document_number_check
    if layout.extends_document_number and number_check.take(lines) == FILLER and number[-1] != FILLER:
        # The number goes on in the optional data: its rest, then its check digit, then a filler.
        overflow = optional_data.split(FILLER, 1)[0]
        if len(overflow) < 2:
            checks["document_number"] = False
            issue(layout.optional_data, "document_number", "extended document number is missing its rest")
        else:
            number += overflow[:-1]
            at = layout.optional_data.start + len(overflow) - 1
            digit_span = Span(layout.optional_data.line, at, at)
            verify("document_number", number, digit_span)
        optional_data = optional_data[len(overflow) + 1 :]
    else:
        verify("document_number", number, number_check)
    document_number = number.rstrip(FILLER)
    if not document_number or not set(document_number) <= _LETTERS | _DIGITS:
        issue(layout.document_number, "document_number", "document number is empty or has inner fillers")

    birth_date = layout.birth_date.take(lines)
    verify("birth_date", birth_date, layout.birth_date_check)
    if not is_valid_birth_date(birth_date):
        issue(layout.birth_date, "birth_date", f"birth date {birth_date} is not a real date (YYMMDD)")
    expiry_date = layout.expiry_date.take(lines)
    verify("expiry_date", expiry_date, layout.expiry_date_check)
    if not is_real_date(expiry_date):
        issue(layout.expiry_date, "expiry_date", f"expiry date {expiry_date} is not a real date (YYMMDD)")

    sex = layout.sex.take(lines)
    if sex not in _SEXES:
        issue(layout.sex, "sex", f"sex {sex!r} is not M, F, X or '<'")

    if layout.optional_data_check is not None:
        verify(
            "personal_number",
            layout.optional_data.take(lines),
            layout.optional_data_check,
            filler_allowed=True,
        )
    if layout.composite_check is not None:
        verify(
            "composite", "".join(part.take(lines) for part in layout.composite_parts), layout.composite_check
        )

    name_field = layout.name.take(lines)
    surname, given_names = split_name(name_field)
    # A name with no primary identifier starts with '<<' (P<IND<<RAHUL, Indonesian single names).
    opening = name_field[2:3] if name_field.startswith("<<") else name_field[:1]
    if opening not in _LETTERS or not set(name_field) <= _LETTERS | {FILLER}:
        issue(
            layout.name,
            "name",
            "name must start with a letter (or '<<' and a letter) and hold only letters and fillers",
        )

    optional_2 = layout.optional_data_2.take(lines).rstrip(FILLER) if layout.optional_data_2 else ""
    return ZoneReading(
        format=layout.format,
        document_type=document_type.rstrip(FILLER),
        issuing_state=states["issuing_state"],
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=states["nationality"],
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=optional_data.rstrip(FILLER),
        optional_data_2=optional_2,
        name_truncated=is_full(name_field),
        checks=checks,
        errors=tuple(issues),
        lines=tuple(lines),
    )
