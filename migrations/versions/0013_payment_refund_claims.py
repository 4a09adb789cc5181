"""payment refund claims: payments the bank made that no application at the center holds (center only)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 14:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa

from gerbang.infra.schema_scope import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payment_refund_claims",
        sa.Column("bank_transaction_id", sa.String(length=64), nullable=False),
        sa.Column("billing_code", sa.String(length=15), nullable=False),
        sa.Column("amount_idr", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payer_email", sa.String(length=254), nullable=True),
        sa.Column("account_id", sa.Uuid(), nullable=True),
        sa.Column("found_by", sa.String(length=12), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_payment_refund_claims_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("bank_transaction_id", name=op.f("pk_payment_refund_claims")),
    )
    op.create_index(op.f("ix_payment_refund_claims_billing_code"), "payment_refund_claims", ["billing_code"])
    op.create_index(op.f("ix_payment_refund_claims_account_id"), "payment_refund_claims", ["account_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_payment_refund_claims_account_id"), table_name="payment_refund_claims")
    op.drop_index(op.f("ix_payment_refund_claims_billing_code"), table_name="payment_refund_claims")
    op.drop_table("payment_refund_claims")
