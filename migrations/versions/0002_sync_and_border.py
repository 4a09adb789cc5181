"""sync outbox reference state crossings watchlist alerts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 16:19:36.252725
"""

from __future__ import annotations

import sqlalchemy as sa

from gerbang.infra.schema_scope import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crossings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("node", sa.String(length=120), nullable=False),
        sa.Column("site", sa.String(length=40), nullable=False),
        sa.Column("lane", sa.String(length=40), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("document_number", sa.String(length=40), nullable=False),
        sa.Column("nationality", sa.String(length=3), nullable=False),
        sa.Column("surname", sa.String(length=120), nullable=False),
        sa.Column("given_names", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("flight", sa.String(length=20), nullable=True),
        sa.Column("credential_id", sa.String(length=40), nullable=True),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("permitted_until", sa.Date(), nullable=True),
        sa.Column("offline", sa.Boolean(), nullable=False),
        sa.Column("reference_version", sa.Integer(), nullable=False),
        sa.Column("officer", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crossings")),
    )
    with op.batch_alter_table("crossings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crossings_document_number"), ["document_number"], unique=False)
        batch_op.create_index("ix_crossings_site_recorded_at", ["site", "recorded_at"], unique=False)

    op.create_table(
        "outbox",
        sa.Column(
            "seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("record_id", name=op.f("uq_outbox_record_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_sent_at"), ["sent_at"], unique=False)

    op.create_table(
        "reference_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_state")),
    )
    op.create_table(
        "sync_nodes",
        sa.Column("node", sa.String(length=120), nullable=False),
        sa.Column("records_received", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "duplicates_received", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("held_through_seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("last_batch_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("node", name=op.f("pk_sync_nodes")),
    )
    op.create_table(
        "watchlist_entries",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("list_kind", sa.String(length=40), nullable=False),
        sa.Column("entry", sa.JSON(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlist_entries")),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("crossing_id", sa.Uuid(), nullable=False),
        sa.Column("site", sa.String(length=40), nullable=False),
        sa.Column("entry_id", sa.String(length=80), nullable=False),
        sa.Column("list_kind", sa.String(length=40), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("edge_decision", sa.String(length=10), nullable=False),
        sa.Column("edge_reference_version", sa.Integer(), nullable=False),
        sa.Column("center_reference_version", sa.Integer(), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["crossing_id"], ["crossings.id"], name=op.f("fk_alerts_crossing_id_crossings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerts_crossing_id"), ["crossing_id"], unique=False)

    op.create_table(
        "crossing_overrides",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("crossing_id", sa.Uuid(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("officer", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["crossing_id"], ["crossings.id"], name=op.f("fk_crossing_overrides_crossing_id_crossings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crossing_overrides")),
    )
    with op.batch_alter_table("crossing_overrides", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crossing_overrides_crossing_id"), ["crossing_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("crossing_overrides", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crossing_overrides_crossing_id"))

    op.drop_table("crossing_overrides")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_crossing_id"))

    op.drop_table("alerts")
    op.drop_table("watchlist_entries")
    op.drop_table("sync_nodes")
    op.drop_table("reference_state")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_sent_at"))

    op.drop_table("outbox")
    with op.batch_alter_table("crossings", schema=None) as batch_op:
        batch_op.drop_index("ix_crossings_site_recorded_at")
        batch_op.drop_index(batch_op.f("ix_crossings_document_number"))

    op.drop_table("crossings")
