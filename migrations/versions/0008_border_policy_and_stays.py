"""border policy versions and foreigners' stays, filled from the crossings already held

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 09:00:00.000000
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from gerbang.infra.schema_scope import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "border_policies",
        sa.Column("id", _BIGINT, autoincrement=True, nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_border_policies")),
    )
    stays = op.create_table(
        "foreigner_stays",
        sa.Column("nationality", sa.String(length=3), nullable=False),
        sa.Column("document_number", sa.String(length=40), nullable=False),
        sa.Column("crossing_id", sa.Uuid(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("site", sa.String(length=40), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("permitted_until", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("nationality", "document_number", name=op.f("pk_foreigner_stays")),
    )
    if stays is not None:
        _fill_stays(stays)


def _fill_stays(stays: sa.Table) -> None:
    # A center upgraded while foreigners are in the country must list them at once: take each
    # foreign passport's newest crossing that was not refused (the same rule ingest applies later).
    crossings = sa.table(
        "crossings",
        sa.column("id", sa.Uuid()),
        *(sa.column(name) for name in ("site", "direction", "document_number", "nationality", "decision")),
        sa.column("recorded_at", sa.DateTime(timezone=True)),
        sa.column("permitted_until", sa.Date()),
    )
    query = (
        sa.select(crossings)
        .where(crossings.c.nationality != "IDN", crossings.c.decision != "refuse")
        .order_by(crossings.c.recorded_at, crossings.c.id)
    )
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    now = datetime.now(UTC)
    for row in op.get_bind().execute(query).mappings():
        nationality = row["nationality"].strip().upper().rstrip("<")
        key = (
            "DEU" if nationality == "D" else nationality,
            "".join(row["document_number"].split()).upper().rstrip("<"),
        )
        latest[key] = {
            "nationality": key[0], "document_number": key[1], "crossing_id": row["id"],
            "direction": row["direction"], "site": row["site"], "recorded_at": row["recorded_at"],
            "permitted_until": row["permitted_until"], "updated_at": now,
        }  # fmt: skip
    if latest:
        op.bulk_insert(stays, list(latest.values()))


def downgrade() -> None:
    op.drop_table("foreigner_stays")
    op.drop_table("border_policies")
