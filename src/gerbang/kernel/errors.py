"""The one error tree of Gerbang: every failure a caller can act on is a GerbangError."""

from __future__ import annotations

from typing import Any

from gerbang import words


class GerbangError(Exception):
    """Base of every expected failure: a stable code, a reason key into the catalogue, and its details.

    `reason` names the message in `gerbang.words` (e.g. "booking.day_full"); `params` fill in its
    details (a day, an office, an MRZ position). `message` is the English text, for logs and the API.
    """

    code = "error"

    def __init__(self, reason: str, /, *, field: str | None = None, **params: Any) -> None:
        self.reason = reason
        self.params = params
        self.field = field
        self.message = words.say(reason, "en", **params)
        super().__init__(self.message)

    def text(self) -> words.Text:
        """The message in both languages."""
        return words.text(self.reason, **self.params)

    def said_in(self, language: str) -> str:
        """The message in `language` ("id" or "en")."""
        return self.text().said_in(language)

    def to_dict(self) -> dict[str, str | None]:
        return {"error": self.code, "reason": self.reason, "message": self.message, "field": self.field}


class InvalidInput(GerbangError):
    """Input was readable but breaks a rule (a bad date, an unknown country, a failed check)."""

    code = "invalid_input"


class MalformedInput(InvalidInput):
    """Input could not be read at all (wrong length, characters outside the alphabet)."""

    code = "malformed_input"


class NotFound(GerbangError):
    """The record asked for does not exist (or the caller may not know that it does)."""

    code = "not_found"


class Conflict(GerbangError):
    """The request clashes with the current state (a duplicate, a full quota, a wrong lifecycle step)."""

    code = "conflict"


class NotAuthenticated(GerbangError):
    """No valid credentials were presented."""

    code = "not_authenticated"


class PermissionDenied(GerbangError):
    """The caller is known but its role does not allow this action."""

    code = "permission_denied"


class Unavailable(GerbangError):
    """A dependency (database, peer node) cannot be reached right now; retrying later may work."""

    code = "unavailable"


class IntegrityViolation(GerbangError):
    """Stored data fails its own integrity check (a broken audit chain, a bad signature)."""

    code = "integrity_violation"
