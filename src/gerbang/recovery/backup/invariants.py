"""Checks a restored store must pass before it serves: the audit chain and the invariants of its records."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from gerbang.infra.audit import verify_chain
from gerbang.infra.audit_heads import checked, heads_path, read_heads
from gerbang.infra.backup.manifest import BackupBroken
from gerbang.infra.database import Database

# Each query returns the number of rows that break the rule; zero passes.
_RULES = {
    "crossings": ("every crossing id unique", "SELECT count(*) - count(DISTINCT id) FROM crossings"),
    "payment_ledger": (
        "ledger balances",
        "SELECT count(*) FROM (SELECT application_id FROM payment_ledger WHERE application_id IS NOT NULL"
        " GROUP BY application_id HAVING sum(CASE WHEN kind = 'refund' THEN amount_idr ELSE 0 END)"
        " > sum(CASE WHEN kind = 'payment' THEN amount_idr ELSE 0 END)) AS over",
    ),
    "audit_log": ("audit entries numbered once", "SELECT count(*) - count(DISTINCT seq) FROM audit_log"),
}


def check_invariants(url: str, *, where: str, key_dir: Path) -> dict[str, int]:
    """Run the audit chain verification and the invariant queries; raise BackupBroken on the first miss.

    `key_dir` holds the node's audit key and the heads it published (restored with the backup), so
    a chain edited or cut before the backup was taken shows here. Returns the rows per table.
    """
    database = Database(url, key_dir=key_dir)
    try:
        tables = set(inspect(database.engine).get_table_names())
        counts: dict[str, int] = {}
        with database.reading() as session:
            for table, (rule, query) in _RULES.items():
                if table not in tables:
                    continue
                broken = int(session.execute(text(query)).scalar_one())
                if broken:
                    raise BackupBroken(where, rule, f"{broken} rows break it in {table}")
            for table in sorted(tables):
                counts[table] = int(session.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())  # noqa: S608
            if "audit_log" in tables:
                path = heads_path(database)
                published, forged = checked(read_heads(path) if path else [], database.audit_key.get())
                if forged:
                    raise BackupBroken(where, "audit chain", f"{forged} published heads are not this node's")
                report = verify_chain(session, published=published)
                if report.first_break is not None:
                    b = report.first_break
                    raise BackupBroken(where, "audit chain", f"entry {b.seq} {b.problem}: {b.detail}")
    finally:
        database.dispose()
    return counts
