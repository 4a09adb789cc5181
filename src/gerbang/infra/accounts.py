"""Accounts, API tokens and node credentials: creating them and resolving who a caller is."""

from __future__ import annotations

import hashlib
import secrets
import uuid
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, bindparam, inspect, select
from sqlalchemy.orm import Session

from gerbang.infra import audit, principal_cache
from gerbang.infra.clock import new_id
from gerbang.infra.orm import AccountRoleRow, AccountRow, ApiTokenRow, NodeCredentialRow
from gerbang.infra.passwords import check_password_strength
from gerbang.infra.roles import NODE_ROLES, PERSON_ROLES, Permission, Role, permissions_of
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import Conflict, InvalidInput, NotAuthenticated

TOKEN_PREFIX = "gtk_"  # noqa: S105 - a public prefix, not a secret
NODE_KEY_PREFIX = "gnk_"
MIN_PASSWORD_LENGTH = 10
# A token for scripts lives this long unless asked for less; a lost one stops working by itself.
TOKEN_LIFETIME = timedelta(days=90)
_hasher = PasswordHasher()
# Verifying against a real hash when the username is unknown keeps the timing the same either way.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


@dataclass(frozen=True)
class Principal:
    """Who is calling: a person (account) or a machine (node), with what they may do."""

    kind: str  # "account" or "node"
    id: uuid.UUID
    name: str
    roles: frozenset[Role]
    site: str | None = None
    display_name: str | None = None  # the name given at sign-up, for greetings

    @property
    def greeting(self) -> str:
        """The name a page greets the person by: the one given at sign-up, else the username."""
        return self.display_name or self.name

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.roles)

    @property
    def audit_name(self) -> str:
        return f"{self.kind}:{self.name}"


def digest(secret: str) -> str:
    """Tokens are random and long, so a plain SHA-256 is enough to store them safely."""
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_roles(names: list[str], *, allowed: frozenset[Role] = PERSON_ROLES) -> frozenset[Role]:
    """Turn role names into roles, naming the first unknown one."""
    roles = set()
    for name in names:
        try:
            role = Role(name)
        except ValueError:
            known = ", ".join(sorted(r.value for r in allowed))
            raise InvalidInput("account.unknown_role", field="roles", name=name, known=known) from None
        if role not in allowed:
            raise InvalidInput("account.role_not_grantable", field="roles", name=name)
        roles.add(role)
    if not roles:
        raise InvalidInput("account.needs_role", field="roles")
    return frozenset(roles)


def create_account(
    session: Session,
    *,
    username: str,
    password: str,
    roles: frozenset[Role],
    display_name: str | None,
    actor: str,
    at: datetime,
) -> AccountRow:
    """Create an account with an argon2 password hash; the username must be new."""
    username = username.strip().lower()
    if not username or len(username) > 120:
        raise InvalidInput("account.username_length", field="username")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            "account.password_short", field="password", min_password_length=MIN_PASSWORD_LENGTH
        )
    check_password_strength(password, username=username)
    if session.execute(select(AccountRow.id).where(AccountRow.username == username)).first():
        raise Conflict("account.username_taken", field="username", username=username)
    account = AccountRow(
        id=new_id(at),
        username=username,
        display_name=display_name or username,
        password_hash=_hasher.hash(password),
        active=True,
        created_at=at,
        roles=[AccountRoleRow(role=r.value) for r in sorted(roles)],
    )
    session.add(account)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="account.create",
        record_type="account",
        record_id=str(account.id),
        details={"username": username, "roles": sorted(r.value for r in roles)},
        at=at,
    )
    return account


def authenticate_password(session: Session, *, username: str, password: str) -> AccountRow:
    """Return the active account for these credentials, or raise NotAuthenticated."""
    account = session.execute(
        select(AccountRow).where(AccountRow.username == username.strip().lower())
    ).scalar_one_or_none()
    try:
        _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        account = None
    if account is None or not account.active:
        raise NotAuthenticated("account.wrong_password")
    return account


def create_token(
    session: Session,
    *,
    account: AccountRow,
    name: str,
    actor: str,
    at: datetime,
    valid_for: timedelta | None = None,
) -> str:
    """Create an API token for `account` and return it; only its digest is stored.

    Every token expires: after `valid_for`, or TOKEN_LIFETIME when none is given.
    """
    valid_for = valid_for or TOKEN_LIFETIME
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiTokenRow(
        id=new_id(at),
        account_id=account.id,
        name=name,
        token_digest=digest(secret),
        created_at=at,
        expires_at=at + valid_for,
        revoked_at=None,
    )
    session.add(token)
    audit.record(
        session,
        actor=actor,
        action="token.create",
        record_type="api_token",
        record_id=str(token.id),
        details={"account": account.username, "name": name},
        at=at,
    )
    return secret


def revoke_token(session: Session, secret: str, *, actor: str | None, at: datetime) -> bool:
    """Revoke an API token at once (sign-out); False if no such live token exists.

    With no `actor` the token's own holder signs out, and the audit entry names that account.
    """
    token = session.execute(
        select(ApiTokenRow).where(ApiTokenRow.token_digest == digest(secret))
    ).scalar_one_or_none()
    if token is None or token.revoked_at is not None:
        return False
    token.revoked_at = at
    if actor is None:
        holder = session.get(AccountRow, token.account_id)
        actor = f"account:{holder.username}" if holder is not None else "session:logout"
    audit.record(
        session, actor=actor, action="token.revoke", record_type="api_token", record_id=str(token.id), at=at
    )
    return True


def create_node_credential(
    session: Session, *, name: str, role: str, site: str | None, actor: str, at: datetime
) -> str:
    """Create (or replace) the credential of an edge or status node and return its key."""
    if role not in NODE_ROLES:
        raise InvalidInput("node.bad_role", field="role", roles=", ".join(NODE_ROLES))
    if role in ("checkpoint", "office") and not (site and site.strip()):
        # An edge acts for one site, taken from its key: a key without one may act for none.
        raise InvalidInput("node.site_required", field="site", role=role)
    secret = NODE_KEY_PREFIX + secrets.token_urlsafe(32)
    existing = session.execute(
        select(NodeCredentialRow).where(NodeCredentialRow.name == name)
    ).scalar_one_or_none()
    if existing is not None:
        # A re-issued key replaces the old one at once: the old key stops working.
        existing.key_digest, existing.revoked_at, existing.role, existing.site = (
            digest(secret),
            None,
            role,
            site,
        )
    else:
        session.add(
            NodeCredentialRow(
                id=new_id(at),
                name=name,
                role=role,
                site=site,
                key_digest=digest(secret),
                created_at=at,
                revoked_at=None,
            )
        )
    audit.record(
        session,
        actor=actor,
        action="node.credential.issue",
        record_type="node",
        record_id=name,
        details={"role": role, "site": site},
        at=at,
    )
    return secret


def revoke_node_credential(session: Session, *, name: str, actor: str, at: datetime) -> None:
    """Revoke a node's key: its next call to the center is refused."""
    node = session.execute(
        select(NodeCredentialRow).where(NodeCredentialRow.name == name)
    ).scalar_one_or_none()
    if node is None:
        raise InvalidInput("node.not_found", field="name", name=name)
    node.revoked_at = at
    audit.record(
        session, actor=actor, action="node.credential.revoke", record_type="node", record_id=name, at=at
    )


# Token, account and roles in one statement, one row per role (a role-less account gives one); built
# once, so a lookup neither rebuilds nor recompiles it.
_TOKEN_HOLDER = (
    select(
        ApiTokenRow.revoked_at,
        ApiTokenRow.expires_at,
        AccountRow.id,
        AccountRow.username,
        AccountRow.display_name,
        AccountRow.active,
        AccountRoleRow.role,
    )
    .join(AccountRow, AccountRow.id == ApiTokenRow.account_id, isouter=True)
    .join(AccountRoleRow, AccountRoleRow.account_id == AccountRow.id, isouter=True)
    .where(ApiTokenRow.token_digest == bindparam("digest"))
)
_NODE_HOLDER = select(
    NodeCredentialRow.id,
    NodeCredentialRow.name,
    NodeCredentialRow.role,
    NodeCredentialRow.site,
    NodeCredentialRow.revoked_at,
).where(NodeCredentialRow.key_digest == bindparam("digest"))


def resolve_bearer(session: Session, secret: str, *, at: datetime) -> Principal:
    """Who holds this token or node key; raise NotAuthenticated if nobody (or it was revoked)."""
    key, generation = digest(secret), principal_cache.principals.generation
    if secret.startswith(NODE_KEY_PREFIX):
        return _resolve_node(session, key, at=at, generation=generation)
    rows = session.execute(_TOKEN_HOLDER, {"digest": key}).all()
    if not rows or rows[0].revoked_at is not None:
        raise NotAuthenticated("token.unknown")
    first = rows[0]
    expires_at = as_utc(first.expires_at) if first.expires_at is not None else None
    if expires_at is not None and expires_at <= at:
        raise NotAuthenticated("token.expired")
    if first.id is None or not first.active:
        raise NotAuthenticated("token.account_disabled")
    roles = frozenset(Role(row.role) for row in rows if row.role is not None)
    principal = Principal("account", first.id, first.username, roles, display_name=first.display_name)
    principal_cache.principals.put(key, principal, at=at, expires_at=expires_at, generation=generation)
    return principal


# Whether an engine's database keeps node credentials: only the center's does (infra/schema_scope.py).
_HOLDS_NODE_KEYS: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def _holds_node_keys(session: Session) -> bool:
    connection = session.connection()
    known = _HOLDS_NODE_KEYS.get(connection.engine)
    if known is None:
        known = _HOLDS_NODE_KEYS[connection.engine] = inspect(connection).has_table(
            NodeCredentialRow.__tablename__
        )
    return known


def _resolve_node(session: Session, key: str, *, at: datetime, generation: int) -> Principal:
    if not _holds_node_keys(session):
        # An edge or the status node: no node key is valid here (and it has no table to look in).
        raise NotAuthenticated("node.key_unknown")
    node = session.execute(_NODE_HOLDER, {"digest": key}).first()
    if node is None or node.revoked_at is not None:
        raise NotAuthenticated("node.key_unknown")
    principal = Principal("node", node.id, node.name, frozenset({NODE_ROLES[node.role]}), node.site)
    principal_cache.principals.put(key, principal, at=at, expires_at=None, generation=generation)
    return principal


def cached_principal(secret: str, *, at: datetime) -> Principal | None:
    """The principal of `secret` if it was resolved in the last few seconds and nothing changed since."""
    return principal_cache.principals.get(digest(secret), at=at)


def account_principal(account: AccountRow) -> Principal:
    """The principal for a signed-in account."""
    roles = frozenset(Role(r.role) for r in account.roles)
    return Principal("account", account.id, account.username, roles, display_name=account.display_name)
