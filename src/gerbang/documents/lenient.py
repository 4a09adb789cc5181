"""Lenient reading: normalise what a scanner or a person typed, and say exactly what changed."""

from __future__ import annotations

from collections.abc import Sequence

from gerbang.documents.formats import LAYOUTS, Layout, Span, format_for
from gerbang.documents.reading import ZoneChange

# Characters that scanners and keyboards put where a filler belongs.
_FILLER_LOOKALIKES = frozenset(" «‹＜")
_LENGTHS = {3: (30,), 2: (36, 44)}


def _fix(char: str) -> str:
    if char in _FILLER_LOOKALIKES or char.isspace():
        return "<"
    upper = char.upper()
    # Only a lower-case A–Z is upper-cased; other letters are left for strict reading to refuse.
    return upper if char.islower() and len(upper) == 1 and "A" <= upper <= "Z" else char


def _runs(number: int, before: str, after: str) -> list[ZoneChange]:
    """One change per run of neighbouring characters fixed the same way ('anna' → 'ANNA')."""
    found: list[ZoneChange] = []
    index = 0
    while index < len(before):
        if before[index] == after[index]:
            index += 1
            continue
        kind = after[index] == "<"
        end = index
        while end < len(before) and before[end] != after[end] and (after[end] == "<") == kind:
            end += 1
        what = "turned into fillers" if kind else "upper-cased"
        found.append(ZoneChange(number, index + 1, before[index:end], after[index:end], what))
        index = end
    return found


def _target_layout(lines: Sequence[str]) -> Layout | None:
    allowed = _LENGTHS.get(len(lines), ())
    known = [len(line) for line in lines if len(line) in allowed]
    if not known:
        return None
    found = format_for(len(lines), max(known), lines[0][:1])
    return LAYOUTS[found] if found else None


def _fixed_end(layout: Layout, line: int) -> int:
    """Last position of `line` that holds a fixed field; after it come only name or optional data."""
    free = {"name", "optional_data", "optional_data_2"}
    ends = [
        span.end
        for name in Layout.__slots__
        if name not in free and isinstance(span := getattr(layout, name), Span) and span.line == line
    ]
    return max(ends, default=0)


def normalise(lines: Sequence[str]) -> tuple[list[str], list[ZoneChange]]:
    """Return the lines normalised and each change made: blank lines dropped, surrounding whitespace
    trimmed, letters upper-cased, inner spaces and filler look-alikes turned into '<', and a line
    that stops inside its name or optional data padded with trailing fillers. Anything else is left for strict
    reading to report.
    """
    changes: list[ZoneChange] = []
    kept: list[str] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            changes.append(ZoneChange(number, 1, raw, "", "dropped a blank line"))
            continue
        kept.append(raw)

    result: list[str] = []
    for number, raw in enumerate(kept, start=1):
        line = raw.strip()
        if line != raw:
            changes.append(ZoneChange(number, 1, raw, line, "trimmed surrounding whitespace"))
        fixed = "".join(_fix(char) for char in line)
        changes.extend(_runs(number, line, fixed))
        result.append(fixed)

    layout = _target_layout(result)
    if layout is not None:
        for number, line in enumerate(result, start=1):
            # Only a line cut inside its name or optional data can be short by trailing fillers alone.
            if _fixed_end(layout, number) <= len(line) < layout.line_length:
                missing = layout.line_length - len(line)
                result[number - 1] = line + "<" * missing
                changes.append(
                    ZoneChange(number, len(line) + 1, "", "<" * missing, f"padded with {missing} fillers")
                )
    return result, changes
