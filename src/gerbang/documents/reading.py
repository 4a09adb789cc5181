"""What reading a zone gives back: the result, its issues, lenient changes, and the malformed error."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gerbang import words
from gerbang.documents.formats import ZoneFormat
from gerbang.kernel.errors import MalformedInput


class MalformedZone(MalformedInput):
    """The zone cannot be read at all; `line` and `position` (1-based) say where reading stopped."""

    def __init__(
        self,
        reason: str,
        /,
        *,
        line: int,
        position: int | None,
        format: ZoneFormat | None = None,
        **params: Any,
    ) -> None:
        self.line = line
        self.position = position
        self.format = format
        super().__init__(reason, field="zone", **params)
        self.message = self.text().en
        self.args = (self.message,)

    @property
    def problem(self) -> str:
        """The problem alone, in English, without where it is."""
        return words.say(self.reason, "en", **self.params)

    def text(self) -> words.Text:
        """The problem with where reading stopped: "line 2, position 9: ..." in both languages."""
        plain = words.text(self.reason, **self.params)
        if self.position is None:
            return words.Text(f"baris {self.line}: {plain.id}", f"line {self.line}: {plain.en}")
        return words.Text(
            f"baris {self.line}, posisi {self.position}: {plain.id}",
            f"line {self.line}, position {self.position}: {plain.en}",
        )


@dataclass(frozen=True, slots=True)
class ZoneIssue:
    """One rule the zone breaks: a failed check digit, an unknown country, an impossible date."""

    line: int
    position: int
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class ZoneChange:
    """One change lenient reading made; `position` is 1-based in the line as finally read."""

    line: int
    position: int
    before: str
    after: str
    description: str


@dataclass(frozen=True)
class ZoneReading:
    """A zone read field by field. Names use spaces; codes, numbers and optional data lose padding.

    Dates are as printed (YYMMDD); `sex` is 'M', 'F', 'X' or '<' (unspecified). `checks` names
    each check digit the format has and whether it holds; `valid` is true when every check holds
    and no field breaks a rule (`errors` lists each problem with its line and position).
    """

    format: ZoneFormat
    document_type: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: str
    sex: str
    expiry_date: str
    optional_data: str
    optional_data_2: str
    name_truncated: bool
    checks: Mapping[str, bool]
    errors: tuple[ZoneIssue, ...]
    lines: tuple[str, ...]
    changes: tuple[ZoneChange, ...] = field(default=())

    @property
    def valid(self) -> bool:
        """Whether every check digit holds and every field follows the rules."""
        return not self.errors and all(self.checks.values())

    @property
    def failed_checks(self) -> tuple[str, ...]:
        """Names of the check digits that do not hold."""
        return tuple(name for name, ok in self.checks.items() if not ok)
