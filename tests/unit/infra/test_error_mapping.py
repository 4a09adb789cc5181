"""Each kind of failure maps to the HTTP status a client expects."""

from __future__ import annotations

from datetime import date

import pytest

from gerbang.kernel import errors
from gerbang.web.errors import status_for


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (errors.MalformedInput("x"), 400),
        (errors.InvalidInput("x"), 422),
        (errors.NotFound("x"), 404),
        (errors.Conflict("x"), 409),
        (errors.NotAuthenticated("x"), 401),
        (errors.PermissionDenied("x"), 403),
        (errors.Unavailable("x"), 503),
    ],
)
def test_status_for_each_error(error: errors.GerbangError, status: int) -> None:
    assert status_for(error) == status


def test_error_body_has_code_reason_message_and_field() -> None:
    assert errors.InvalidInput("booking.not_working_day", field="day", day=date(2026, 12, 25)).to_dict() == {
        "error": "invalid_input",
        "reason": "booking.not_working_day",
        "message": "2026-12-25 is not a working day; offices are closed",
        "field": "day",
    }


def test_an_error_says_its_reason_in_both_languages() -> None:
    error = errors.Conflict("booking.rescheduled_once")
    assert error.said_in("en") == error.message == str(error)
    assert error.said_in("id") == "Jadwal hanya bisa diubah satu kali, dan jadwal ini sudah pernah diubah."
