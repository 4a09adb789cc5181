"""Names into the machine-readable alphabet, as ICAO Doc 9303 part 3 section 6 recommends."""

from __future__ import annotations

import unicodedata

from gerbang.kernel.errors import InvalidInput

# Letters that Doc 9303 spells out with more than a dropped accent; every other Latin letter
# with a diacritic loses the diacritic (É→E, Ç→C, Ş→S).
_SPELLED_OUT = {
    "Ä": "AE",
    "Ö": "OE",
    "Ü": "UE",
    "ß": "SS",
    "ẞ": "SS",
    "Å": "AA",
    "Æ": "AE",
    "Ø": "OE",
    "Œ": "OE",
    "Þ": "TH",
    "Ð": "D",
    "Đ": "D",
    "Ł": "L",
    "Ħ": "H",
    "Ĳ": "IJ",
    "Ŀ": "L",
    "Ñ": "N",
    "Ŋ": "N",
    "İ": "I",
    "ı": "I",
}
# Punctuation that separates words becomes a filler; the rest is left out of the zone.
_SEPARATORS = frozenset(" -\t,")
_DROPPED = frozenset("'’‘`´.\"")


def transliterate_name(text: str) -> str:
    """Return `text` in A–Z and '<', words joined by single fillers; raise InvalidInput if impossible."""
    out: list[str] = []
    for position, char in enumerate(text.strip(), start=1):
        upper = char.upper()
        if upper in _SEPARATORS:
            if out and out[-1] != "<":
                out.append("<")
        elif upper in _DROPPED:
            continue
        # A single character only: some letters upper-case to a letter plus a mark ('ǰ' → 'J̌'),
        # which must go through the decomposition below rather than straight into the zone.
        elif len(upper) == 1 and "A" <= upper <= "Z":
            out.append(upper)
        elif upper in _SPELLED_OUT or char in _SPELLED_OUT:
            out.append(_SPELLED_OUT.get(upper) or _SPELLED_OUT[char])
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", upper) if not unicodedata.combining(c))
            if not base or not all("A" <= c <= "Z" for c in base):
                raise InvalidInput("name.no_transliteration", field="name", char=char, position=position)
            out.append(base)
    return "".join(out).strip("<")
