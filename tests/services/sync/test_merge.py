"""Merging field by field: edits on several laptops, skewed clocks, deletes, tags, votes."""

from __future__ import annotations

from datetime import datetime
from itertools import permutations

import pytest

from app.services import capture
from app.services.planning import systems
from app.services.planning.sessions import create_session
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
