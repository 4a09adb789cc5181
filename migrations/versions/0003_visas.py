"""visa applications, decisions, credentials, revocations and signed revocation lists

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 16:22:34.513554
"""

from __future__ import annotations

import sqlalchemy as sa

from gerbang.infra.schema_scope import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visa_revocation_lists",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_visa_revocation_lists")),
    )
    op.create_table(
        "visa_applications",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("applicant_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("holder_name", sa.String(length=255), nullable=False),
        sa.Column("passport_number", sa.String(length=20), nullable=False),
        sa.Column("nationality", sa.String(length=3), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("fee_idr", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("screening", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["applicant_id"], ["accounts.id"], name=op.f("fk_visa_applications_applicant_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visa_applications")),
    )
    with op.batch_alter_table("visa_applications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visa_applications_applicant_id"), ["applicant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_visa_applications_passport_number"), ["passport_number"], unique=False
        )

    op.create_table(
        "visa_credentials",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("passport_number", sa.String(length=20), nullable=False),
        sa.Column("nationality", sa.String(length=3), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stay_days", sa.Integer(), nullable=True),
        sa.Column("entries", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=200), nullable=False),
        sa.Column("extended_from", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["visa_applications.id"],
            name=op.f("fk_visa_credentials_application_id_visa_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["extended_from"],
            ["visa_credentials.id"],
            name=op.f("fk_visa_credentials_extended_from_visa_credentials"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visa_credentials")),
        sa.UniqueConstraint("extended_from", name=op.f("uq_visa_credentials_extended_from")),
    )
    with op.batch_alter_table("visa_credentials", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_visa_credentials_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_visa_credentials_passport_number"), ["passport_number"], unique=False
        )

    op.create_table(
        "visa_decisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("screening", sa.JSON(), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["visa_applications.id"],
            name=op.f("fk_visa_decisions_application_id_visa_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visa_decisions")),
        sa.UniqueConstraint("application_id", name=op.f("uq_visa_decisions_application_id")),
    )
    op.create_table(
        "visa_revocations",
        sa.Column("credential_id", sa.Uuid(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("revoked_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["visa_credentials.id"],
            name=op.f("fk_visa_revocations_credential_id_visa_credentials"),
        ),
        sa.PrimaryKeyConstraint("credential_id", name=op.f("pk_visa_revocations")),
    )


def downgrade() -> None:
    op.drop_table("visa_revocations")
    op.drop_table("visa_decisions")
    with op.batch_alter_table("visa_credentials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visa_credentials_passport_number"))
        batch_op.drop_index(batch_op.f("ix_visa_credentials_application_id"))

    op.drop_table("visa_credentials")
    with op.batch_alter_table("visa_applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visa_applications_passport_number"))
        batch_op.drop_index(batch_op.f("ix_visa_applications_applicant_id"))

    op.drop_table("visa_applications")
    op.drop_table("visa_revocation_lists")
