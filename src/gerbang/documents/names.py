"""The name field: split into primary and secondary identifiers, and composed back with truncation."""

from __future__ import annotations

import re

from gerbang.kernel.transliteration import transliterate_name

_FILLER_RUN = re.compile("<+")


def _words(part: str) -> str:
    # Any run of fillers inside an identifier separates words; trailing fillers are padding.
    return _FILLER_RUN.sub(" ", part).strip()


def split_name(field: str) -> tuple[str, str]:
    """Return (primary identifier, secondary identifiers) of a name field, fillers read as spaces."""
    primary, separator, secondary = field.partition("<<")
    if not separator:
        return _words(primary), ""
    return _words(primary), _words(secondary)


def is_full(field: str) -> bool:
    """Return whether the field is used to its last character, which Doc 9303 takes as maybe truncated."""
    return bool(field) and field[-1] != "<"


def compose_name(surname: str, given_names: str, width: int) -> tuple[str, bool]:
    """Return (name field padded to `width`, whether the name had to be truncated).

    Names are transliterated first. When they do not fit, the secondary identifiers are cut from
    the end, keeping the primary identifier whole while it leaves room for '<<' and one letter of
    the secondary identifiers; otherwise the primary identifier is cut and the secondary reduced to
    its initial. A cut never leaves a dangling filler before the padding.
    """
    primary = transliterate_name(surname)
    secondary = transliterate_name(given_names)
    full = f"{primary}<<{secondary}" if secondary else primary
    if len(full) <= width:
        return full.ljust(width, "<"), False
    if not secondary:
        cut = primary[:width]
    elif len(primary) + 3 <= width:
        cut = full[:width]
    else:
        cut = f"{primary[: width - 3]}<<{secondary[0]}"
    return cut.rstrip("<").ljust(width, "<"), True


def screening_name(surname: str, given_names: str) -> str:
    """Return the name as screening reads it: given names first, a single name alone (<<RAHUL → RAHUL).

    A field used to its last character keeps its length here less one ('<<' becomes one space), so
    screening still takes it as maybe cut, and its cut word may stand before the surname.
    """
    return f"{given_names} {surname}".strip()
