"""Every error the code raises names a reason the catalogue holds (read from the source, not run)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from gerbang import words

SRC = Path(__file__).resolve().parents[3] / "src" / "gerbang"
ERRORS = {
    "GerbangError",
    "InvalidInput",
    "MalformedInput",
    "NotFound",
    "Conflict",
    "NotAuthenticated",
    "PermissionDenied",
    "Unavailable",
    "IntegrityViolation",
    "MalformedZone",
    "PgBackRestFailed",
}
# These take a failure kind first and the reason second.
REASON_SECOND = {"SignatureRejected"}


def _name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _reasons(node: ast.expr) -> Iterator[ast.expr]:
    # `"a.b" if x else "a.c"` names two reasons; look into both branches.
    if isinstance(node, ast.IfExp):
        yield from _reasons(node.body)
        yield from _reasons(node.orelse)
    else:
        yield node


def _raised() -> Iterator[tuple[str, int, ast.expr]]:
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node)
            index = 1 if name in REASON_SECOND else 0 if name in ERRORS else None
            if index is None or len(node.args) <= index:
                continue
            where = str(path.relative_to(SRC))
            for reason in _reasons(node.args[index]):
                yield where, node.lineno, reason


def test_every_literal_reason_raised_is_in_the_catalogue() -> None:
    unknown = [
        f"{where}:{line}: {reason.value!r}"
        for where, line, reason in _raised()
        if isinstance(reason, ast.Constant)
        and isinstance(reason.value, str)
        and not words.known(reason.value)
    ]
    assert not unknown, "reasons missing from gerbang.words:\n" + "\n".join(unknown)


def test_no_error_is_raised_with_a_message_built_in_place() -> None:
    # An f-string reason would be English text again, beyond the catalogue's reach.
    built = [f"{where}:{line}" for where, line, reason in _raised() if isinstance(reason, ast.JoinedStr)]
    assert not built, "errors raised with an f-string instead of a reason key:\n" + "\n".join(built)


def test_the_scan_sees_the_raise_sites() -> None:
    # Guard the guard: if the scan found nothing, the two tests above would pass vacuously.
    assert sum(1 for _ in _raised()) > 300
