"""hardening: status subscribers confirm before anything is sent; failed sign-ins kept for lockout

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 04:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa

from gerbang.infra.schema_scope import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("status_subscribers") as batch:
        batch.add_column(sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("confirm_sent_at", sa.DateTime(timezone=True), nullable=True))
    if op.keeps("status_subscribers"):
        # Subscribers from before confirmation existed keep getting what they signed up for.
        op.execute("UPDATE status_subscribers SET confirmed_at = created_at, confirm_sent_at = created_at")
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=120), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failures")),
    )
    op.create_index("ix_sign_in_failures_username_at", "sign_in_failures", ["username", "at"])
    op.create_index("ix_sign_in_failures_address_at", "sign_in_failures", ["address", "at"])


def downgrade() -> None:
    op.drop_index("ix_sign_in_failures_address_at", table_name="sign_in_failures")
    op.drop_index("ix_sign_in_failures_username_at", table_name="sign_in_failures")
    op.drop_table("sign_in_failures")
    with op.batch_alter_table("status_subscribers") as batch:
        batch.drop_column("confirm_sent_at")
        batch.drop_column("confirmed_at")
