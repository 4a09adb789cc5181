"""The password rule: long enough, and not in zxcvbn's lists of common passwords, words and patterns."""

from __future__ import annotations

from zxcvbn import zxcvbn

from gerbang.kernel.errors import InvalidInput

# zxcvbn scores 0 to 4; below 2 is "too guessable" or "very guessable": a common password, a keyboard
# row, a repeated letter, a dictionary word with digits, or the username itself.
WEAKEST_SCORE = 2
# zxcvbn's cost grows with length; a passphrase this long is strong enough unchecked.
CHECKED_UP_TO = 100


def check_password_strength(password: str, *, username: str = "") -> None:
    """Refuse a password that is easy to guess, naming why in words a person can act on."""
    if len(password) > CHECKED_UP_TO:
        return
    if zxcvbn(password, user_inputs=[username] if username else [])["score"] < WEAKEST_SCORE:
        raise InvalidInput("account.password_common", field="password")
