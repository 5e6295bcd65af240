"""Capture services on a real SQLite store: save, edit, retag, delete and undo, filters, log."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.models import InvalidInput, NoteKind, NotFound
from app.services import capture
from app.services.core import history
from app.services.planning import agenda, focus_areas, participants
from app.store.logged_insert import insert_logged
from app.store.tables import ChangeLogRow, FreeTagRow


@pytest.fixture
def areas(store, system):
    return {a.slug: a for a in focus_areas.list_focus_areas(store, system.id)}


def _log(store, entity=None):
    with store.read() as s:
        q = select(ChangeLogRow).order_by(ChangeLogRow.seq)
        if entity:
            q = q.where(ChangeLogRow.entity == entity)
        return [(e.entity, e.entity_id, e.op, e.field, e.value, e.device_id, e.author)
                for e in s.scalars(q)]


def _digest(store):
    conn = store.raw()
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def test_add_note_saves_it_with_its_links_and_logs_every_row(store, session, areas):
    note, changes = capture.add_note(
        store, session.id, "No broadband at the village hall", kind="barrier",
        focus_area_ids=[areas["community-led"].id], tags=["Digital", "#rural"],
        speaker="Community worker")
    assert capture.get_note(store, note.id) == note
    assert (note.kind, note.speaker_label, note.captured_by) == (
        NoteKind.BARRIER, "Community worker", "Test Facilitator")
    record = capture.note_records(store, [note])[0]
    assert {k: record[k] for k in ("text", "kind", "speaker", "focus_areas", "tags", "starred",
                                   "theme_id", "session_id")} == {
        "text": "No broadband at the village hall", "kind": "barrier",
        "speaker": "Community worker", "focus_areas": ["community-led"],
        "tags": ["digital", "rural"], "starred": False, "theme_id": None,
        "session_id": session.id}
    assert changes.inserted["note"] == {note.id}
    assert len(changes.inserted["note_tag"]) == 2 and len(changes.inserted["free_tag"]) == 2
    assert changes.inserted["note_focus_area"] == {f"{note.id}:{areas['community-led'].id}"}
    logged = {(e[0], e[1]) for e in _log(store) if e[2] == "insert"}
    for entity, ids in changes.inserted.items():
        assert {(entity, i) for i in ids} <= logged
    assert all(e[5] == store.device_id and e[6] == "Test Facilitator" for e in _log(store))


def test_fast_inserts_are_logged_exactly_as_the_orm_logs_them(store, system):
    with store.unit() as s:
        s.add(FreeTagRow(id="0190aaaa-0000-7000-8000-000000000001", system_id=system.id,
                         name="orm"))
    with store.unit() as s:
        insert_logged(s, FreeTagRow, [{"id": "0190aaaa-0000-7000-8000-000000000002",
                                       "system_id": system.id, "name": "fast"}])
    orm, fast = _log(store, "free_tag")
    assert orm[2:4] == fast[2:4] == ("insert", None) and orm[5:] == fast[5:]
    assert json.loads(orm[4]).keys() == json.loads(fast[4]).keys()
    assert json.loads(fast[4])["name"] == "fast"


def test_a_note_put_back_by_undo_is_logged_like_the_captured_one(store, session, areas):
    note, _ = capture.add_note(store, session.id, "Carers need respite", tags=["respite"],
                               focus_area_ids=[areas["emerging-needs"].id])
    captured = [e for e in _log(store) if e[2] == "insert" and e[0].startswith("note")]
    snapshot, _ = capture.delete_note(store, note.id)
    history.restore(store, snapshot)  # goes through the ORM flush and its log hook
    restored = [e for e in _log(store) if e[2] == "insert" and e[0].startswith("note")][3:]
    assert sorted((e[0], e[1], json.loads(e[4])) for e in captured) == sorted(
        (e[0], e[1], json.loads(e[4])) for e in restored)


def test_a_participant_named_as_speaker_is_linked(store, session):
    person, _ = participants.add_to_session(store, session.id, "Eilidh Notreal")
    note, _ = capture.add_note(store, session.id, "Volunteers ran the pharmacy run",
                               speaker="eilidh notreal")
    assert note.speaker_participant_id == person.participant.id and note.speaker_label == ""
    assert capture.note_records(store, [note])[0]["speaker"] == "Eilidh Notreal"


@pytest.mark.parametrize("kwargs, message", [
    ({"text": "   "}, "cannot be empty"),
    ({"focus_area_ids": ["0190aaaa-0000-7000-8000-00000000dead"]}, "not one of this"),
    ({"agenda_item_id": "0190aaaa-0000-7000-8000-00000000beef"}, "agenda block"),
    ({"kind": "gossip"}, "not one of"),
])
def test_refused_notes_change_nothing(store, session, kwargs, message):
    before = _digest(store)
    with pytest.raises(InvalidInput, match=message):
        capture.add_note(store, session.id, **{"text": "A note", **kwargs})
    assert _digest(store) == before


def test_a_retired_focus_area_is_refused_by_name(store, session, areas):
    focus_areas.update_focus_area(store, areas["strategic-planning"].id, retired=True)
    with pytest.raises(InvalidInput, match="'Strategic Planning' is retired"):
        capture.add_note(store, session.id, "x", tags=["strategic-planning"])


def test_a_note_for_no_session_is_not_found(store, system):
    with pytest.raises(NotFound):
        capture.add_note(store, "0190aaaa-0000-7000-8000-000000000000", "Lost")


def test_the_current_agenda_block_follows_the_clock(store, session):
    first, _ = agenda.add_item(store, session.id, "Welcome", 10)
    second, _ = agenda.add_item(store, session.id, "Breakouts", 30)
    start = session.starts
    assert capture.current_agenda_item(store, session.id, start - timedelta(minutes=1)) is None
    assert capture.current_agenda_item(store, session.id, start) == first
    assert capture.current_agenda_item(store, session.id, start + timedelta(minutes=10)) == second
    assert capture.current_agenda_item(store, session.id, start + timedelta(minutes=41)) is None
    note, _ = capture.add_note(store, session.id, "In the breakouts", agenda_item_id=second.id)
    assert note.agenda_item_id == second.id


def test_edit_note_changes_only_what_is_given(store, session, areas):
    note, _ = capture.add_note(store, session.id, "Ferry cancellations", tags=["ferry"])
    edited, changes = capture.edit_note(
        store, note.id, text="Ferry cancellations hit clinics", kind=NoteKind.BARRIER,
        add_focus_areas=[areas["community-led"].id], add_tags=["clinics"],
        remove_tags=["ferry"], starred=True, speaker="GP")
    assert (edited.text, edited.kind, edited.starred, edited.speaker_label) == (
        "Ferry cancellations hit clinics", NoteKind.BARRIER, True, "GP")
    assert capture.note_records(store, [edited])[0]["tags"] == ["clinics"]
    assert edited.focus_area_ids == (areas["community-led"].id,)
    assert changes.updated["note"] == {note.id}
    assert {e[3] for e in _log(store, "note") if e[2] == "update"} == {
        "text", "kind", "starred", "speaker_label"}
    untouched, _ = capture.edit_note(store, note.id, starred=False)
    assert untouched.speaker_label == "GP" and untouched.text == edited.text
    cleared, _ = capture.edit_note(store, note.id, speaker=None)
    assert cleared.speaker_label == "" and cleared.speaker_participant_id is None


@pytest.mark.parametrize("kwargs, message", [
    ({"text": "   "}, "cannot be empty"),
    ({"text": "x" * 20_001}, "too long"),
    ({"kind": "gossip"}, "not one of"),
    ({"add_focus_areas": ["0190aaaa-0000-7000-8000-00000000dead"]}, "not one of this"),
    ({"text": "red \x1b[31m text"}, r"control character \(U\+001B\)"),
    ({"speaker": "GP\x07"}, r"The speaker holds a control character \(U\+0007\)"),
    ({"speaker": "x" * 201}, "at most 200 characters"),
])
def test_an_invalid_edit_is_refused_and_changes_nothing(store, session, kwargs, message):
    note, _ = capture.add_note(store, session.id, "Ferry cancellations", tags=["ferry"])
    before = _digest(store)
    with pytest.raises(InvalidInput, match=message):
        capture.edit_note(store, note.id, starred=True, **kwargs)
    assert _digest(store) == before
    assert capture.get_note(store, note.id) == note


@pytest.mark.parametrize("text", ["bell\x07", "form\x0cfeed", "C1 \x85 next", "del\x7f"])
def test_a_note_with_a_control_character_is_refused_but_tabs_and_lines_are_text(
        store, session, text):
    before = _digest(store)
    with pytest.raises(InvalidInput, match="holds a control character"):
        capture.add_note(store, session.id, text)
    assert _digest(store) == before
    note, _ = capture.add_note(store, session.id, "a\ttab and\r\nlines")
    assert note.text == "a\ttab and\r\nlines"


def test_the_model_refuses_a_speaker_label_past_its_length():
    from pydantic import ValidationError

    from app.models import Note

    with pytest.raises(ValidationError):
        Note(id="n", session_id="s", text="x", speaker_label="x" * 201)
    assert Note(id="n", session_id="s", text="x", speaker_label="x" * 200).speaker_label


def test_retag_many_and_undo_exactly(store, session, areas):
    one, _ = capture.add_note(store, session.id, "One", tags=["trust"])
    two, _ = capture.add_note(store, session.id, "Two", focus_area_ids=[areas["emerging-needs"].id])
    before = capture.notes_by_ids(store, [one.id, two.id])
    after, changes = capture.retag_notes(
        store, [one.id, two.id], add_focus_areas=[areas["emerging-needs"].id],
        add_tags=["digital"], remove_tags=["trust"])
    assert all(areas["emerging-needs"].id in n.focus_area_ids for n in after)
    records = capture.note_records(store, after)
    assert [r["tags"] for r in records] == [["digital"], ["digital"]]
    # Two already had emerging-needs: only one new focus-area link was written.
    assert len(changes.inserted["note_focus_area"]) == 1
    capture.restore_notes(store, before)
    assert capture.notes_by_ids(store, [one.id, two.id]) == before


def test_retagging_a_note_that_is_gone_changes_nothing(store, session):
    note, _ = capture.add_note(store, session.id, "Still here")
    before = _digest(store)
    with pytest.raises(NotFound, match="no longer there"):
        capture.retag_notes(store, [note.id, "0190aaaa-0000-7000-8000-000000000000"],
                            add_tags=["new"])
    assert _digest(store) == before


def test_delete_and_undo_bring_the_note_back_whole(store, session, areas):
    note, _ = capture.add_note(store, session.id, "Respite beds closed",
                               focus_area_ids=[areas["emerging-needs"].id], tags=["respite"])
    snapshot, changes = capture.delete_note(store, note.id)
    assert changes.deleted["note"] == {note.id}
    assert capture.note_ids(store, session.id) == []
    assert capture.search_notes(store, session.id, "respite") == []
    history.restore(store, snapshot)
    assert capture.get_note(store, note.id) == note
    assert [h.note_id for h in capture.search_notes(store, session.id, "respite")] == [note.id]
    with pytest.raises(NotFound):
        capture.delete_note(store, "0190aaaa-0000-7000-8000-000000000000")


def test_filters_combine(store, session, areas):
    base = datetime(2026, 12, 8, 10, tzinfo=UTC)
    block, _ = agenda.add_item(store, session.id, "Breakouts", 30)
    a, _ = capture.add_note(store, session.id, "Alpha transport", created_at=base,
                            focus_area_ids=[areas["community-led"].id], speaker="GP")
    b, _ = capture.add_note(store, session.id, "Beta housing", tags=["housing"], kind="idea",
                            created_at=base + timedelta(minutes=1), agenda_item_id=block.id)
    c, _ = capture.add_note(store, session.id, "Gamma transport", starred=True,
                            created_at=base + timedelta(minutes=2))
    tag_id = b.tag_ids[0]
    F = capture.NoteFilter
    cases = {
        F(): [c, b, a],
        F(focus_area_ids=(areas["community-led"].id,)): [a],
        F(tag_ids=(tag_id,)): [b],
        F(kinds=(NoteKind.IDEA,)): [b],
        F(agenda_item_ids=(block.id,)): [b],
        F(speaker="gp"): [a],
        F(starred=True): [c],
        F(starred=False): [b, a],
        F(untagged=True): [c],
        F(text="transp"): [c, a],
        F(text="transp", starred=True): [c],
        F(text='"-*:'): [],
    }
    for where, expected in cases.items():
        assert capture.list_notes(store, session.id, where) == expected, where
        assert capture.note_ids(store, session.id, where) == [n.id for n in expected], where


def test_speakers_by_label_whatever_their_letters(store, session):
    capture.add_note(store, session.id, "Said first", speaker="Ùna from the Trust",
                     created_at=datetime(2026, 12, 8, 10, tzinfo=UTC))
    said, _ = capture.add_note(store, session.id, "Said later", speaker="Housing officer",
                               created_at=datetime(2026, 12, 8, 11, tzinfo=UTC))
    assert capture.speaker_labels(store, session.id) == ["Housing officer", "Ùna from the Trust"]
    by_label = capture.NoteFilter(speaker="Ùna from the Trust")
    assert [n.text for n in capture.list_notes(store, session.id, by_label)] == ["Said first"]
    by_any_case = capture.NoteFilter(speaker="HOUSING officer")
    assert capture.note_ids(store, session.id, by_any_case) == [said.id]


def test_lazy_listing_fetches_only_what_is_asked(store, session):
    made = [capture.add_note(store, session.id, f"Note {i}")[0] for i in range(5)]
    ids = capture.note_ids(store, session.id)
    assert ids == [n.id for n in reversed(made)]
    assert capture.notes_by_ids(store, [ids[3], "missing", ids[0]]) == [made[1], made[4]]


def test_resolve_note_by_prefix(store, session):
    note, _ = capture.add_note(store, session.id, "Prefix me")
    assert capture.resolve_note(store, note.id[:30]) == note
    with pytest.raises(NotFound):
        capture.resolve_note(store, "ffff")


@pytest.mark.parametrize("prefix", ["%", "_", "________", "{first4}%", "{first4}_", "{first4}/"])
def test_a_prefix_is_matched_literally_never_as_a_pattern(store, session, prefix):
    note, _ = capture.add_note(store, session.id, "The only note")
    before = _digest(store)
    with pytest.raises(NotFound, match="no note"):
        capture.resolve_note(store, prefix.format(first4=note.id[:4]))
    assert _digest(store) == before


def test_the_schedule_names_the_block_a_moment_falls_in(store, session):
    first, _ = agenda.add_item(store, session.id, "Welcome", 10)
    second, _ = agenda.add_item(store, session.id, "Breakouts", 30)
    plan = agenda.session_schedule(store, session.id)
    start = session.starts
    assert plan.block_at(start + timedelta(minutes=9, seconds=59)) == first
    assert plan.block_at(start + timedelta(minutes=10)) == second
    # A time without a zone is the facilitator's wall-clock time.
    assert plan.block_at(start.astimezone().replace(tzinfo=None)) == first
    assert plan.block_at(start + timedelta(minutes=40)) is None
