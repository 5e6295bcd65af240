"""Revision 0003: a note's empty links cost no index write, and readers still use the indexes."""

from __future__ import annotations

import sqlite3

import pytest

from app.services import capture
from app.services.planning import agenda, participants

LINKS = ("agenda_item_id", "speaker_participant_id", "theme_id")


def _plan(conn: sqlite3.Connection, sql: str, *params: object) -> str:
    return " | ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def _entries(conn: sqlite3.Connection, index: str) -> int:
    try:
        return conn.execute("SELECT coalesce(sum(ncell), 0) FROM dbstat WHERE name = ? "
                            "AND pagetype = 'leaf'", (index,)).fetchone()[0]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table")


def test_notes_without_links_are_not_in_the_link_indexes(store, session):
    for k in range(5):
        capture.add_note(store, session.id, f"Ferry timetable changes, point {k}")
    item, _ = agenda.add_item(store, session.id, "Opening round")
    capture.add_note(store, session.id, "Linked to the opening", agenda_item_id=item.id)
    conn = store.raw()
    assert _entries(conn, "ix_notes_agenda_item_id") == 1
    assert _entries(conn, "ix_notes_theme_id") == 0
    assert _entries(conn, "ix_notes_speaker_participant_id") == 0
    assert _entries(conn, "ix_notes_session_created") == 6
    conn.close()


@pytest.mark.parametrize("column", LINKS)
def test_readers_of_a_link_still_use_its_index(store, column):
    conn = store.raw()
    index = f"ix_notes_{column}"
    assert index in _plan(conn, f"SELECT id FROM notes WHERE {column} = ?", "x")
    assert index in _plan(conn, f"SELECT id FROM notes WHERE {column} IN (?, ?)", "x", "y")
    conn.close()


def test_the_change_log_keeps_only_the_indexes_it_is_read_by(store):
    conn = store.raw()
    names = {row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'change_log'")}
    conn.close()
    assert "ix_change_log_entity_id" not in names
    assert any(name.startswith("sqlite_autoindex_change_log") for name in names)  # unique id


def test_removing_a_linked_record_still_empties_the_link(store, system, session):
    item, _ = agenda.add_item(store, session.id, "Small groups")
    person, _ = participants.add_participant(store, system.id, "Morven Tait")
    note, _ = capture.add_note(store, session.id, "Carers need respite cover",
                               agenda_item_id=item.id, speaker=person.id)
    assert (note.agenda_item_id, note.speaker_participant_id) == (item.id, person.id)
    agenda.remove_item(store, item.id)
    participants.delete_participant(store, person.id)
    again = capture.notes_by_ids(store, [note.id])[0]
    assert again.agenda_item_id is None and again.speaker_participant_id is None
    conn = store.raw()
    assert _entries(conn, "ix_notes_agenda_item_id") == 0
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
