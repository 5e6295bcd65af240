"""Importing notes read from a file: every note read by the one parser, saved all or nothing,
and previewed with every problem by the line it came from."""

from __future__ import annotations

import sqlite3

import pytest

from app.models import NoteKind, NotesRefused
from app.services import capture
from app.services.capture import note_import
from app.services.capture.note_import import ImportedNote
from app.services.planning import participants

TABLES = ("notes", "note_focus_areas", "note_tags", "free_tags", "change_log")


def counts(store) -> dict[str, int]:
    conn = sqlite3.connect(store.path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


@pytest.fixture
def iona(store, session):
    return participants.add_to_session(store, session.id, "Iona Fictional")[0].participant


def test_inline_shorthand_is_read_and_the_columns_fill_in(store, session, iona):
    notes = [
        ImportedNote("@iona fictional: Ferries decide #community-led", source="line 1", line=1),
        ImportedNote("/barrier Broadband drops out", speaker="Housing officer",
                     kind=NoteKind.IDEA, tags=("digital",), source="row 3", line=3),
        ImportedNote("We knocked", speaker="Iona Fictional", kind=NoteKind.QUOTE,
                     source="00:00:09", line=9),
    ]
    saved, changes = capture.import_notes(store, session.id, notes)
    records = capture.note_records(store, saved)
    assert [(r["text"], r["kind"], r["speaker"], r["focus_areas"], r["tags"]) for r in records] == [
        ("Ferries decide #community-led", "insight", "Iona Fictional", ["community-led"], []),
        ("Broadband drops out", "barrier", "Housing officer", [], ["digital"]),
        ("We knocked", "quote", "Iona Fictional", [], [])]
    assert saved[0].speaker_participant_id == iona.id
    assert all(n.agenda_item_id is None for n in saved)
    assert changes.inserted["note"] == {n.id for n in saved}


def test_the_preview_says_what_would_be_saved_and_writes_nothing(store, session, iona):
    notes = [ImportedNote("@Iona Fictional: One #trust #strategic-planning", line=2,
                          source="row 2"),
             ImportedNote("Two", kind=NoteKind.ACTION, line=3, source="row 3")]
    before = counts(store)
    preview = capture.preview_import(store, session.id, notes)
    assert counts(store) == before
    assert preview.ok and preview.problems == () and preview.new_tags == ("trust",)
    first, second = preview.notes
    assert (first.number, first.line, first.text, first.speaker, first.focus_areas,
            first.tags) == (1, 2, "One #trust #strategic-planning", "Iona Fictional",
                            ("strategic-planning",), ("trust",))
    assert (second.kind, second.speaker, second.tags) == (NoteKind.ACTION, None, ())


def test_a_file_with_problems_saves_nothing_and_every_problem_is_named(store, session,
                                                                        tmp_path):
    path = tmp_path / "wall.csv"
    path.write_text("Note,Kind,Tags\nFine,idea,\nBad kind,blocker,\nBad tag,,two#words\n"
                    "/in ambiguous,,\nAlso fine,,ferry\n", encoding="utf-8")
    notes = note_import.read_note_file(path)
    assert len(notes) == 5
    preview = capture.preview_import(store, session.id, notes)
    assert [(p.line, p.problem[:24]) for p in preview.problems] == [
        (3, "'blocker' is not a kind "), (4, "'two#words' is not a tag"),
        (5, "'/in' could be insight o")]
    assert [n.text for n in preview.notes] == ["Fine", "Also fine"]
    before = counts(store)
    with pytest.raises(NotesRefused) as err:
        capture.import_notes(store, session.id, notes)
    assert str(err.value).startswith("Note 2 (row 3): 'blocker' is not a kind of note")
    assert str(err.value).endswith("; 2 other notes cannot be saved either; nothing was saved.")
    assert err.value.problems == preview.problems
    assert counts(store) == before


def test_five_thousand_notes_are_one_transaction(store, session):
    notes = [ImportedNote(f"Note {i} #tag-{i % 50}", line=i + 2, source=f"row {i + 2}")
             for i in range(5000)]
    saved, changes = capture.import_notes(store, session.id, notes)
    assert len(saved) == len(changes.inserted["note"]) == 5000
    assert len(changes.inserted["free_tag"]) == 50
    assert counts(store)["notes"] == 5000
