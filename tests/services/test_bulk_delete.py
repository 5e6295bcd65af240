"""Deleting many records at once, and undoing it, on a real store file.

A delete with its snapshot and the snapshot's restore must give back exactly the rows that were
there (every column of every table, read through a connection of its own), with every change in
the log, so that the store rebuilt from the log alone equals the store after the delete and
after the undo. A refusal half-way (an id that is gone, an undo whose parent has gone since)
writes nothing at all.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.config import STORE_FILENAME
from app.models import InvalidInput, Note, NoteDraft, NoteKind, NotFound
from app.services import capture, demo
from app.services.core import history
from app.services.core.records import delete_many_with_snapshot, delete_with_snapshot
from app.services.planning import agenda, focus_areas, participants, sessions, systems
from app.store.changelog import driver
from app.store.engine import Store
from app.store.replay import TABLES, replay
from app.store.tables import AgendaItemRow, NoteRow

MISSING = "0190aaaa-0000-7000-8000-000000000000"
PEOPLE = ("Ailsa Example", "Ruaridh Test", "Morag Sample")
TAGS = ("ferry", "trust", "digital", "respite")


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every logged table as stored, in key order, read by a connection of its
    own from the store's file."""
    conn = sqlite3.connect(store.path.parent / STORE_FILENAME)
    try:
        return {name: conn.execute(
            f"SELECT * FROM {name} ORDER BY "
            f"{', '.join(c.name for c in table.primary_key.columns)}").fetchall()
            for name, table in TABLES.items()}
    finally:
        conn.close()


def log_entries(store: Store) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(store.path.parent / STORE_FILENAME)
    try:
        return conn.execute(
            "SELECT seq, op_id, entity, entity_id, op, field, value FROM change_log "
            "ORDER BY seq").fetchall()
    finally:
        conn.close()


def assert_replays(store: Store) -> None:
    found = replay(store)
    assert found.ok, (found.problems, [d.sentence() for d in found.differences])


@pytest.fixture
def notes(store, system, session) -> list[Note]:
    """Sixty notes, each with focus areas, free tags, an agenda block and a speaker (a
    participant for two in three, a label otherwise), some starred, at odd times."""
    agenda.append_items(store, session.id, [{"title": "Welcome", "minutes": 20},
                                            {"title": "Breakouts", "minutes": 40}])
    blocks = [b.id for b in agenda.list_agenda(store, session.id)]
    for name in PEOPLE:
        participants.add_to_session(store, session.id, name)
    areas = [a.id for a in focus_areas.list_focus_areas(store, system.id)]
    rng = random.Random(9)
    zone = timezone(timedelta(hours=-5, minutes=-30))
    start = datetime(2026, 12, 8, 10, 0, 0, 123_456, tzinfo=zone)
    saved, _ = capture.add_notes(store, session.id, [NoteDraft(
        text=f"Note {i}: ferry times and clinic hours", kind=rng.choice(list(NoteKind)),
        focus_area_ids=tuple(rng.sample(areas, rng.randint(1, 2))),
        tags=tuple(rng.sample(TAGS, rng.randint(1, 2))),
        speaker=PEOPLE[i % 3] if i % 3 else "Housing officer",
        agenda_item_id=blocks[i % 2], starred=i % 5 == 0,
        created_at=start + timedelta(seconds=i, microseconds=i)) for i in range(60)])
    return saved


def _without(rows: list[tuple[Any, ...]], note_ids: set[str]) -> list[tuple[Any, ...]]:
    return [r for r in rows if r[0] not in note_ids]


def test_deleting_many_linked_notes_and_undoing_gives_back_every_row(store, notes):
    before = dump(store)
    chosen = [n.id for n in random.Random(3).sample(notes, 40)]
    snapshot, changes = capture.delete_notes(store, chosen)

    gone = set(chosen)
    after = dump(store)
    assert after["notes"] == _without(before["notes"], gone)
    assert after["note_tags"] == _without(before["note_tags"], gone)
    assert after["note_focus_areas"] == _without(before["note_focus_areas"], gone)
    assert {k: v for k, v in after.items() if not k.startswith("note")} == {
        k: v for k, v in before.items() if not k.startswith("note")}
    assert changes.deleted["note"] == gone
    assert changes.deleted["note_tag"] == {f"{r[0]}:{r[1]}" for r in before["note_tags"]
                                           if r[0] in gone}
    assert not changes.inserted and not changes.updated
    assert_replays(store)

    history.restore(store, snapshot)
    assert dump(store) == before
    assert capture.notes_by_ids(store, [n.id for n in notes]) == notes
    assert_replays(store)


def test_a_bulk_delete_and_its_undo_are_one_operation_each_one_entry_per_row(store, notes):
    chosen = [n.id for n in notes[:25]]
    before = dump(store)
    links = sum(1 for t in ("note_tags", "note_focus_areas") for r in before[t] if r[0] in chosen)
    seen = len(log_entries(store))
    snapshot, _ = capture.delete_notes(store, chosen)
    deleted = log_entries(store)[seen:]
    assert len({e[1] for e in deleted}) == 1
    assert [e[4] for e in deleted] == ["delete"] * (25 + links)
    # Children are logged before their parents, as they were deleted.
    assert [e[2] for e in deleted][-25:] == ["note"] * 25
    history.restore(store, snapshot)
    restored = log_entries(store)[seen + len(deleted):]
    assert len({e[1] for e in restored}) == 1
    assert sorted((e[2], e[3]) for e in restored) == sorted((e[2], e[3]) for e in deleted)
    assert [e[2] for e in restored][:25] == ["note"] * 25
    assert all(e[4] == "insert" and e[6] for e in restored)


def test_a_note_gone_half_way_through_the_list_deletes_none(store, notes):
    before, entries = dump(store), log_entries(store)
    ids = [n.id for n in notes[:20]] + [MISSING] + [n.id for n in notes[20:40]]
    with pytest.raises(NotFound, match="^A note to delete is no longer there; nothing was "
                                       "changed.$"):
        capture.delete_notes(store, ids)
    assert dump(store) == before and log_entries(store) == entries


def test_an_undo_whose_tag_has_gone_since_puts_back_nothing_until_the_tag_is_back(
        store, system, notes):
    before = dump(store)
    snapshot, _ = capture.delete_notes(store, [n.id for n in notes])
    [trust] = [t for t in focus_areas.list_tags(store, system.id) if t.name == "trust"]
    tag_snapshot, _ = focus_areas.delete_tag(store, trust.id)
    after_both, entries = dump(store), log_entries(store)
    with pytest.raises(NotFound, match="something it belonged to has been deleted since; "
                                       "nothing was changed"):
        history.restore(store, snapshot)
    assert dump(store) == after_both and log_entries(store) == entries
    history.restore(store, tag_snapshot)
    history.restore(store, snapshot)
    assert dump(store) == before
    assert_replays(store)


def test_putting_back_what_is_already_back_is_refused_and_changes_nothing(store, notes):
    snapshot, _ = capture.delete_notes(store, [n.id for n in notes[:10]])
    history.restore(store, snapshot)
    before, entries = dump(store), log_entries(store)
    with pytest.raises(InvalidInput, match="a record added since takes its place"):
        history.restore(store, snapshot)
    assert dump(store) == before and log_entries(store) == entries


def test_deleting_the_whole_sample_system_and_undoing_it_is_exact(store):
    system, _ = demo.load_demo(store)
    before = dump(store)
    snapshot, changes = systems.delete_system(store, system.id)
    assert all(rows == [] for rows in dump(store).values())
    assert changes.deleted["invitation"] and changes.deleted["theme"]
    assert_replays(store)
    history.restore(store, snapshot)
    assert dump(store) == before
    assert_replays(store)


def test_a_session_deleted_clears_the_links_that_outlive_it_and_undo_sets_them_back(store):
    demo.load_demo(store)
    before = dump(store)
    linked = {r[2] for r in before["actions"] if r[2] is not None}  # actions.session_id
    assert linked, "the sample's actions name a session"
    session_id = sorted(linked)[0]
    snapshot, changes = sessions.delete_session(store, session_id)
    assert [r[2] for r in dump(store)["actions"]].count(session_id) == 0
    assert changes.updated["action"]
    assert all(name == "actions" for name, *_ in snapshot.nulled)
    assert_replays(store)
    history.restore(store, snapshot)
    assert dump(store) == before
    assert_replays(store)


def test_a_block_removed_clears_its_notes_links_and_undo_sets_them_back(store, session, notes):
    block = agenda.list_agenda(store, session.id)[0]
    pointing = {n.id for n in notes if n.agenda_item_id == block.id}
    before = dump(store)
    snapshot, changes = agenda.remove_item(store, block.id)
    assert changes.updated["note"] == pointing
    assert {n.id for n in capture.notes_by_ids(store, sorted(pointing))
            if n.agenda_item_id is None} == pointing
    assert_replays(store)
    history.restore(store, snapshot)
    assert dump(store) == before
    assert_replays(store)


def test_the_unit_of_work_sees_what_was_deleted_and_cleared_behind_the_orm(store, session,
                                                                            notes):
    block = agenda.list_agenda(store, session.id)[0]
    note = next(n for n in notes if n.agenda_item_id == block.id)
    with store.unit() as s:
        held_note = s.get(NoteRow, note.id)
        held_block = s.get(AgendaItemRow, block.id)
        assert held_note is not None and held_block is not None
        delete_with_snapshot(s, held_block)
        assert s.get(AgendaItemRow, block.id) is None
        assert held_note.agenda_item_id is None
        held_note.text = "Edited after the block went"  # a later flush logs only this
    assert capture.notes_by_ids(store, [note.id])[0].agenda_item_id is None
    assert_replays(store)


@contextmanager
def _statements(store: Store) -> Iterator[tuple[Any, list[str]]]:
    """A unit of work (rolled back) and the statements its connection runs on the records."""
    ran: list[str] = []

    class Undone(Exception):
        pass

    try:
        with store.unit() as s:
            driver(s).set_trace_callback(ran.append)
            try:
                yield s, ran
            finally:
                driver(s).set_trace_callback(None)
            raise Undone
    except Undone:
        pass


def test_the_statements_do_not_grow_with_the_number_of_notes(store, notes):
    counted = []
    for how_many in (3, 50):
        with _statements(store) as (s, ran):
            delete_many_with_snapshot(s, NoteRow, [n.id for n in notes[:how_many]], "note")
        # Leaving out the log's entries (one executemany per table, traced once per row) and
        # the trace's repeats of a statement for each trigger and foreign key it runs.
        # Also left out: the log reading the deleted notes' field versions and finding its
        # store's clock (sync), as the log's own entries are.
        counted.append(len({sql for sql in ran if "change_log" not in sql
                            and "sync_field_versions" not in sql
                            and sql != "PRAGMA database_list"
                            and not sql.startswith("--")}))
    # Reading the notes and each table of links, and deleting from each.
    assert counted == [6, 6]


def test_lists_longer_than_the_variable_limit_go_in_chunks(store, notes):
    before = dump(store)
    with store.unit() as s:
        limit = driver(s).getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        driver(s).setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 30)
    try:
        snapshot, _ = capture.delete_notes(store, [n.id for n in notes])
        assert dump(store)["notes"] == [] and dump(store)["note_tags"] == []
        history.restore(store, snapshot)
        assert dump(store) == before
    finally:
        with store.unit() as s:
            driver(s).setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
    assert_replays(store)


def test_an_empty_selection_deletes_nothing(store, notes):
    before, entries = dump(store), log_entries(store)
    snapshot, changes = capture.delete_notes(store, [])
    assert snapshot.rows == () and snapshot.nulled == () and not changes.deleted
    assert dump(store) == before and log_entries(store) == entries


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_deletes_undone_in_turn_replay_and_end_where_they_began(store, notes, data):
    before = dump(store)
    ids = [n.id for n in notes]
    plan = data.draw(st.lists(st.sets(st.sampled_from(ids), min_size=1), min_size=1,
                              max_size=3))
    taken: set[str] = set()
    undo: list[Any] = []
    for chosen in plan:
        if fresh := sorted(chosen - taken):
            taken |= chosen
            undo.append(capture.delete_notes(store, fresh)[0])
            assert_replays(store)
    while undo:
        history.restore(store, undo.pop())
    assert dump(store) == before
    assert_replays(store)


def test_times_come_back_in_their_stored_form(store, session):
    at = datetime(2026, 12, 8, 9, 0, 0, 1, tzinfo=UTC)
    note, _ = capture.add_note(store, session.id, "Exactly then", created_at=at)
    snapshot, _ = capture.delete_note(store, note.id)
    history.restore(store, snapshot)
    assert capture.notes_by_ids(store, [note.id])[0].created_at == at
    assert_replays(store)
