"""passport offices, quotas, applications and history, bookings, draws, billing, ledger, outages

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 16:41:05.979453
"""

from __future__ import annotations

import sqlalchemy as sa

from gerbang.infra.schema_scope import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "passport_offices",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("timezone", sa.String(length=40), nullable=False),
        sa.Column("electronic", sa.Boolean(), nullable=False),
        sa.Column("quota_regular", sa.Integer(), nullable=False),
        sa.Column("quota_same_day", sa.Integer(), nullable=False),
        sa.Column("quota_priority", sa.Integer(), nullable=False),
        sa.Column("first_hour", sa.Integer(), nullable=False),
        sa.Column("last_hour", sa.Integer(), nullable=False),
        sa.Column("release_days_ahead", sa.Integer(), nullable=False),
        sa.Column("release_time", sa.String(length=5), nullable=False),
        sa.Column("release_window_minutes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_passport_offices")),
    )
    op.create_table(
        "passport_outages",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("declared_by", sa.String(length=200), nullable=False),
        sa.Column("declared_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport_outages")),
    )
    op.create_table(
        "passport_applications",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=6), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("validity_years", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=12), nullable=False),
        sa.Column("fee_idr", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("fee_source", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_passport_applications_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport_applications")),
    )
    with op.batch_alter_table("passport_applications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_passport_applications_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_passport_applications_nik"), ["nik"], unique=False)

    op.create_table(
        "passport_quotas",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_code", sa.String(length=12), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("service", sa.String(length=12), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("booked", sa.Integer(), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("draw_closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("drawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["office_code"],
            ["passport_offices.code"],
            name=op.f("fk_passport_quotas_office_code_passport_offices"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport_quotas")),
        sa.UniqueConstraint("office_code", "day", "service", name=op.f("uq_passport_quotas_office_code")),
    )
    op.create_table(
        "passport_billings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=15), nullable=False),
        sa.Column("amount_idr", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["passport_applications.id"],
            name=op.f("fk_passport_billings_application_id_passport_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport_billings")),
        sa.UniqueConstraint("code", name=op.f("uq_passport_billings_code")),
    )
    with op.batch_alter_table("passport_billings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_passport_billings_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "passport_bookings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("quota_id", sa.Uuid(), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("active_nik", sa.String(length=16), nullable=True),
        sa.Column("rescheduled_from", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_passport_bookings_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["passport_applications.id"],
            name=op.f("fk_passport_bookings_application_id_passport_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["quota_id"], ["passport_quotas.id"], name=op.f("fk_passport_bookings_quota_id_passport_quotas")
        ),
        sa.ForeignKeyConstraint(
            ["rescheduled_from"],
            ["passport_bookings.id"],
            name=op.f("fk_passport_bookings_rescheduled_from_passport_bookings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport_bookings")),
        sa.UniqueConstraint("active_nik", name=op.f("uq_passport_bookings_active_nik")),
        sa.UniqueConstraint("rescheduled_from", name=op.f("uq_passport_bookings_rescheduled_from")),
    )
    with op.batch_alter_table("passport_bookings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_passport_bookings_account_id"), ["account_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_passport_bookings_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_passport_bookings_quota_id"), ["quota_id"], unique=False)

    op.create_table(
        "passport_history",
        sa.Column(
            "seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["passport_applications.id"],
            name=op.f("fk_passport_history_application_id_passport_applications"),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_passport_history")),
    )
    with op.batch_alter_table("passport_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_passport_history_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "passport_interviews",
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("photo_sha256", sa.String(length=64), nullable=False),
        sa.Column("fingerprints_sha256", sa.String(length=64), nullable=False),
        sa.Column("officer", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["passport_applications.id"],
            name=op.f("fk_passport_interviews_application_id_passport_applications"),
        ),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_passport_interviews")),
    )
    op.create_table(
        "payment_ledger",
        sa.Column(
            "seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("application_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("amount_idr", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("billing_code", sa.String(length=15), nullable=True),
        sa.Column("bank_transaction_id", sa.String(length=64), nullable=True),
        sa.Column("flag", sa.String(length=30), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["passport_applications.id"],
            name=op.f("fk_payment_ledger_application_id_passport_applications"),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_payment_ledger")),
        sa.UniqueConstraint("bank_transaction_id", name=op.f("uq_payment_ledger_bank_transaction_id")),
    )
    with op.batch_alter_table("payment_ledger", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payment_ledger_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_payment_ledger_billing_code"), ["billing_code"], unique=False)

    op.create_table(
        "passport_draw_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("quota_id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=True),
        sa.Column("outcome_reason", sa.String(length=200), nullable=True),
        sa.Column("booking_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_passport_draw_entries_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["passport_applications.id"],
            name=op.f("fk_passport_draw_entries_application_id_passport_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["passport_bookings.id"],
            name=op.f("fk_passport_draw_entries_booking_id_passport_bookings"),
        ),
        sa.ForeignKeyConstraint(
            ["quota_id"],
            ["passport_quotas.id"],
            name=op.f("fk_passport_draw_entries_quota_id_passport_quotas"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport_draw_entries")),
        sa.UniqueConstraint("quota_id", "application_id", name=op.f("uq_passport_draw_entries_quota_id")),
    )
    with op.batch_alter_table("passport_draw_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_passport_draw_entries_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_passport_draw_entries_quota_id"), ["quota_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("passport_draw_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passport_draw_entries_quota_id"))
        batch_op.drop_index(batch_op.f("ix_passport_draw_entries_application_id"))

    op.drop_table("passport_draw_entries")
    with op.batch_alter_table("payment_ledger", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_ledger_billing_code"))
        batch_op.drop_index(batch_op.f("ix_payment_ledger_application_id"))

    op.drop_table("payment_ledger")
    op.drop_table("passport_interviews")
    with op.batch_alter_table("passport_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passport_history_application_id"))

    op.drop_table("passport_history")
    with op.batch_alter_table("passport_bookings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passport_bookings_quota_id"))
        batch_op.drop_index(batch_op.f("ix_passport_bookings_application_id"))
        batch_op.drop_index(batch_op.f("ix_passport_bookings_account_id"))

    op.drop_table("passport_bookings")
    with op.batch_alter_table("passport_billings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passport_billings_application_id"))

    op.drop_table("passport_billings")
    op.drop_table("passport_quotas")
    with op.batch_alter_table("passport_applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passport_applications_nik"))
        batch_op.drop_index(batch_op.f("ix_passport_applications_account_id"))

    op.drop_table("passport_applications")
    op.drop_table("passport_outages")
    op.drop_table("passport_offices")
