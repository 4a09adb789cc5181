"""national queue figures: the center keeps each checkpoint's newest queue snapshot (center only)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 03:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa

from gerbang.infra.schema_scope import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkpoint_queue_figures",
        sa.Column("site", sa.String(length=40), nullable=False),
        sa.Column("node", sa.String(length=120), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("figures_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("site", name=op.f("pk_checkpoint_queue_figures")),
    )


def downgrade() -> None:
    op.drop_table("checkpoint_queue_figures")
