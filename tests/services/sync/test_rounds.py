"""Sync rounds: applying twice, a copied data folder, the guard against mass deletes, a
shared folder that is missing."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from app.config import STORE_FILENAME
from app.models import NoteDraft
from app.models.errors import SharedFolderUnavailable
from app.services import capture
from app.services.sync import conflicts, run_round, sync_log
from app.services.sync.changefiles import decode_change_file
from app.services.sync.merge import merge_files
from app.store.engine import open_store
from app.store.sync_store import Received
from tests.services.sync.laptops import (
    assert_identical,
    assert_replays,
    converge,
    laptop,
    records,
    sync,
)
from tests.services.sync.test_merge import _one_note


@pytest.fixture
def shared(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


def _log_size(store):
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    finally:
        conn.close()


def test_applying_the_same_file_twice_changes_nothing(tmp_path, shared):
    a, b = laptop(tmp_path, "Orkney office"), laptop(tmp_path, "Shetland")
    _one_note(a, shared)
    capture.add_note(a, capture.list_notes(a, _session_of(a))[0].session_id, "Second")
    sync(a, shared)
    paths = sorted((shared / "Cairn sync" / "devices" / a.device_id).iterdir())
    files = []
    for path in paths:
        f = decode_change_file(path.read_bytes(), path.name)
        files.append(Received(f.device_id, f.device_name, f.seq, f.sha256, f.entries))
    first = merge_files(b, files)
    before, size = records(b), _log_size(b)
    again = merge_files(b, files)
    assert first.applied > 0 and again.applied == 0 and again.already == first.applied
    assert records(b) == before and _log_size(b) == size
    assert sync(b, shared).received == 0
    assert_identical([a, b])


def _session_of(store):
    from app.services.planning.sessions import list_sessions

    return list_sessions(store)[0].id


def test_a_copied_data_folder_gets_its_own_id_and_nothing_is_lost(tmp_path, shared):
    a = laptop(tmp_path, "Orkney office")
    note = _one_note(a, shared)
    sync(a, shared)
    a.close()
    shutil.copytree(tmp_path / "Orkney office", tmp_path / "Copy")
    a = laptop(tmp_path, "Orkney office")
    c = open_store(tmp_path / "Copy", author="Someone else")
    assert c.device_id == a.device_id
    capture.edit_note(a, note.id, starred=True)
    from_a, _ = capture.add_note(a, note.session_id, "Written on the original")
    from_c, _ = capture.add_note(c, note.session_id, "Written on the copy")
    sync(a, shared)
    told = sync(c, shared)
    assert any("copy of another laptop" in m for m in told.messages)
    assert c.device_id != a.device_id
    converge([a, c], shared)
    for store in (a, c):
        assert capture.get_note(store, from_a.id).text == "Written on the original"
        assert capture.get_note(store, from_c.id).text == "Written on the copy"
        assert capture.get_note(store, note.id).starred
        assert_replays(store)
    assert_identical([a, c])
    assert any(e.kind == "device" for e in sync_log(c))


def test_a_round_deleting_a_quarter_of_the_notes_stops_and_asks(tmp_path, shared):
    a, b = laptop(tmp_path, "Orkney office"), laptop(tmp_path, "Shetland")
    note = _one_note(a, shared)
    added, _ = capture.add_notes(a, note.session_id, [
        NoteDraft(f"Note {n}") for n in range(40)])
    converge([a, b], shared, rounds=1)
    capture.delete_notes(a, [n.id for n in added[:30]])
    sync(a, shared)
    asked = run_round(b, shared)
    assert "would delete 30 notes of the 41 here" in asked.needs_confirmation
    assert asked.received == 0
    assert len(capture.list_notes(b, note.session_id)) == 41
    done = run_round(b, shared, allow_mass_delete=True)
    assert not done.needs_confirmation and done.received > 0
    assert len(capture.list_notes(b, note.session_id)) == 11
    assert_identical([a, b])
    assert conflicts(b) == []


def test_a_missing_shared_folder_changes_nothing_and_is_never_created(tmp_path, shared):
    a = laptop(tmp_path, "Orkney office")
    _one_note(a, shared)
    sync(a, shared)
    shutil.rmtree(shared / "Cairn sync")
    before = records(a)
    with pytest.raises(SharedFolderUnavailable):
        run_round(a, shared)
    assert not (shared / "Cairn sync").exists()
    with pytest.raises(SharedFolderUnavailable):
        run_round(a, tmp_path / "unplugged")
    assert not (tmp_path / "unplugged").exists()
    assert records(a) == before
    assert (tmp_path / "Orkney office" / STORE_FILENAME).exists()
