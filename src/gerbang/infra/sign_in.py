"""Signing in without being guessed: lockout per account and per address, audited failures, a password
check against the common-password lists of zxcvbn, uniform sign-up, and an admin's revocations.

A failed sign-in is written in a transaction of its own, so the refusal that rolls back the request
still leaves its trace (the row that counts towards a lockout and an audit entry).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from gerbang.infra import audit
from gerbang.infra.accounts import (
    MIN_PASSWORD_LENGTH,
    NODE_KEY_PREFIX,
    authenticate_password,
    create_account,
    digest,
)
from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.infra.orm import AccountRow, ApiTokenRow, SignInFailureRow
from gerbang.infra.passwords import check_password_strength
from gerbang.infra.roles import Role
from gerbang.kernel.errors import InvalidInput, NotAuthenticated, NotFound

# Failures counted within WINDOW: this many for one account, or for one address over all accounts,
# and sign-in is refused (even with the right password) until the oldest of them leaves the window.
WINDOW = timedelta(minutes=15)
PER_ACCOUNT = 5
PER_ADDRESS = 30


class TooManyAttempts(NotAuthenticated):
    """Too many failed sign-ins for this account or from this address: try again later (HTTP 429)."""

    code = "too_many_attempts"


@dataclass(frozen=True)
class Attempt:
    """Who tries to sign in, from where."""

    username: str
    address: str

    @classmethod
    def of(cls, username: str, address: str | None) -> Attempt:
        return cls(username.strip().lower()[:120], (address or "-")[:64])


def _failures(session: Session, column: InstrumentedAttribute[str], value: str, since: datetime) -> int:
    query = (
        select(func.count()).select_from(SignInFailureRow).where(column == value, SignInFailureRow.at > since)
    )
    return int(session.execute(query).scalar_one())


def check_not_locked(session: Session, attempt: Attempt, *, at: datetime) -> None:
    """Raise TooManyAttempts while the account or the address has too many recent failures."""
    since = at - WINDOW
    if _failures(session, SignInFailureRow.username, attempt.username, since) >= PER_ACCOUNT:
        raise TooManyAttempts("account.too_many_for_account", minutes=WINDOW.seconds // 60)
    if _failures(session, SignInFailureRow.address, attempt.address, since) >= PER_ADDRESS:
        raise TooManyAttempts("account.too_many_for_address", minutes=WINDOW.seconds // 60)


def record_failure(database: Database, attempt: Attempt, *, at: datetime, locked: bool) -> None:
    """Keep a failed sign-in (in its own transaction) and audit it; old failures are pruned here."""
    with database.transaction() as session:
        if not locked:
            session.add(
                SignInFailureRow(id=new_id(at), username=attempt.username, address=attempt.address, at=at)
            )
        session.execute(delete(SignInFailureRow).where(SignInFailureRow.at < at - 4 * WINDOW))
        audit.record(
            session,
            actor=f"address:{attempt.address}",
            action="account.sign_in_locked" if locked else "account.sign_in_failed",
            record_type="account",
            record_id=None,
            details={"username": attempt.username},
            at=at,
        )


def record_bad_token(
    database: Database, *, secret: str, reason: str, address: str | None, at: datetime
) -> None:
    """Audit a request that named an unknown, revoked or expired token or node key (in its own transaction).

    The entry names the token by the first characters of its digest (what the database keeps), never by
    the secret, so a leaked token that keeps being tried can be told from random guesses.
    """
    kind = "node" if secret.startswith(NODE_KEY_PREFIX) else "api_token"
    with database.transaction() as session:
        audit.record(
            session,
            actor=f"address:{(address or '-')[:64]}",
            action="auth.bad_token",
            record_type=kind,
            record_id=digest(secret)[:16],
            details={"reason": reason},
            at=at,
        )


def sign_in(database: Database, attempt: Attempt, password: str, *, at: datetime) -> AccountRow:
    """The account for these credentials unless locked out; each failure is kept and audited."""
    try:
        with database.transaction() as session:
            check_not_locked(session, attempt, at=at)
            account = authenticate_password(session, username=attempt.username, password=password)
            session.execute(delete(SignInFailureRow).where(SignInFailureRow.username == attempt.username))
            return account
    except TooManyAttempts:
        record_failure(database, attempt, at=at, locked=True)
        raise
    except NotAuthenticated:
        record_failure(database, attempt, at=at, locked=False)
        raise


def sign_up(
    session: Session, *, username: str, password: str, display_name: str | None, at: datetime
) -> AccountRow | None:
    """Open an applicant account; a taken username gets the same answer and nothing happens.

    The caller answers alike in both cases, so sign-up never tells which usernames exist.
    """
    name = username.strip().lower()
    # Every rule a new account must meet is checked first, so a taken name is answered like a free one.
    if not name or len(name) > 120:
        raise InvalidInput("account.username_length", field="username")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            "account.password_short", field="password", min_password_length=MIN_PASSWORD_LENGTH
        )
    check_password_strength(password, username=name)
    if session.execute(select(AccountRow.id).where(AccountRow.username == name)).first():
        audit.record(
            session,
            actor="self:signup",
            action="account.signup_existing",
            record_type="account",
            record_id=None,
            details={"username": name},
            at=at,
        )
        return None
    return create_account(
        session,
        username=name,
        password=password,
        roles=frozenset({Role.APPLICANT}),
        display_name=display_name,
        actor="self:signup",
        at=at,
    )


def _account(session: Session, username: str) -> AccountRow:
    account = session.execute(
        select(AccountRow).where(AccountRow.username == username.strip().lower())
    ).scalar_one_or_none()
    if account is None:
        raise NotFound("account.no_such_user", field="username", username=username)
    return account


def revoke_tokens(session: Session, *, username: str, actor: str, at: datetime) -> int:
    """Revoke every live token of another person's account at once; return how many."""
    account = _account(session, username)
    live = session.execute(
        select(ApiTokenRow).where(ApiTokenRow.account_id == account.id, ApiTokenRow.revoked_at.is_(None))
    ).scalars()
    revoked = 0
    for token in live:
        # Row by row, through the ORM, so the principal cache hears of each revocation.
        token.revoked_at = at
        revoked += 1
    audit.record(
        session,
        actor=actor,
        action="token.revoke_all",
        record_type="account",
        record_id=str(account.id),
        details={"username": account.username, "tokens": revoked},
        at=at,
    )
    return revoked


def set_active(session: Session, *, username: str, active: bool, actor: str, at: datetime) -> AccountRow:
    """Disable an account (its tokens stop working, its password no longer signs in) or enable it."""
    account = _account(session, username)
    account.active = active
    if not active:
        revoke_tokens(session, username=username, actor=actor, at=at)
    audit.record(
        session,
        actor=actor,
        action="account.enable" if active else "account.disable",
        record_type="account",
        record_id=str(account.id),
        details={"username": account.username},
        at=at,
    )
    return account
