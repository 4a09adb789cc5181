"""Each kind of failure maps to the HTTP status a client expects."""

from __future__ import annotations

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


def test_error_body_has_code_message_and_field() -> None:
    assert errors.InvalidInput("bad date", field="birth_date").to_dict() == {
        "error": "invalid_input",
        "message": "bad date",
        "field": "birth_date",
    }
