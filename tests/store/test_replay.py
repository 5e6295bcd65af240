"""Replay: a store rebuilt from its change log alone equals the store; writes that bypass the
log, and values stored in another form, are found and named."""

from __future__ import annotations

import sqlite3
from datetime import UTC

from app.services import capture, demo
from app.services.core import history
from app.services.planning import agenda, focus_areas, participants, templates
from app.store import migrate
from app.store.replay import TABLES, empty_store, replay


def _sql(store, sql: str, *params: object) -> None:
    conn = store.raw()
    try:
        conn.execute(sql, params)
    finally:
        conn.close()


def test_the_sample_rebuilt_from_its_log_equals_the_store(store):
    demo.load_demo(store)
    found = replay(store)
    assert found.ok, (found.problems, [d.sentence() for d in found.differences])
    assert found.operations == 1 and found.entries == found.records > 500


def test_edits_deletes_moves_and_undo_replay_exactly(store, system, session):
    areas = focus_areas.list_focus_areas(store, system.id)
    first, _ = agenda.add_item(store, session.id, "Welcome", 10, focus_area_ids=[areas[0].id])
    second, _ = agenda.add_item(store, session.id, "Breakouts", 40, index=0)
    agenda.move_item(store, first.id, 0)
    person, _ = participants.add_to_session(store, session.id, "Iona Madeup",
                                            email="iona@example.org")
    note, _ = capture.add_note(store, session.id, "Ferry times", tags=["ferry"],
                               agenda_item_id=second.id, speaker=person.participant.id)
    capture.edit_note(store, note.id, text="Ferry times again", starred=True)
    snap, _ = agenda.remove_item(store, second.id)  # the note's block link is cleared
    history.restore(store, snap)
    focus_areas.reorder_focus_areas(store, system.id, [a.id for a in reversed(areas)])
    snap, _ = participants.delete_participant(store, person.participant.id)
    templates.save_as_template(store, session.id, "Our usual workshop")
    focus_snap, _ = focus_areas.delete_focus_area(store, areas[0].id)
    history.restore(store, focus_snap)
    found = replay(store)
    assert found.ok, (found.problems, [d.sentence() for d in found.differences])
    assert found.records > 10


def test_a_write_that_bypasses_the_log_is_named(store, session):
    note, _ = capture.add_note(store, session.id, "As said")
    _sql(store, "UPDATE notes SET text = 'As changed behind the log' WHERE id = ?", note.id)
    found = replay(store)
    assert not found.ok and found.difference_count == 1
    assert found.differences[0].sentence() == (
        f"note {note.id}: field text is 'As changed behind the log' in the store and "
        "'As said' from the log.")


def test_records_on_one_side_only_are_named(store, system, session):
    item, _ = agenda.add_item(store, session.id, "Welcome", 10)
    _sql(store, "DELETE FROM agenda_items WHERE id = ?", item.id)
    _sql(store, "INSERT INTO free_tags (id, system_id, name) VALUES "
                "('0190aaaa-0000-7000-8000-0000000000f1', ?, 'unlogged')", system.id)
    sentences = [d.sentence() for d in replay(store).differences]
    assert f"agenda_item {item.id} is in the log but not in the store." in sentences
    assert ("free_tag 0190aaaa-0000-7000-8000-0000000000f1 is in the store but not in the log."
            in sentences)


def test_a_time_stored_in_another_form_is_a_difference(store, session):
    text = session.starts.astimezone(UTC).isoformat(timespec="microseconds")  # "+00:00" form
    _sql(store, "UPDATE sessions SET starts = ? WHERE id = ?", text, session.id)
    found = replay(store)
    assert [d.field for d in found.differences] == ["starts"]


def test_an_entry_that_does_not_apply_is_a_problem(store, session):
    note, _ = capture.add_note(store, session.id, "Kept")
    capture.edit_note(store, note.id, text="Kept, edited")
    _sql(store, "UPDATE change_log SET entity_id = '0190aaaa-0000-7000-8000-00000000dead' "
                "WHERE op = 'update' AND entity = 'note'")
    found = replay(store)
    assert [p.split(") ", 1)[1] for p in found.problems] == ["finds no such record."]
    assert "(update of note 0190aaaa-0000-7000-8000-00000000dead)" in found.problems[0]
    assert [d.field for d in found.differences] == ["text"]


def test_an_insert_whose_record_is_not_its_entity_is_a_problem(store, session):
    capture.add_note(store, session.id, "Kept")
    _sql(store, "UPDATE change_log SET entity_id = 'someone-else' WHERE entity = 'note'")
    assert any("another record" in p for p in replay(store).problems)


def test_broken_links_after_replay_are_problems(store, system, session):
    item, _ = agenda.add_item(store, session.id, "Welcome", 10)
    note, _ = capture.add_note(store, session.id, "Linked", agenda_item_id=item.id)
    # The note's link is cleared behind the log's back, so removing the block logs no
    # change to the note: replayed, the note still points at the removed block.
    _sql(store, "UPDATE notes SET agenda_item_id = NULL WHERE id = ?", note.id)
    agenda.remove_item(store, item.id)
    found = replay(store)
    assert [p for p in found.problems if p.startswith("After replay, notes row")]
    assert [d.field for d in found.differences] == ["agenda_item_id"]


def test_the_empty_store_is_at_the_current_schema_and_empty(tmp_path):
    made = empty_store(tmp_path / "copy")
    assert migrate.current_revision(made) == migrate.head_revision()
    conn = sqlite3.connect(made)
    counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES]
    conn.close()
    assert counts and not any(counts)
