"""Writing a zone from its fields: every check digit computed, names transliterated and truncated."""

from __future__ import annotations

from dataclasses import dataclass

from gerbang.documents.check_digits import FILLER, check_digit
from gerbang.documents.dates import is_real_date, is_valid_birth_date
from gerbang.documents.formats import DOCUMENT_CODE_LETTERS, LAYOUTS, Layout, Span, ZoneFormat
from gerbang.documents.names import compose_name
from gerbang.kernel.countries import is_known_code
from gerbang.kernel.errors import InvalidInput

_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")


@dataclass(frozen=True, slots=True)
class ComposedZone:
    """The lines of a made zone, and whether the name had to be truncated to fit."""

    lines: tuple[str, ...]
    name_truncated: bool


def _clean(value: str, field: str) -> str:
    # Spaces stand for fillers, so a person can type "AB 12" for optional data "AB<12".
    text = value.strip().upper().replace(" ", FILLER)
    if not set(text) <= _CODE_CHARS:
        raise InvalidInput("mrz.field_alphabet", field=field, what=field.replace("_", " "))
    return text


def _fit(value: str, width: int, field: str) -> str:
    if len(value) > width:
        raise InvalidInput(
            "mrz.field_too_long", field=field, width=width, what=field.replace("_", " "), length=len(value)
        )
    return value.ljust(width, FILLER)


def _country(value: str, field: str) -> str:
    code = _clean(value, field).rstrip(FILLER)
    if not is_known_code(code):
        raise InvalidInput("mrz.unknown_country", field=field, code=code or "an empty code")
    return code


def _place(lines: list[list[str]], span: Span, text: str) -> None:
    lines[span.line - 1][span.start - 1 : span.end] = list(text)


def _document_number(layout: Layout, number: str, optional: str) -> tuple[str, str, str]:
    """Return (number field, its check digit, optional data field) with a long number extended."""
    # Fillers count as 0, so padding a short number does not change its check digit.
    digit = check_digit(number)
    if len(number) <= 9:
        return number.ljust(9, FILLER), digit, optional
    if not layout.extends_document_number:
        raise InvalidInput("mrz.number_too_long", field="document_number", format=layout.format)
    # Doc 9303 parts 5 and 6: '<' where the check digit would be, then the rest of the number,
    # its check digit and a filler open the optional data.
    overflow = number[9:] + digit
    room = LAYOUTS[layout.format].optional_data.width
    if len(overflow) + (len(optional) + 1 if optional else 0) > room:
        raise InvalidInput(
            "mrz.number_and_optional", field="document_number", number=number, format=layout.format
        )
    rest = overflow + FILLER + optional if optional else overflow
    return number[:9], FILLER, rest


def compose_zone(
    *,
    format: ZoneFormat | str,
    document_type: str,
    issuing_state: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth_date: str,
    sex: str,
    expiry_date: str,
    optional_data: str = "",
    optional_data_2: str = "",
) -> ComposedZone:
    """Return the zone for these fields, reporting whether the name was truncated.

    Raise InvalidInput for a field that cannot be written: an unknown country, a date that is not
    YYMMDD, a sex other than M/F/X/'<', a name with no Latin transliteration, or data too long.
    `optional_data_2` exists only in TD1 (line 2).
    """
    try:
        layout = LAYOUTS[ZoneFormat(format)]
    except ValueError as error:
        raise InvalidInput("mrz.unknown_format", field="format", format=format) from error
    code = _clean(document_type, "document_type")
    if not code or code[0] not in DOCUMENT_CODE_LETTERS[layout.format]:
        letters = ", ".join(DOCUMENT_CODE_LETTERS[layout.format])
        raise InvalidInput("mrz.code_letters", field="document_type", format=layout.format, letters=letters)
    number = _clean(document_number, "document_number").rstrip(FILLER)
    if not number or FILLER in number:
        raise InvalidInput("mrz.number_characters", field="document_number")
    birth = _clean(birth_date, "birth_date")
    if not is_valid_birth_date(birth):
        raise InvalidInput("mrz.bad_birth_date", field="birth_date", birth_date=birth_date)
    expiry = _clean(expiry_date, "expiry_date")
    if not is_real_date(expiry):
        raise InvalidInput("mrz.bad_expiry_date", field="expiry_date", expiry_date=expiry_date)
    sex_code = _clean(sex, "sex") or FILLER
    if sex_code not in ("M", "F", "X", FILLER):
        raise InvalidInput("mrz.bad_sex", field="sex")
    # Some States print a single name as secondary identifier only (P<IND<<RAHUL): a name needs one part.
    if not surname.strip() and not given_names.strip():
        raise InvalidInput("mrz.surname_required", field="surname")
    optional = _clean(optional_data, "optional_data").rstrip(FILLER)
    optional_2 = _clean(optional_data_2, "optional_data_2").rstrip(FILLER)
    if optional_2 and layout.optional_data_2 is None:
        raise InvalidInput("mrz.no_second_optional", field="optional_data_2", format=layout.format)

    name, truncated = compose_name(surname, given_names, layout.name.width)
    number_field, number_digit, optional = _document_number(layout, number, optional)
    lines = [[FILLER] * layout.line_length for _ in range(layout.line_count)]
    _place(lines, layout.document_type, _fit(code, 2, "document_type"))
    _place(lines, layout.issuing_state, _fit(_country(issuing_state, "issuing_state"), 3, "issuing_state"))
    _place(lines, layout.nationality, _fit(_country(nationality, "nationality"), 3, "nationality"))
    _place(lines, layout.name, name)
    _place(lines, layout.document_number, number_field)
    _place(lines, layout.document_number_check, number_digit)
    _place(lines, layout.birth_date, birth)
    _place(lines, layout.birth_date_check, check_digit(birth))
    _place(lines, layout.sex, sex_code)
    _place(lines, layout.expiry_date, expiry)
    _place(lines, layout.expiry_date_check, check_digit(expiry))
    optional_field = _fit(optional, layout.optional_data.width, "optional_data")
    _place(lines, layout.optional_data, optional_field)
    if layout.optional_data_check is not None:
        # An empty personal number takes '<' as its check digit, as Doc 9303 part 4 allows.
        personal_digit = check_digit(optional_field) if optional else FILLER
        _place(lines, layout.optional_data_check, personal_digit)
    if layout.optional_data_2 is not None:
        _place(
            lines, layout.optional_data_2, _fit(optional_2, layout.optional_data_2.width, "optional_data_2")
        )
    if layout.composite_check is not None:
        composite = "".join(part.take(["".join(line) for line in lines]) for part in layout.composite_parts)
        _place(lines, layout.composite_check, check_digit(composite))
    return ComposedZone(lines=tuple("".join(line) for line in lines), name_truncated=truncated)


def make_zone(
    *,
    format: ZoneFormat | str,
    document_type: str,
    issuing_state: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth_date: str,
    sex: str,
    expiry_date: str,
    optional_data: str = "",
    optional_data_2: str = "",
) -> list[str]:
    """Return the lines of the zone for these fields (see `compose_zone` for the rules)."""
    return list(
        compose_zone(
            format=format,
            document_type=document_type,
            issuing_state=issuing_state,
            surname=surname,
            given_names=given_names,
            document_number=document_number,
            nationality=nationality,
            birth_date=birth_date,
            sex=sex,
            expiry_date=expiry_date,
            optional_data=optional_data,
            optional_data_2=optional_data_2,
        ).lines
    )
