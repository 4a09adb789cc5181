"""A short cache of who holds a bearer secret, so a busy caller is not looked up on every request.

Keyed by the secret's digest. An entry lives a few seconds at most and never past its token's expiry.
Any committed change to an account, its roles, a token or a node credential drops the entries it
touches in this process (a Session listener below, so code that edits those rows need not remember
to); another process of the same center sees the change once its own entry lapses, within `TTL`.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from gerbang.infra.orm import AccountRoleRow, AccountRow, ApiTokenRow, NodeCredentialRow

if TYPE_CHECKING:
    from gerbang.infra.accounts import Principal

# How stale a revocation may be in a process that did not make it: a sign-out elsewhere, a role
# change made by another center process. Short enough for a revocation; long enough that a client
# polling or paging through results is looked up once every few seconds, not at every request.
TTL = timedelta(seconds=5)
MAX_ENTRIES = 20_000
_PENDING = "gerbang_principal_cache_forget"


@dataclass(frozen=True)
class _Entry:
    principal: Principal
    until: datetime


class PrincipalCache:
    """Principals by secret digest, least recently used dropped first; safe across threads."""

    def __init__(self, *, ttl: timedelta = TTL, max_entries: int = MAX_ENTRIES) -> None:
        self.ttl, self.max_entries = ttl, max_entries
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        # Raised by every forget: a lookup that read the database before a change committed must
        # not store what it read after the change dropped the entries (see `put`).
        self.generation = 0

    def get(self, key: str, *, at: datetime) -> Principal | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if at >= entry.until:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry.principal

    def put(
        self, key: str, principal: Principal, *, at: datetime, expires_at: datetime | None, generation: int
    ) -> None:
        """Keep `principal`, read at cache `generation`, unless anything was forgotten since."""
        until = at + self.ttl if expires_at is None else min(at + self.ttl, expires_at)
        with self._lock:
            if generation != self.generation:
                return
            self._entries[key] = _Entry(principal, until)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def forget(self, *, keys: Iterable[str] = (), principals: Iterable[uuid.UUID] = ()) -> None:
        """Drop the entries of these digests and of these accounts or nodes."""
        keys, ids = set(keys), set(principals)
        if not keys and not ids:
            return
        with self._lock:
            self.generation += 1
            for key in keys:
                self._entries.pop(key, None)
            if ids:
                stale = [k for k, e in self._entries.items() if e.principal.id in ids]
                for key in stale:
                    del self._entries[key]

    def clear(self) -> None:
        with self._lock:
            self.generation += 1
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


principals = PrincipalCache()


def _touched(session: Session) -> tuple[set[str], set[uuid.UUID]]:
    keys: set[str] = set()
    ids: set[uuid.UUID] = set()
    for row in (*session.new, *session.dirty, *session.deleted):
        if isinstance(row, ApiTokenRow):
            keys.add(row.token_digest)
            ids.add(row.account_id)
        elif isinstance(row, AccountRow):
            ids.add(row.id)
        elif isinstance(row, AccountRoleRow):
            # A role added through the account's list has no account id until the flush; the
            # account itself is then among the changed rows.
            ids.add(row.account_id)
        elif isinstance(row, NodeCredentialRow):
            keys.add(row.key_digest)
            ids.add(row.id)
    keys.discard(None)
    ids.discard(None)
    return keys, ids


@event.listens_for(Session, "before_flush")
def _collect(session: Session, _context: Any, _instances: Any) -> None:
    keys, ids = _touched(session)
    if keys or ids:
        # Forget now, so this process never answers from the old state once the change is visible,
        # and again after the commit, in case a concurrent request cached it in between.
        principals.forget(keys=keys, principals=ids)
        pending = session.info.setdefault(_PENDING, (set(), set()))
        pending[0].update(keys)
        pending[1].update(ids)


_WATCHED = frozenset(row.__table__ for row in (AccountRow, AccountRoleRow, ApiTokenRow, NodeCredentialRow))


@event.listens_for(Session, "do_orm_execute")
def _bulk_change(state: ORMExecuteState) -> None:
    # An UPDATE or DELETE statement bypasses the rows above: rare enough to simply start afresh.
    mapper = state.bind_mapper
    if (state.is_update or state.is_delete) and mapper is not None and mapper.local_table in _WATCHED:
        principals.clear()
        state.session.info[_PENDING + "_all"] = True


@event.listens_for(Session, "after_commit")
def _forget_committed(session: Session) -> None:
    if session.info.pop(_PENDING + "_all", False):
        principals.clear()
    pending = session.info.pop(_PENDING, None)
    if pending is not None:
        principals.forget(keys=pending[0], principals=pending[1])


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_PENDING + "_all", None)
