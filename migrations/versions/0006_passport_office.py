"""passport office node: interviews and hand-overs at the office, the center's receipt of them

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 09:12:00
"""

from __future__ import annotations

import sqlalchemy as sa

from gerbang.infra.schema_scope import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office_interviews",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("node", sa.String(length=120), nullable=False),
        sa.Column("site", sa.String(length=12), nullable=False),
        sa.Column("photo_sha256", sa.String(length=64), nullable=False),
        sa.Column("fingerprints_sha256", sa.String(length=64), nullable=False),
        sa.Column("photo_ref", sa.String(length=300), nullable=True),
        sa.Column("fingerprints_ref", sa.String(length=300), nullable=True),
        sa.Column("officer", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_interviews")),
        sa.UniqueConstraint("application_id", name=op.f("uq_office_interviews_application_id")),
    )
    op.create_table(
        "office_handovers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("node", sa.String(length=120), nullable=False),
        sa.Column("site", sa.String(length=12), nullable=False),
        sa.Column("collector_kind", sa.String(length=12), nullable=False),
        sa.Column("collector_nik", sa.String(length=16), nullable=False),
        sa.Column("collector_name", sa.String(length=200), nullable=False),
        sa.Column("collector_birth_date", sa.Date(), nullable=False),
        sa.Column("relationship", sa.String(length=12), nullable=True),
        sa.Column("family_card", sa.String(length=16), nullable=True),
        sa.Column("officer", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_handovers")),
        sa.UniqueConstraint("application_id", name=op.f("uq_office_handovers_application_id")),
    )
    op.create_table(
        "passport_office_records",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("node", sa.String(length=120), nullable=False),
        sa.Column("site", sa.String(length=12), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport_office_records")),
    )
    with op.batch_alter_table("passport_office_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_passport_office_records_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_passport_office_records_outcome"), ["outcome"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("passport_office_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passport_office_records_outcome"))
        batch_op.drop_index(batch_op.f("ix_passport_office_records_application_id"))
    op.drop_table("passport_office_records")
    op.drop_table("office_handovers")
    op.drop_table("office_interviews")
