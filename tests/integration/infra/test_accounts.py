"""Accounts, tokens and node keys: hashing, authentication, expiry and revocation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from gerbang.infra import accounts
from gerbang.infra.database import Database
from gerbang.infra.orm import AccountRow, AuditEntryRow
from gerbang.infra.roles import Permission, Role
from gerbang.kernel.clock import FixedClock
from gerbang.kernel.errors import Conflict, InvalidInput, NotAuthenticated

PASSWORD = "correct-horse-battery"


def _officer(database: Database, clock: FixedClock, username: str = "siti") -> AccountRow:
    with database.transaction() as session:
        return accounts.create_account(
            session,
            username=username,
            password=PASSWORD,
            roles=frozenset({Role.CHECKPOINT_OFFICER}),
            display_name="Siti Rahayu",
            actor="shell:admin",
            at=clock.now(),
        )


def test_password_is_stored_as_an_argon2_hash(database: Database, clock: FixedClock) -> None:
    account = _officer(database, clock)
    assert account.password_hash.startswith("$argon2id$")
    assert PASSWORD not in account.password_hash


def test_right_password_authenticates_and_wrong_one_does_not(database: Database, clock: FixedClock) -> None:
    _officer(database, clock)
    with database.transaction() as session:
        assert accounts.authenticate_password(session, username="SITI", password=PASSWORD).username == "siti"
        with pytest.raises(NotAuthenticated):
            accounts.authenticate_password(session, username="siti", password="wrong-password!")
        with pytest.raises(NotAuthenticated):
            accounts.authenticate_password(session, username="nobody", password=PASSWORD)


def test_username_is_unique_whatever_its_case(database: Database, clock: FixedClock) -> None:
    _officer(database, clock)
    with pytest.raises(Conflict):
        _officer(database, clock, username="Siti")


def test_short_password_and_unknown_role_are_refused(database: Database, clock: FixedClock) -> None:
    with database.transaction() as session, pytest.raises(InvalidInput, match="at least 10"):
        accounts.create_account(
            session,
            username="x",
            password="short",
            roles=frozenset({Role.ADMIN}),
            display_name=None,
            actor="t",
            at=clock.now(),
        )
    with pytest.raises(InvalidInput, match="unknown role 'pilot'"):
        accounts.parse_roles(["pilot"])
    with pytest.raises(InvalidInput, match="cannot be given to an account"):
        accounts.parse_roles(["node-checkpoint"])


def test_token_resolves_to_its_account_until_it_expires(database: Database, clock: FixedClock) -> None:
    _officer(database, clock)
    with database.transaction() as session:
        account = session.execute(select(AccountRow)).scalar_one()
        token = accounts.create_token(
            session, account=account, name="lane-3", actor="t", at=clock.now(), valid_for=timedelta(hours=1)
        )
    with database.transaction() as session:
        principal = accounts.resolve_bearer(session, token, at=clock.now())
        assert principal.name == "siti"
        assert Permission.CROSSINGS_DECIDE in principal.permissions
        assert Permission.ACCOUNTS_MANAGE not in principal.permissions
        with pytest.raises(NotAuthenticated, match="expired"):
            accounts.resolve_bearer(session, token, at=clock.now() + timedelta(hours=2))
        with pytest.raises(NotAuthenticated):
            accounts.resolve_bearer(session, token + "x", at=clock.now())


def test_reissued_node_key_revokes_the_old_one(database: Database, clock: FixedClock) -> None:
    with database.transaction() as session:
        first = accounts.create_node_credential(
            session, name="cgk-checkpoint", role="checkpoint", site="CGK", actor="t", at=clock.now()
        )
    with database.transaction() as session:
        second = accounts.create_node_credential(
            session, name="cgk-checkpoint", role="checkpoint", site="CGK", actor="t", at=clock.now()
        )
    with database.transaction() as session:
        node = accounts.resolve_bearer(session, second, at=clock.now())
        assert (node.kind, node.site, node.roles) == ("node", "CGK", frozenset({Role.NODE_CHECKPOINT}))
        with pytest.raises(NotAuthenticated):
            accounts.resolve_bearer(session, first, at=clock.now())
    with database.transaction() as session:
        accounts.revoke_node_credential(session, name="cgk-checkpoint", actor="t", at=clock.now())
    with database.transaction() as session, pytest.raises(NotAuthenticated, match="revoked"):
        accounts.resolve_bearer(session, second, at=clock.now())


def test_every_account_action_is_audited(database: Database, clock: FixedClock) -> None:
    _officer(database, clock)
    with database.transaction() as session:
        actions = session.execute(select(AuditEntryRow.action)).scalars().all()
    assert actions == ["account.create"]
