"""passport service clock: deadline events, notices, email outbox, contacts, outage keys

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 17:02:12.171840
"""

from __future__ import annotations

import sqlalchemy as sa

from gerbang.infra.schema_scope import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "passport_contacts",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_passport_contacts_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_passport_contacts")),
    )
    op.create_table(
        "passport_outage_keys",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("outage_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outage_id"],
            ["passport_outages.id"],
            name=op.f("fk_passport_outage_keys_outage_id_passport_outages"),
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_passport_outage_keys")),
        sa.UniqueConstraint("outage_id", name=op.f("uq_passport_outage_keys_outage_id")),
    )
    op.create_table(
        "passport_deadline_events",
        sa.Column(
            "seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outage_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["passport_applications.id"],
            name=op.f("fk_passport_deadline_events_application_id_passport_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["outage_id"],
            ["passport_outages.id"],
            name=op.f("fk_passport_deadline_events_outage_id_passport_outages"),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_passport_deadline_events")),
        sa.UniqueConstraint("application_id", "key", name=op.f("uq_passport_deadline_events_application_id")),
    )
    with op.batch_alter_table("passport_deadline_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_passport_deadline_events_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "passport_notices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=True),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.String(length=200), nullable=False),
        sa.Column("body_id", sa.Text(), nullable=False),
        sa.Column("subject_en", sa.String(length=200), nullable=False),
        sa.Column("body_en", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_passport_notices_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["passport_applications.id"],
            name=op.f("fk_passport_notices_application_id_passport_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport_notices")),
        sa.UniqueConstraint("key", name=op.f("uq_passport_notices_key")),
    )
    with op.batch_alter_table("passport_notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_passport_notices_account_id"), ["account_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_passport_notices_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "passport_email_outbox",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("notice_id", sa.Uuid(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["passport_notices.id"],
            name=op.f("fk_passport_email_outbox_notice_id_passport_notices"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport_email_outbox")),
        sa.UniqueConstraint("notice_id", name=op.f("uq_passport_email_outbox_notice_id")),
    )
    with op.batch_alter_table("passport_email_outbox", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_passport_email_outbox_next_attempt_at"), ["next_attempt_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("passport_email_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passport_email_outbox_next_attempt_at"))

    op.drop_table("passport_email_outbox")
    with op.batch_alter_table("passport_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passport_notices_application_id"))
        batch_op.drop_index(batch_op.f("ix_passport_notices_account_id"))

    op.drop_table("passport_notices")
    with op.batch_alter_table("passport_deadline_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passport_deadline_events_application_id"))

    op.drop_table("passport_deadline_events")
    op.drop_table("passport_outage_keys")
    op.drop_table("passport_contacts")
