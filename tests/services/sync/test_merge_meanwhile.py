"""Writes made while a round merges: what the round remembered between its operations (which
records are here, which were deleted) must not outlive someone else's write."""

from __future__ import annotations

from datetime import datetime

from app.models import NotFound
from app.services import capture
from app.services.planning import systems
from app.services.planning.sessions import create_session
from app.services.sync import conflicts
from app.store.engine import open_store
from tests.services.sync.laptops import assert_replays, laptop, sync


def test_a_note_deleted_here_while_its_edit_is_being_merged_comes_back_flagged(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    a, b = laptop(tmp_path, "Orkney office"), laptop(tmp_path, "Shetland")
    system, _ = systems.create_system(a, "Island learning system")
    session, _ = create_session(a, system.id, "Workshop",
                                datetime(2026, 12, 8, 10, 0).astimezone(), minutes=60)
    note, _ = capture.add_note(a, session.id, "Buses stop at six")
    capture.edit_note(a, note.id, text="Buses stop at six, and the ferry at five")
    sync(a, shared)
    # Another process on b's data folder (the command line, say) deletes the note as soon
    # as the round has added it, before the round applies the edit.
    other = open_store(b.path.parent, author="Facilitator at Shetland")
    deleted: list[str] = []

    def meanwhile(done: int, total: int, text: str) -> None:
        if deleted:
            return
        try:
            capture.get_note(other, note.id)
        except NotFound:
            return
        capture.delete_note(other, note.id)
        deleted.append(note.id)

    try:
        sync(b, shared, progress=meanwhile)
    finally:
        other.close()
    assert deleted == [note.id]
    assert capture.get_note(b, note.id).text.endswith("ferry at five")
    assert [(c.kind, c.entity_id) for c in conflicts(b)] == [("deleted", note.id)]
    assert_replays(b)
