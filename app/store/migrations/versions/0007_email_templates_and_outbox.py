"""email templates per learning system, and the local outbox

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 09:00:00.000000

- `email_templates` (logged, synced): the subject and body of the email that carries a summary
  pack, one per learning system, keyed by the system's id.
- `outbox` (local-only: never logged, never synced, so two laptops never send the same
  message): each email queued to a participant, whole, with its Message-ID, status, tries and
  the server's last answer.

Neither table existed before, so the change log needs no rewriting. What follows is frozen as
of this revision: later changes to the application's tables must not change what it does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "email_templates",
        sa.Column("system_id", sa.String(length=36), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["system_id"], ["learning_systems.id"],
                                name=op.f("fk_email_templates_system_id_learning_systems"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("system_id", name=op.f("pk_email_templates")),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("session_title", sa.String(length=200), nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("eml", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("queued_at", sa.String(length=32), nullable=False),
        sa.Column("attempt_started", sa.String(length=32), nullable=True),
        sa.Column("sent_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("message_id", name=op.f("uq_outbox_message_id")),
    )
    op.create_index(op.f("ix_outbox_session_id"), "outbox", ["session_id"])
    op.create_index("ix_outbox_status_next_try", "outbox", ["status", "next_try"])


def downgrade() -> None:
    op.drop_index("ix_outbox_status_next_try", table_name="outbox")
    op.drop_index(op.f("ix_outbox_session_id"), table_name="outbox")
    op.drop_table("outbox")
    op.execute("DELETE FROM change_log WHERE entity = 'email_template'")
    op.drop_table("email_templates")
