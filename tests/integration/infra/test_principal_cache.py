"""Who holds a token: one statement to the database, a short cache, and nothing stale after a change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, update

from gerbang.infra import accounts, sign_in
from gerbang.infra.database import Database
from gerbang.infra.orm import AccountRoleRow, AccountRow, ApiTokenRow
from gerbang.infra.principal_cache import TTL, principals
from gerbang.infra.roles import Role
from gerbang.kernel.clock import FixedClock
from gerbang.kernel.errors import NotAuthenticated

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    principals.clear()
    yield
    principals.clear()


def _account_and_token(
    database: Database, clock: FixedClock, *, valid_for: timedelta | None = None
) -> tuple[AccountRow, str]:
    with database.transaction() as session:
        account = accounts.create_account(
            session,
            username="siti",
            password=PASSWORD,
            roles=frozenset({Role.CHECKPOINT_OFFICER}),
            display_name=None,
            actor="test",
            at=clock.now(),
        )
        token = accounts.create_token(
            session, account=account, name="t", actor="test", at=clock.now(), valid_for=valid_for
        )
    return account, token


def _resolve(database: Database, token: str, clock: FixedClock) -> accounts.Principal:
    with database.reading() as session:
        return accounts.resolve_bearer(session, token, at=clock.now())


def test_token_account_and_roles_are_read_in_one_statement(database: Database, clock: FixedClock) -> None:
    account, token = _account_and_token(database, clock)
    with database.transaction() as session:
        session.add(AccountRoleRow(account_id=account.id, role=Role.OPERATOR.value))
    principals.clear()
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        principal = _resolve(database, token, clock)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    assert principal.roles == {Role.CHECKPOINT_OFFICER, Role.OPERATOR}
    assert len(statements) == 1


def _account_and_token_token(database: Database) -> str:
    # The secret is not stored, so tests that need it again make a fresh token of the same account.
    with database.transaction() as session:
        account = session.query(AccountRow).filter_by(username="siti").one()
        now = account.created_at
        return accounts.create_token(session, account=account, name="again", actor="test", at=now)


def test_a_resolved_token_is_served_from_the_cache_until_it_lapses(
    database: Database, clock: FixedClock
) -> None:
    _, token = _account_and_token(database, clock)
    assert accounts.cached_principal(token, at=clock.now()) is None
    principal = _resolve(database, token, clock)
    assert accounts.cached_principal(token, at=clock.now()) == principal
    clock.advance(TTL)
    assert accounts.cached_principal(token, at=clock.now()) is None


def test_the_cache_never_outlives_the_token(database: Database, clock: FixedClock) -> None:
    _, token = _account_and_token(database, clock, valid_for=TTL / 5)
    _resolve(database, token, clock)
    clock.advance(TTL / 5)
    assert accounts.cached_principal(token, at=clock.now()) is None
    with pytest.raises(NotAuthenticated, match="expired"):
        _resolve(database, token, clock)


def test_sign_out_drops_the_cached_token_at_once(database: Database, clock: FixedClock) -> None:
    _, token = _account_and_token(database, clock)
    _resolve(database, token, clock)
    with database.transaction() as session:
        assert accounts.revoke_token(session, token, actor="test", at=clock.now())
    assert accounts.cached_principal(token, at=clock.now()) is None
    with pytest.raises(NotAuthenticated, match="revoked"):
        _resolve(database, token, clock)


def test_a_role_change_drops_every_cached_token_of_the_account(database: Database, clock: FixedClock) -> None:
    account, token = _account_and_token(database, clock)
    other = _account_and_token_token(database)
    _resolve(database, token, clock)
    _resolve(database, other, clock)
    with database.transaction() as session:
        row = session.get(AccountRow, account.id)
        assert row is not None
        row.roles.append(AccountRoleRow(role=Role.OPERATOR.value))
    assert accounts.cached_principal(token, at=clock.now()) is None
    assert accounts.cached_principal(other, at=clock.now()) is None
    assert Role.OPERATOR in _resolve(database, token, clock).roles


def test_a_disabled_account_is_refused_at_its_next_request(database: Database, clock: FixedClock) -> None:
    account, token = _account_and_token(database, clock)
    _resolve(database, token, clock)
    with database.transaction() as session:
        row = session.get(AccountRow, account.id)
        assert row is not None
        row.active = False
    assert accounts.cached_principal(token, at=clock.now()) is None
    with pytest.raises(NotAuthenticated, match="disabled"):
        _resolve(database, token, clock)


def test_a_revocation_by_statement_empties_the_cache(database: Database, clock: FixedClock) -> None:
    _, token = _account_and_token(database, clock)
    _resolve(database, token, clock)
    with database.transaction() as session:
        session.execute(update(ApiTokenRow).values(revoked_at=clock.now()))
    assert accounts.cached_principal(token, at=clock.now()) is None
    with pytest.raises(NotAuthenticated):
        _resolve(database, token, clock)


def test_a_lookup_that_read_before_a_revocation_does_not_refill_the_cache(
    database: Database, clock: FixedClock
) -> None:
    account, token = _account_and_token(database, clock)
    read_at = principals.generation  # the lookup has read the token, still live, and not stored it yet
    with database.transaction() as session:
        accounts.revoke_token(session, token, actor="test", at=clock.now())
    stale = accounts.Principal("account", account.id, "siti", frozenset({Role.CHECKPOINT_OFFICER}))
    principals.put(accounts.digest(token), stale, at=clock.now(), expires_at=None, generation=read_at)
    assert accounts.cached_principal(token, at=clock.now()) is None


def test_an_admin_revocation_and_disabling_drop_the_cached_tokens(
    database: Database, clock: FixedClock
) -> None:
    _, token = _account_and_token(database, clock)
    _resolve(database, token, clock)
    with database.transaction() as session:
        assert sign_in.revoke_tokens(session, username="siti", actor="account:admin", at=clock.now()) == 1
    assert accounts.cached_principal(token, at=clock.now()) is None
    with pytest.raises(NotAuthenticated):
        _resolve(database, token, clock)
    with database.transaction() as session:
        account = session.query(AccountRow).filter_by(username="siti").one()
        fresh = accounts.create_token(session, account=account, name="new", actor="test", at=clock.now())
    _resolve(database, fresh, clock)
    with database.transaction() as session:
        sign_in.set_active(session, username="siti", active=False, actor="account:admin", at=clock.now())
    assert accounts.cached_principal(fresh, at=clock.now()) is None
    with pytest.raises(NotAuthenticated):
        _resolve(database, fresh, clock)
