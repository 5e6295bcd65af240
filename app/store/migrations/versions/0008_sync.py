"""sync: a hybrid logical clock and a base on every change, and sync's own tables

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 09:00:00.000000

- `change_log.hlc`: the change's hybrid logical clock, `<UTC ms>Z-<counter:04x>-<device>`,
  sortable as text; existing changes get one from their `at` (counter 0).
- `change_log.base`: the change an update overwrote, as this laptop knew it (null for an
  insert, or a field not updated since its insert); `applied`: 0 for a received change that
  lost to a newer one, which replaying the log skips.
- `conflict_resolutions` (logged): a person's answer to a conflict, synced to the others.
- Local to this laptop: `sync_peers`, `sync_written`, `sync_field_versions`,
  `sync_conflicts`, `sync_log`, `sync_set_aside`.

What follows is frozen as of this revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("change_log") as batch:
        batch.add_column(sa.Column("hlc", sa.String(length=80), nullable=False,
                                   server_default=sa.text("''")))
        batch.add_column(sa.Column("base", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("applied", sa.Boolean(), nullable=False,
                                   server_default=sa.text("1")))
    op.execute("UPDATE change_log SET hlc = substr(at, 1, 23) || 'Z-0000-' || device_id")
    op.create_index("ix_change_log_base", "change_log", ["base"],
                    sqlite_where=sa.text("base IS NOT NULL"))
    op.create_index("ix_change_log_deleted", "change_log", ["entity_id"],
                    sqlite_where=sa.text("op = 'delete'"))
    op.create_table(
        "conflict_resolutions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=80), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=True),
        sa.Column("choice", sa.String(length=10), nullable=False),
        sa.Column("resolved_at", sa.String(length=32), nullable=False),
        sa.Column("resolved_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict_resolutions")),
    )
    op.create_table(
        "sync_peers",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_sync_peers")),
    )
    op.create_table(
        "sync_written",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("last_change", sa.Integer(), nullable=False),
        sa.Column("entries_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_written")),
    )
    op.create_table(
        "sync_field_versions",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=80), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", "field",
                                name=op.f("pk_sync_field_versions")),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=80), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("loser", sa.String(length=36), nullable=False),
        sa.Column("detected_at", sa.String(length=32), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("resolution", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    op.create_table(
        "sync_log",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_log")),
    )
    op.create_table(
        "sync_set_aside",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sync_set_aside")),
    )


def downgrade() -> None:
    for table in ("sync_set_aside", "sync_log", "sync_conflicts", "sync_field_versions",
                  "sync_written", "sync_peers", "conflict_resolutions"):
        op.drop_table(table)
    op.execute("DELETE FROM change_log WHERE applied = 0 OR entity = 'conflict_resolution'")
    op.drop_index("ix_change_log_deleted", table_name="change_log")
    op.drop_index("ix_change_log_base", table_name="change_log")
    with op.batch_alter_table("change_log") as batch:
        batch.drop_column("applied")
        batch.drop_column("base")
        batch.drop_column("hlc")
