"""Bulk capture operations on a real store file: each is one transaction, all or nothing.

For each operation, record k is made to fail (a validation error, a focus area of another
learning system, a note that is gone) and the store is shown to hold exactly what it held:
the same rows and the same change log entries, counted through a separate connection.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from app.config import STORE_FILENAME
from app.models import ImportProblem, InvalidInput, NoteDraft, NoteKind, NotesRefused, NotFound
from app.services import capture
from app.services.core import history
from app.services.planning import agenda, focus_areas, participants, systems

TABLES = ("notes", "note_focus_areas", "note_tags", "free_tags", "change_log")
MISSING = "0190aaaa-0000-7000-8000-000000000000"


@pytest.fixture
def areas(store, system):
    return {a.slug: a for a in focus_areas.list_focus_areas(store, system.id)}


def counts(store) -> dict[str, int]:
    """Rows per table, read by a connection of its own from the store's file."""
    conn = sqlite3.connect(store.path.parent / STORE_FILENAME)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def other_system_area(store) -> str:
    other, _ = systems.create_system(store, "Another learning system")
    return focus_areas.list_focus_areas(store, other.id)[0].id


# --- add_notes ---------------------------------------------------------------------------------

def test_add_notes_saves_all_with_their_links_in_one_go(store, session, areas):
    person, _ = participants.add_to_session(store, session.id, "Morag Fictional")
    drafts = [
        NoteDraft("Ferries decide #community-led", tags=("ferry",)),
        NoteDraft("Knock on doors", kind=NoteKind.QUOTE, speaker="morag fictional",
                  focus_area_ids=(areas["emerging-needs"].id,), tags=("Trust",)),
        NoteDraft("Respite online", speaker="Housing officer", starred=True, tags=("trust",)),
    ]
    notes, changes = capture.add_notes(store, session.id, drafts)
    assert [n.text for n in notes] == [d.text for d in drafts]
    assert notes == capture.notes_by_ids(store, [n.id for n in notes])
    assert notes[1].speaker_participant_id == person.participant.id
    assert (notes[2].speaker_label, notes[2].starred) == ("Housing officer", True)
    assert notes[0].focus_area_ids == ()  # the text's #slug is read by the parser, not here
    records = capture.note_records(store, notes)
    assert [r["tags"] for r in records] == [["ferry"], ["trust"], ["trust"]]
    assert records[1]["focus_areas"] == ["emerging-needs"]
    assert changes.inserted["note"] == {n.id for n in notes}
    assert len(changes.inserted["free_tag"]) == 2  # "trust" created once for two notes


def test_add_notes_with_draft_3_of_another_system_saves_nothing(store, session):
    capture.add_note(store, session.id, "Already here")
    drafts = [NoteDraft("One", tags=("new-tag",)), NoteDraft("Two"),
              NoteDraft("Three", focus_area_ids=(other_system_area(store),), line=12,
                        source="line 12"),
              NoteDraft("Four")]
    before = counts(store)
    with pytest.raises(NotesRefused) as err:
        capture.add_notes(store, session.id, drafts)
    assert str(err.value) == ("Note 3 (line 12): A focus area given is not one of this "
                              "learning system's; nothing was saved.")
    assert err.value.problems == (ImportProblem(3, "A focus area given is not one of this "
                                                   "learning system's.", "line 12", 12),)
    assert isinstance(err.value, InvalidInput)
    assert counts(store) == before


def test_every_refused_draft_is_named_and_the_first_leads(store, session, areas):
    focus_areas.update_focus_area(store, areas["strategic-planning"].id, retired=True)
    before = counts(store)
    drafts = [NoteDraft("Fine"), NoteDraft("   "),
              NoteDraft("Retired", tags=("strategic-planning",)),
              NoteDraft("Bad tag", tags=("two words",)), NoteDraft("x", speaker="y" * 201)]
    with pytest.raises(NotesRefused) as err:
        capture.add_notes(store, session.id, drafts)
    assert [p.number for p in err.value.problems] == [2, 3, 4, 5]
    assert str(err.value).startswith("Note 2: Text cannot be empty; 3 other notes cannot be "
                                     "saved either; nothing was saved.")
    assert "'Strategic Planning' is retired" in err.value.problems[1].problem
    assert counts(store) == before


def test_add_notes_for_no_session_is_not_found(store, system):
    with pytest.raises(NotFound):
        capture.add_notes(store, MISSING, [NoteDraft("Lost")])


def test_stamp_block_reads_the_agenda_once_for_all(store, session):
    welcome, _ = agenda.add_item(store, session.id, "Welcome", 10)
    talk, _ = agenda.add_item(store, session.id, "Talk", 30)
    start = session.starts
    notes, _ = capture.add_notes(store, session.id, [
        NoteDraft("Early", created_at=start - timedelta(minutes=5)),
        NoteDraft("Welcome", created_at=start + timedelta(minutes=1)),
        NoteDraft("Talk", created_at=start + timedelta(minutes=12)),
        NoteDraft("Chosen", created_at=start + timedelta(minutes=12), agenda_item_id=welcome.id),
    ], stamp_block=True)
    assert [n.agenda_item_id for n in notes] == [None, welcome.id, talk.id, welcome.id]
    unstamped, _ = capture.add_notes(store, session.id, [
        NoteDraft("Not stamped", created_at=start + timedelta(minutes=1))])
    assert unstamped[0].agenda_item_id is None


def test_the_reads_do_not_grow_with_the_number_of_notes(store, session):
    participants.add_to_session(store, session.id, "Iona Fictional")
    statements: list[str] = []
    writer = store._engines[1]

    def trace(dbapi_conn, record, proxy):
        dbapi_conn.set_trace_callback(statements.append)

    event.listen(writer, "checkout", trace)

    def reads_for(n: int) -> int:
        statements.clear()
        capture.add_notes(store, session.id, [
            NoteDraft(f"Note {i} #community-led", tags=(f"tag-{i % 7}", "trust"),
                      speaker="Iona Fictional" if i % 2 else f"Role {i % 3}")
            for i in range(n)], stamp_block=True)
        return sum(s.lstrip().upper().startswith("SELECT") for s in statements)

    try:
        reads_for(1)  # the search index reads its settings on its first write
        assert reads_for(10) == reads_for(400) > 0
    finally:
        event.remove(writer, "checkout", trace)


def test_add_each_saves_the_good_ones_in_one_commit_and_names_the_rest(store, session):
    answers, changes = capture.add_each(store, session.id, [
        NoteDraft("Good one"), NoteDraft(""), NoteDraft("Good two"), NoteDraft("Pre-refused")],
        refused={3: ["It could not be read."]})
    assert [type(a).__name__ for a in answers] == ["Note", "ImportProblem", "Note",
                                                   "ImportProblem"]
    assert answers[3].problem == "It could not be read."
    assert changes.inserted["note"] == {answers[0].id, answers[2].id}
    assert [n.text for n in capture.list_notes(store, session.id)] == ["Good two", "Good one"]


# --- delete_notes, set_starred, retag_notes, restore_notes -------------------------------------

def test_delete_notes_is_one_snapshot_and_one_restore(store, session, areas):
    notes, _ = capture.add_notes(store, session.id, [
        NoteDraft(f"Note {i}", tags=("trust",), focus_area_ids=(areas["community-led"].id,))
        for i in range(4)])
    full = counts(store)
    snapshot, changes = capture.delete_notes(store, [n.id for n in notes[:3]])
    assert changes.deleted["note"] == {n.id for n in notes[:3]}
    assert [n.id for n in capture.list_notes(store, session.id)] == [notes[3].id]
    history.restore(store, snapshot)
    assert capture.notes_by_ids(store, [n.id for n in notes]) == notes
    assert {k: v for k, v in counts(store).items() if k != "change_log"} == {
        k: v for k, v in full.items() if k != "change_log"}


def test_deleting_note_3_that_is_gone_deletes_none(store, session):
    notes, _ = capture.add_notes(store, session.id, [NoteDraft(f"Note {i}") for i in range(4)])
    before = counts(store)
    with pytest.raises(NotFound, match="no longer there; nothing was changed"):
        capture.delete_notes(store, [notes[0].id, notes[1].id, MISSING, notes[3].id])
    assert counts(store) == before


def test_set_starred_changes_only_what_differs_and_restore_undoes(store, session):
    notes, _ = capture.add_notes(store, session.id, [
        NoteDraft("One"), NoteDraft("Two", starred=True), NoteDraft("Three")])
    before = capture.notes_by_ids(store, [n.id for n in notes])
    after, changes = capture.set_starred(store, [n.id for n in notes], True)
    assert all(n.starred for n in after)
    assert changes.updated["note"] == {notes[0].id, notes[2].id}
    capture.restore_notes(store, before)
    assert capture.notes_by_ids(store, [n.id for n in notes]) == before


def test_starring_with_note_2_gone_stars_none(store, session):
    notes, _ = capture.add_notes(store, session.id, [NoteDraft("One"), NoteDraft("Three")])
    before = counts(store)
    with pytest.raises(NotFound):
        capture.set_starred(store, [notes[0].id, MISSING, notes[1].id], True)
    assert counts(store) == before
    assert not any(n.starred for n in capture.list_notes(store, session.id))


def test_retag_with_note_3_gone_changes_none(store, session, areas):
    notes, _ = capture.add_notes(store, session.id, [NoteDraft("One"), NoteDraft("Two")])
    before = counts(store)
    with pytest.raises(NotFound):
        capture.retag_notes(store, [notes[0].id, notes[1].id, MISSING],
                            add_focus_areas=[areas["community-led"].id], add_tags=["new"])
    assert counts(store) == before


def test_restore_notes_with_note_2_gone_restores_none(store, session):
    notes, _ = capture.add_notes(store, session.id, [
        NoteDraft("One", tags=("a",)), NoteDraft("Two"), NoteDraft("Three", tags=("c",))])
    before = capture.notes_by_ids(store, [n.id for n in notes])
    capture.retag_notes(store, [n.id for n in notes], add_tags=["later"])
    capture.set_starred(store, [n.id for n in notes], True)
    capture.delete_note(store, notes[1].id)
    rows = counts(store)
    with pytest.raises(NotFound):
        capture.restore_notes(store, before)
    assert counts(store) == rows
    assert all(n.starred for n in capture.notes_by_ids(store, [notes[0].id, notes[2].id]))


def test_a_note_saved_alone_keeps_its_plain_sentence(store, session):
    with pytest.raises(InvalidInput) as err:
        capture.add_note(store, session.id, "x", created_at=datetime(2026, 1, 1, tzinfo=UTC),
                         tags=["no good"])
    assert str(err.value) == "Name: a tag is one word of letters, digits, '-' or '_'."
