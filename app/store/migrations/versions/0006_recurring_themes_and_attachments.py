"""recurring themes across sessions, and a file attached to evidence

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 09:00:00.000000

- `recurring_themes`: a theme of a learning system seen again in several sessions; the session
  themes that are it point to it by `themes.recurring_id` (deleting it unlinks them).
- `evidence.file_name` and `evidence.file_sha256`: a file attached to a piece of evidence,
  kept in the store's attachments folder under its SHA-256 ("" when none).
- The change log is rewritten so that replaying it still rebuilds the store: theme inserts
  gain `recurring_id` (null), evidence inserts `file_name` and `file_sha256` ("").

What follows is frozen as of this revision: later changes to the application's tables must
not change what this migration does.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_NEW_FIELDS: dict[str, dict[str, object]] = {"theme": {"recurring_id": None},
                                             "evidence": {"file_name": "", "file_sha256": ""}}


def _canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def upgrade() -> None:
    op.create_table(
        "recurring_themes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("system_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["system_id"], ["learning_systems.id"],
                                name=op.f("fk_recurring_themes_system_id_learning_systems"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recurring_themes")),
    )
    op.create_index(op.f("ix_recurring_themes_system_id"), "recurring_themes", ["system_id"])
    with op.batch_alter_table("themes", recreate="always") as batch:
        batch.add_column(sa.Column("recurring_id", sa.String(length=36), nullable=True))
        batch.create_foreign_key(op.f("fk_themes_recurring_id_recurring_themes"),
                                 "recurring_themes", ["recurring_id"], ["id"],
                                 ondelete="SET NULL")
        batch.create_index(op.f("ix_themes_recurring_id"), ["recurring_id"])
    with op.batch_alter_table("evidence") as batch:
        batch.add_column(sa.Column("file_name", sa.String(length=255), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("file_sha256", sa.String(length=64), nullable=False,
                                   server_default=""))
    with op.batch_alter_table("evidence", recreate="always") as batch:
        # The defaults filled the existing rows; the tables declare none (as every column).
        batch.alter_column("file_name", server_default=None)
        batch.alter_column("file_sha256", server_default=None)
    _rewrite_log(op.get_bind(), add=True)


def downgrade() -> None:
    conn = op.get_bind()
    _rewrite_log(conn, add=False)
    conn.execute(sa.text("DELETE FROM change_log WHERE entity = 'recurring_theme'"))
    conn.execute(sa.text("DELETE FROM change_log WHERE field IN "
                         "('recurring_id', 'file_name', 'file_sha256')"))
    with op.batch_alter_table("evidence") as batch:
        batch.drop_column("file_sha256")
        batch.drop_column("file_name")
    with op.batch_alter_table("themes", recreate="always") as batch:
        batch.drop_index(op.f("ix_themes_recurring_id"))
        batch.drop_constraint(op.f("fk_themes_recurring_id_recurring_themes"),
                              type_="foreignkey")
        batch.drop_column("recurring_id")
    op.drop_index(op.f("ix_recurring_themes_system_id"), table_name="recurring_themes")
    op.drop_table("recurring_themes")


def _rewrite_log(conn: sa.Connection, *, add: bool) -> None:
    """Insert entries of themes and evidence with (or, going down, without) the new fields."""
    for entity, fields in _NEW_FIELDS.items():
        changed = []
        for seq, value in conn.execute(sa.text(
                "SELECT seq, value FROM change_log WHERE entity = :e AND op = 'insert'"),
                {"e": entity}):
            record = json.loads(value)
            if add:
                record = {**fields, **record}
            else:
                record = {k: v for k, v in record.items() if k not in fields}
            changed.append({"seq": seq, "value": _canonical_json(record)})
        if changed:
            conn.execute(sa.text("UPDATE change_log SET value = :value WHERE seq = :seq"),
                         changed)
