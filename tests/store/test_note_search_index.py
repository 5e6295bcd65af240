"""Revision 0002: the FTS5 note index, its triggers, and stores upgraded from 0001."""

from __future__ import annotations

import sqlite3

from alembic import command

from app.config import STORE_FILENAME
from app.services import capture
from app.store import migrate
from app.store.engine import open_store

SYSTEM = "0190aaaa-0000-7000-8000-000000000001"
SESSION = "0190aaaa-0000-7000-8000-000000000002"
OLD_NOTES = {
    "0190aaaa-0000-7000-8000-000000000010": "Befriending calls kept people connected",
    "0190aaaa-0000-7000-8000-000000000011": "Árainn's ferry timetable cut the clinic days",
}


def _store_at_0001_with_notes(path) -> None:
    command.upgrade(migrate.alembic_config(f"sqlite:///{path}"), "0001")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO learning_systems VALUES (?, 'Old system', '', '', "
                 "'2025-01-01T00:00:00.000000+00:00')", (SYSTEM,))
    conn.execute("INSERT INTO sessions (id, system_id, title, kind, starts, minutes, format, "
                 "platform, join_link, location, purpose, facilitators, status) VALUES "
                 "(?, ?, 'Old workshop', 'sensemaking-workshop', "
                 "'2025-01-02T10:00:00.000000+00:00', 90, 'online', '', '', '', '', '', 'done')",
                 (SESSION, SYSTEM))
    for note_id, text in OLD_NOTES.items():
        conn.execute("INSERT INTO notes (id, session_id, text, kind, captured_by, "
                     "speaker_label, starred, created_at) VALUES (?, ?, ?, 'insight', '', '', 0, "
                     "'2025-01-02T10:05:00.000000+00:00')", (note_id, SESSION, text))
    conn.commit()
    conn.close()


def _objects(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE name LIKE 'note_search%'")}
    finally:
        conn.close()


def test_notes_of_a_store_at_0001_are_searchable_after_the_upgrade(data_dir):
    path = data_dir / STORE_FILENAME
    _store_at_0001_with_notes(path)
    store = open_store(data_dir)
    try:
        assert migrate.current_revision(path) == migrate.head_revision()
        assert [h.note_id for h in capture.search_notes(store, SESSION, "befriend")] == [
            "0190aaaa-0000-7000-8000-000000000010"]
        assert [h.note_id for h in capture.search_notes(store, None, "arainn ferr")] == [
            "0190aaaa-0000-7000-8000-000000000011"]
        # New notes join the backfilled ones in the same index.
        added, _ = capture.add_note(store, SESSION, "Ferry staff knew everyone")
        assert {h.note_id for h in capture.search_notes(store, SESSION, "ferry")} == {
            added.id, "0190aaaa-0000-7000-8000-000000000011"}
    finally:
        store.close()


def test_downgrade_removes_the_index_and_keeps_the_notes(data_dir):
    path = data_dir / STORE_FILENAME
    _store_at_0001_with_notes(path)
    config = migrate.alembic_config(f"sqlite:///{path}")
    command.upgrade(config, "0002")
    assert {"note_search", "note_search_after_insert", "note_search_after_update",
            "note_search_after_delete"} <= _objects(path)
    command.downgrade(config, "0001")
    assert _objects(path) == set()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == len(OLD_NOTES)
    conn.close()
    command.upgrade(config, "head")
    store = open_store(data_dir)
    try:
        assert len(capture.search_notes(store, SESSION, "ferry")) == 1
    finally:
        store.close()


def test_a_rolled_back_note_leaves_no_trace_in_the_index(store, session):
    capture.add_note(store, session.id, "Kept note about ferries")
    try:
        with store.unit() as s:
            s.connection().exec_driver_sql(
                "INSERT INTO notes (id, session_id, text, kind, captured_by, speaker_label, "
                "starred, created_at) VALUES ('0190aaaa-0000-7000-8000-0000000000ff', ?, "
                "'Rolled back ferries', 'insight', '', '', 0, "
                "'2026-12-08T10:00:00.000000+00:00')", (session.id,))
            raise RuntimeError("power cut")
    except RuntimeError:
        pass
    assert [h.snippet for h in capture.search_notes(store, session.id, "ferries")] == [
        "Kept note about \x02ferries\x03"]
    conn = store.raw()
    conn.execute("INSERT INTO note_search(note_search, rank) VALUES ('integrity-check', 1)")
    conn.close()


def test_downgrading_to_before_the_first_revision_leaves_an_empty_file(data_dir):
    store = open_store(data_dir)
    store.close()
    path = data_dir / STORE_FILENAME
    config = migrate.alembic_config(f"sqlite:///{path}")
    command.downgrade(config, "base")
    conn = sqlite3.connect(path)
    left = {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
    conn.close()
    assert left == {"alembic_version"}
