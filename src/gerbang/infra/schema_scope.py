"""Which tables each kind of node keeps: migrations create on an edge only the tables its role uses."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

EVERY_NODE = frozenset({"central", "checkpoint", "office", "status"})
CENTER = frozenset({"central"})
CHECKPOINT = frozenset({"central", "checkpoint"})
OFFICE = frozenset({"central", "office"})
STATUS = frozenset({"status"})

# Table -> the roles whose database holds it. A table not named here is the center's alone, so a
# new center table never lands on an edge by accident; an edge table must be added on purpose.
ROLES_BY_TABLE: dict[str, frozenset[str]] = {
    # Accounts, sign-in and the audit log: every node has its own officers and its own chain.
    "accounts": EVERY_NODE,
    "account_roles": EVERY_NODE,
    "api_tokens": EVERY_NODE,
    "audit_log": EVERY_NODE,
    "audit_head": EVERY_NODE,
    "sign_in_failures": EVERY_NODE,
    # What a node sends the center goes through its outbox: an edge's records, and the outages the
    # status node declares so the passport service clock stops.
    "outbox": EVERY_NODE,
    # What an edge records: crossings and overrides, its lanes and queues.
    "crossings": CHECKPOINT,
    "crossing_overrides": CHECKPOINT,
    "lane_states": CHECKPOINT,
    "queue_counts": CHECKPOINT,
    "flight_schedules": CHECKPOINT,
    # A passport office's own interviews and hand-overs (the center keeps its receipt of them apart).
    "office_interviews": OFFICE,
    "office_handovers": OFFICE,
    # A child's parent or guardian, kept with the application at the center; offices read it from
    # the signed appointments they receive, never from a table of their own.
    "passport_guardians": CENTER,
    # The status node lives in a failure domain of its own, with only its own tables.
    "status_days": STATUS,
    "status_incidents": STATUS,
    "status_subscribers": STATUS,
    "status_updates": STATUS,
    "status_deliveries": STATUS,
}


def roles_of(table: str) -> frozenset[str]:
    """The roles whose database keeps `table`."""
    return ROLES_BY_TABLE.get(table, CENTER)


def kept(table: str, role: str) -> bool:
    """True when a node of `role` keeps `table`."""
    return role in roles_of(table)


class _Skipped:
    """Stands in for a batch of changes to a table this node does not keep: every call does nothing."""

    def __getattr__(self, _name: str) -> Any:
        return lambda *_args, **_kwargs: None


class ScopedOperations:
    """Alembic's `op`, passing on only the changes to tables the migrating node's role keeps."""

    def _role(self) -> str | None:
        from alembic import context

        role: str | None = context.config.attributes.get("gerbang_role")
        return role

    def _kept(self, table: object) -> bool:
        # No role named (tests, or a schema built to inspect): every table.
        role = self._role()
        name = table if isinstance(table, str) else getattr(table, "name", None)
        return role is None or not isinstance(name, str) or kept(name, role)

    def create_table(self, name: str, *columns: Any, **kw: Any) -> Any:
        from alembic import op

        return op.create_table(name, *columns, **kw) if self._kept(name) else None

    def drop_table(self, name: str, **kw: Any) -> None:
        from alembic import op

        if self._kept(name):
            op.drop_table(name, **kw)

    def bulk_insert(self, table: Any, rows: list[dict[str, Any]], **kw: Any) -> None:
        from alembic import op

        if table is not None and self._kept(table):
            op.bulk_insert(table, rows, **kw)

    @contextlib.contextmanager
    def batch_alter_table(self, name: str, **kw: Any) -> Iterator[Any]:
        from alembic import op

        if not self._kept(name):
            yield _Skipped()
            return
        with op.batch_alter_table(name, **kw) as batch:
            yield batch

    def _scoped(self, name: str, position: int, *args: Any, **kw: Any) -> Any:
        from alembic import op

        table = kw.get("table_name", args[position] if len(args) > position else None)
        return getattr(op, name)(*args, **kw) if self._kept(table) else None

    def create_index(self, *args: Any, **kw: Any) -> Any:
        return self._scoped("create_index", 1, *args, **kw)

    def drop_index(self, *args: Any, **kw: Any) -> Any:
        return self._scoped("drop_index", 1, *args, **kw)

    def add_column(self, *args: Any, **kw: Any) -> Any:
        return self._scoped("add_column", 0, *args, **kw)

    def drop_column(self, *args: Any, **kw: Any) -> Any:
        return self._scoped("drop_column", 0, *args, **kw)

    def alter_column(self, *args: Any, **kw: Any) -> Any:
        return self._scoped("alter_column", 0, *args, **kw)

    def create_unique_constraint(self, *args: Any, **kw: Any) -> Any:
        return self._scoped("create_unique_constraint", 1, *args, **kw)

    def create_foreign_key(self, *args: Any, **kw: Any) -> Any:
        return self._scoped("create_foreign_key", 1, *args, **kw)

    def drop_constraint(self, *args: Any, **kw: Any) -> Any:
        return self._scoped("drop_constraint", 1, *args, **kw)

    def keeps(self, table: str) -> bool:
        """For data steps a migration writes by hand: does this node keep `table`?"""
        return self._kept(table)

    def __getattr__(self, name: str) -> Any:
        from alembic import op

        return getattr(op, name)


op = ScopedOperations()
