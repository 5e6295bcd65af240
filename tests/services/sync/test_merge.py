"""Merging field by field: edits on several laptops, skewed clocks, deletes, tags, votes."""

from __future__ import annotations

from datetime import datetime
from itertools import permutations

import pytest

from app.models import NotFound
from app.services import capture
from app.services.demo import load_demo
from app.services.planning import systems
from app.services.planning.focus_areas import list_tags
from app.services.planning.sessions import create_session
from app.services.sensemaking import themes, votes
from app.services.sensemaking.theme_query import get_theme, list_themes
from app.services.sync import conflicts, sync_status
from tests.services.sync.laptops import (
    assert_identical,
    assert_replays,
    clock_offset,
    converge,
    laptop,
    sync,
)

DAY = 24 * 3600


@pytest.fixture
def shared(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


def _one_note(store, shared, text="Buses stop at six"):
    system, _ = systems.create_system(store, "Island learning system")
    session, _ = create_session(store, system.id, "Workshop",
                                datetime(2026, 12, 8, 10, 0).astimezone(), minutes=60)
    note, _ = capture.add_note(store, session.id, text)
    return note


def test_a_note_written_on_one_laptop_arrives_on_another(tmp_path, shared):
    a, b = laptop(tmp_path, "Orkney office"), laptop(tmp_path, "Shetland")
    note = _one_note(a, shared)
    first = sync(a, shared)
    assert first.sent > 0 and first.received == 0
    second = sync(b, shared)
    assert second.received == first.sent
    assert second.changes.ids("note") == {note.id}
    assert capture.get_note(b, note.id).text == "Buses stop at six"
    assert_identical([a, b])
    assert_replays(b)
    assert any("Orkney office" in m for m in second.messages)


@pytest.mark.parametrize("order", list(permutations(range(3))))
def test_three_laptops_edit_one_field_with_skewed_clocks(tmp_path, shared, order):
    offsets = (0, -3 * DAY, 2 * 365 * DAY)  # one right, one 3 days behind, one 2 years ahead
    names = ("Orkney office", "Shetland", "Skye")
    stores = [laptop(tmp_path, n) for n in names]
    note = _one_note(stores[0], shared)
    converge(stores, shared, rounds=1)
    for store, offset, name in zip(stores, offsets, names, strict=True):
        with clock_offset(offset):
            capture.edit_note(store, note.id, text=f"Edited at {name}")
    for n in order:
        with clock_offset(offsets[n]):
            sync(stores[n], shared)
    for _ in range(2):
        for n in order:
            with clock_offset(offsets[n]):
                sync(stores[n], shared)
    assert_identical(stores)
    for store in stores:
        assert_replays(store)
        texts = {c.mine for c in conflicts(store)} | {c.theirs for c in conflicts(store)}
        kept = {capture.get_note(store, note.id).text} | texts
        assert kept >= {f"Edited at {n}" for n in names}
        assert capture.get_note(store, note.id).text == "Edited at Skye"  # the clock ahead
    assert {c.id for c in conflicts(stores[0])} == {c.id for c in conflicts(stores[1])}
    assert len(conflicts(stores[0])) == 2
    warned = [sync_status(s, shared).clock_warning for s in stores[:2]]
    assert any('"Skye"' in w for w in warned)


def _tags(store, note_id):
    tag_ids = set(capture.get_note(store, note_id).tag_ids)
    system_id = systems.list_systems(store)[0].id
    return {t.name for t in list_tags(store, system_id) if t.id in tag_ids}


def _pair(tmp_path, shared):
    a, b = laptop(tmp_path, "Orkney office"), laptop(tmp_path, "Shetland")
    note = _one_note(a, shared)
    converge([a, b], shared, rounds=1)
    return a, b, note


def test_a_delete_meeting_an_edit_keeps_the_record_and_flags_it(tmp_path, shared):
    a, b, note = _pair(tmp_path, shared)
    capture.edit_note(a, note.id, text="Buses stop at six, and the ferry at five")
    capture.delete_note(b, note.id)
    converge([a, b], shared)
    for store in (a, b):
        assert capture.get_note(store, note.id).text.endswith("ferry at five")
        found = conflicts(store)
        assert [(c.kind, c.entity_id) for c in found] == [("deleted", note.id)]
        assert_replays(store)
    assert_identical([a, b])


def test_a_delete_after_seeing_the_edit_deletes(tmp_path, shared):
    a, b, note = _pair(tmp_path, shared)
    capture.edit_note(a, note.id, text="Seen, then deleted")
    converge([a, b], shared, rounds=1)
    capture.delete_note(b, note.id)
    converge([a, b], shared)
    for store in (a, b):
        with pytest.raises(NotFound):
            capture.get_note(store, note.id)
        assert conflicts(store) == []
        assert_replays(store)


def test_deleted_on_both_laptops_is_one_tombstone(tmp_path, shared):
    a, b, note = _pair(tmp_path, shared)
    capture.delete_note(a, note.id)
    capture.delete_note(b, note.id)
    converge([a, b], shared)
    for store in (a, b):
        with pytest.raises(NotFound):
            capture.get_note(store, note.id)
        assert conflicts(store) == []
        assert_replays(store)
    assert_identical([a, b])


def test_tags_added_and_removed_on_two_laptops_merge(tmp_path, shared):
    a, b, note = _pair(tmp_path, shared)
    capture.retag_notes(a, [note.id], add_tags=["ferry", "winter"])
    converge([a, b], shared, rounds=1)
    capture.retag_notes(a, [note.id], add_tags=["transport"], remove_tags=["winter"])
    capture.retag_notes(b, [note.id], add_tags=["island"], remove_tags=["ferry"])
    converge([a, b], shared)
    for store in (a, b):
        assert _tags(store, note.id) == {"transport", "island"}
        assert conflicts(store) == []
        assert_replays(store)
    assert_identical([a, b])


def test_the_same_free_tag_made_on_two_laptops_is_one(tmp_path, shared):
    a, b, note = _pair(tmp_path, shared)
    capture.retag_notes(a, [note.id], add_tags=["ferry"])
    other, _ = capture.add_note(b, note.session_id, "The ferry is cancelled", tags=["ferry"])
    converge([a, b], shared)
    for store in (a, b):
        system_id = systems.list_systems(store)[0].id
        assert [t.name for t in list_tags(store, system_id)] == ["ferry"]
        assert _tags(store, other.id) == _tags(store, note.id) == {"ferry"}
        assert_replays(store)
    assert_identical([a, b])


def test_votes_entered_on_two_laptops_add_up(tmp_path, shared):
    a, b, note = _pair(tmp_path, shared)
    change, _ = themes.create_theme(a, note.session_id, "Transport", [note.id])
    converge([a, b], shared, rounds=1)
    theme_id = list_themes(a, note.session_id)[0].id
    votes.add_votes(a, theme_id, 3)
    votes.add_votes(b, theme_id, 4)
    converge([a, b], shared)
    assert get_theme(a, theme_id).votes == get_theme(b, theme_id).votes == 7
    assert_identical([a, b])


def test_the_sample_loaded_on_two_laptops_is_held_once(tmp_path, shared):
    a, b = laptop(tmp_path, "Orkney office"), laptop(tmp_path, "Shetland")
    load_demo(a)
    with clock_offset(-2 * DAY):  # loaded on another day: its dates differ
        load_demo(b)
    converge([a, b], shared)
    for store in (a, b):
        assert len(systems.list_systems(store)) == 1
        assert conflicts(store) == []
        assert_replays(store)
    assert_identical([a, b])
