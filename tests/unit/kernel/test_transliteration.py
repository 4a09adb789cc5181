"""Names into the machine-readable alphabet (Doc 9303 part 3 section 6)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gerbang.kernel.errors import InvalidInput
from gerbang.kernel.transliteration import transliterate_name


@pytest.mark.parametrize(
    ("name", "zone"),
    [
        ("Eriksson", "ERIKSSON"),
        ("Anna María", "ANNA<MARIA"),
        ("Müller", "MUELLER"),
        ("Straße", "STRASSE"),
        ("Ørsted", "OERSTED"),
        ("Łukasz", "LUKASZ"),
        ("O'Brien", "OBRIEN"),
        ("Jean-Luc  Picard", "JEAN<LUC<PICARD"),
        ("  Çelik ", "CELIK"),
        ("ǰ", "J"),
    ],
)
def test_names_become_zone_letters(name: str, zone: str) -> None:
    assert transliterate_name(name) == zone


@pytest.mark.parametrize("name", ["佐藤", "Anna2", "ẚ"])
def test_characters_without_latin_spelling_are_refused(name: str) -> None:
    with pytest.raises(InvalidInput):
        transliterate_name(name)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_result_is_always_zone_letters_and_single_fillers(text: str) -> None:
    try:
        out = transliterate_name(text)
    except InvalidInput:
        return
    assert set(out) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ<")
    assert "<<" not in out
    assert not out.startswith("<")
    assert not out.endswith("<")
