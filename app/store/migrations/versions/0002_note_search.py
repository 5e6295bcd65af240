"""full-text search over notes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 10:12:04.000000

An FTS5 index, `note_search`, over `notes.text`, as an *external content* table
(`content='notes', content_rowid='rowid'`): the words are indexed but the text itself is read
back from `notes`, so no note is stored twice and `highlight()`/`snippet()` work on the text as
saved. The index is keyed by the notes table's implicit rowid, and a match joins back to its
note by that integer (a primary-key lookup), which keeps search cheap over 100,000 notes.

Triggers keep the index in step with `notes` inside the very transaction that writes the note,
so a note is searchable exactly when it is committed, whoever wrote it (capture, sync, undo).
They feed the FTS5 'delete' command the *old* text, which is what an external content index
needs to take the words out again.

Two duties follow from keying by rowid, for whoever changes this schema later:
- A migration that rebuilds `notes` (Alembic's batch mode copies the rows into a new table)
  drops these triggers with the old table and may renumber rowids: it must recreate the
  triggers and then run `INSERT INTO note_search(note_search) VALUES('rebuild')`.
- SQLite keeps rowids across VACUUM in practice but does not promise it for tables without an
  INTEGER PRIMARY KEY; run 'rebuild' after a VACUUM too. `integrity-check` with rank 1 (see
  the tests) tells whether the index still matches the notes.

The tokenizer folds case and strips diacritics (`remove_diacritics 2`), so "cafe" finds "Café"
and "Eilean Siar" finds "Eilean Siàr".
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CREATE_INDEX = """
CREATE VIRTUAL TABLE note_search USING fts5(
    text,
    content='notes',
    content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
)
"""

TRIGGERS = (
    """
    CREATE TRIGGER note_search_after_insert AFTER INSERT ON notes BEGIN
        INSERT INTO note_search(rowid, text) VALUES (new.rowid, new.text);
    END
    """,
    """
    CREATE TRIGGER note_search_after_delete AFTER DELETE ON notes BEGIN
        INSERT INTO note_search(note_search, rowid, text) VALUES ('delete', old.rowid, old.text);
    END
    """,
    """
    CREATE TRIGGER note_search_after_update AFTER UPDATE OF text ON notes BEGIN
        INSERT INTO note_search(note_search, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO note_search(rowid, text) VALUES (new.rowid, new.text);
    END
    """,
)


def upgrade() -> None:
    op.execute(CREATE_INDEX)
    for trigger in TRIGGERS:
        op.execute(trigger)
    # Index the notes written before this revision.
    op.execute("INSERT INTO note_search(note_search) VALUES ('rebuild')")


def downgrade() -> None:
    for name in ("note_search_after_update", "note_search_after_delete",
                 "note_search_after_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS note_search")
