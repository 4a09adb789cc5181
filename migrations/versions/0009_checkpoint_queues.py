"""checkpoint queues: lane states set by supervisors, head counts, and flight schedules

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 03:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa

from gerbang.infra.schema_scope import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "lane_states",
        sa.Column("lane", sa.String(length=40), nullable=False),
        sa.Column("queue", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("lane", name=op.f("pk_lane_states")),
    )
    op.create_table(
        "queue_counts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("queue", sa.String(length=20), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("counted_by", sa.String(length=200), nullable=False),
        sa.Column("counted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_counts")),
    )
    op.create_index("ix_queue_counts_queue_counted_at", "queue_counts", ["queue", "counted_at"])
    op.create_table(
        "flight_schedules",
        sa.Column("id", _BIGINT, autoincrement=True, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("flights", sa.JSON(), nullable=False),
        sa.Column("loaded_by", sa.String(length=200), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flight_schedules")),
    )
    op.create_index(op.f("ix_flight_schedules_day"), "flight_schedules", ["day"])


def downgrade() -> None:
    op.drop_index(op.f("ix_flight_schedules_day"), table_name="flight_schedules")
    op.drop_table("flight_schedules")
    op.drop_index("ix_queue_counts_queue_counted_at", table_name="queue_counts")
    op.drop_table("queue_counts")
    op.drop_table("lane_states")
