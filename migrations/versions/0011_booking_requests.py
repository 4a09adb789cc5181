"""booking requests: a client's Idempotency-Key kept with its booking and the answer it got

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 03:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa

from gerbang.infra.schema_scope import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "passport_booking_requests",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("request_sha256", sa.String(length=64), nullable=False),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_passport_booking_requests_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["passport_applications.id"],
            name=op.f("fk_passport_booking_requests_application_id_passport_applications"),
        ),
        sa.PrimaryKeyConstraint("account_id", "key", name=op.f("pk_passport_booking_requests")),
    )
    op.create_index(
        op.f("ix_passport_booking_requests_application_id"), "passport_booking_requests", ["application_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_passport_booking_requests_application_id"), table_name="passport_booking_requests")
    op.drop_table("passport_booking_requests")
