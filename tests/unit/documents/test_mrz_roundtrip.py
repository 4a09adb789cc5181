"""Making a zone from random valid fields and reading it back gives the same fields, valid."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from gerbang.documents import LAYOUTS, MalformedZone, ZoneFormat, make_zone, parse_zone
from gerbang.kernel.countries import ICAO_CODES

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALNUM = LETTERS + "0123456789"
CODES = sorted(["IDN", "UTO", "DEU", "MYS", "NLD", *ICAO_CODES])

word = st.text(LETTERS, min_size=1, max_size=8)
words = st.lists(word, min_size=1, max_size=3).map(" ".join)
yymmdd = st.dates().map(lambda d: d.strftime("%y%m%d"))
optional = st.text(ALNUM, max_size=6)


@st.composite
def zone_fields(draw: st.DrawFn) -> dict[str, Any]:
    fmt = draw(st.sampled_from(list(ZoneFormat)))
    layout = LAYOUTS[fmt]
    extends = layout.extends_document_number
    first = {"TD1": "ACI", "TD2": "ACI", "TD3": "P", "MRVA": "V", "MRVB": "V"}[fmt]
    surname, given_names = draw(words), draw(st.one_of(st.just(""), words))
    # Keep the name within its field so that nothing is truncated.
    while len(surname) + len(given_names) + 2 > layout.name.width:
        surname = surname[: len(surname) // 2].strip() or "A"
        given_names = given_names[: len(given_names) // 2].strip()
    fields: dict[str, Any] = {
        "format": fmt,
        "document_type": draw(st.sampled_from(first)) + draw(st.sampled_from(["", *LETTERS])),
        "issuing_state": draw(st.sampled_from(CODES)),
        "surname": surname,
        "given_names": given_names,
        "document_number": draw(st.text(ALNUM, min_size=1, max_size=12 if extends else 9)),
        "nationality": draw(st.sampled_from(CODES)),
        "birth_date": draw(yymmdd),
        "sex": draw(st.sampled_from("MFX<")),
        "expiry_date": draw(yymmdd),
        "optional_data": draw(optional),
    }
    overflow = len(fields["document_number"]) - 9
    if overflow > 0:
        # The rest of the number, its check digit and a filler come before the optional data.
        room = layout.optional_data.width - overflow - 2
        fields["optional_data"] = fields["optional_data"][:room]
    if fmt is ZoneFormat.TD1:
        fields["optional_data_2"] = draw(optional)
    return fields


@settings(max_examples=300, deadline=None)
@given(zone_fields())
def test_made_zone_reads_back_as_the_same_valid_fields(fields: dict[str, Any]) -> None:
    lines = make_zone(**fields)
    reading = parse_zone(lines)
    assert reading.valid, reading.errors
    assert reading.format is fields["format"]
    assert reading.document_type == fields["document_type"]
    assert (reading.surname, reading.given_names) == (fields["surname"], fields["given_names"])
    for name in ("issuing_state", "nationality", "document_number", "birth_date", "sex", "expiry_date"):
        assert getattr(reading, name) == fields[name], name
    assert reading.optional_data == fields["optional_data"]
    assert reading.optional_data_2 == fields.get("optional_data_2", "")
    name = fields["surname"] + ("<<" + fields["given_names"] if fields["given_names"] else "")
    assert reading.name_truncated == (len(name) == LAYOUTS[fields["format"]].name.width)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=50), max_size=4), st.booleans())
def test_any_text_reads_or_raises_malformed_never_anything_else(lines: list[str], lenient: bool) -> None:
    where: tuple[int, int | None] | None = None
    try:
        parse_zone(lines, lenient=lenient)
    except MalformedZone as error:
        where = (error.line, error.position)
    if where is not None:
        line, position = where
        assert 1 <= line <= 4
        assert position is None or position >= 1
