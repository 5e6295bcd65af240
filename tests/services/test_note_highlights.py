"""Search marks over the whole text of the notes a lazy list shows, a page at a time."""

from __future__ import annotations

from app.services import capture
from app.services.capture.note_highlights import highlight_notes


def test_only_matching_notes_come_back_with_every_match_marked(store, session):
    texts = ["Housing officers knocked", "The ferry decides", "Rehousing is not housing, café"]
    ids = [capture.add_note(store, session.id, t)[0].id for t in texts]
    hits = highlight_notes(store, ids, "hous")
    assert set(hits) == {ids[0], ids[2]}
    assert hits[ids[0]].parts() == [("Housing", True), (" officers knocked", False)]
    assert hits[ids[2]].parts() == [("Rehousing is not ", False), ("housing", True),
                                    (", café", False)]
    assert highlight_notes(store, ids, "cafe")[ids[2]].parts()[-1] == ("café", True)


def test_nothing_to_search_for_marks_nothing(store, session):
    note, _ = capture.add_note(store, session.id, "Anything")
    assert highlight_notes(store, [note.id], "  ") == {}
    assert highlight_notes(store, [], "anything") == {}
    assert highlight_notes(store, ["no-such-id"], "anything") == {}


def test_notes_far_apart_in_the_store_are_found_too(store, session):
    first, _ = capture.add_note(store, session.id, "Transport first")
    conn = store.raw()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO notes (id, session_id, text, kind, captured_by, speaker_label, "
                     "starred, created_at) VALUES (?, ?, 'filler', 'insight', '', '', 0, "
                     "'2026-01-01T00:00:00')", [(f"filler-{n}", session.id) for n in range(5000)])
    conn.execute("COMMIT")
    conn.close()
    last, _ = capture.add_note(store, session.id, "Transport last")
    hits = highlight_notes(store, [last.id, first.id], "transport")
    assert set(hits) == {first.id, last.id}
