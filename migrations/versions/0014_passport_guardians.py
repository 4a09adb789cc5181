"""passport guardians: the parent or guardian who consents to a child's application (center only)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 15:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa

from gerbang.infra.schema_scope import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "passport_guardians",
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("relationship", sa.String(length=12), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["passport_applications.id"],
            name=op.f("fk_passport_guardians_application_id_passport_applications"),
        ),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_passport_guardians")),
    )


def downgrade() -> None:
    op.drop_table("passport_guardians")
