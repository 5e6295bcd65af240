"""Full-text search (FTS5) and near-duplicate hints over a real store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.services import capture
from app.services.capture import duplicates
from app.services.capture.note_search import MARK_END, MARK_START, SearchHit, match_expression
from app.services.planning import sessions


def _index_is_sound(store) -> None:
    conn = store.raw()
    try:
        # Rank 1 also compares the index with the text in `notes`.
        conn.execute("INSERT INTO note_search(note_search, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


@pytest.fixture
def notes(store, session):
    base = datetime(2026, 12, 8, 10, tzinfo=UTC)
    texts = ["Housing officers sustained tenancies over winter",
             "The café in Stornoway became a digital hub",
             "Transport to the clinic is a barrier for island housing",
             "Co-production with carers took time"]
    return [capture.add_note(store, session.id, t, created_at=base + timedelta(minutes=i))[0]
            for i, t in enumerate(texts)]


def test_each_word_matches_as_a_prefix_and_all_must_match(store, session, notes):
    assert {h.note_id for h in capture.search_notes(store, session.id, "hous")} == {
        notes[0].id, notes[2].id}
    assert [h.note_id for h in capture.search_notes(store, session.id, "hous isl")] == [
        notes[2].id]
    assert capture.search_notes(store, session.id, "housing nowhere") == []


def test_case_and_accents_are_ignored(store, session, notes):
    assert [h.note_id for h in capture.search_notes(store, session.id, "CAFE")] == [notes[1].id]
    assert [h.note_id for h in capture.search_notes(store, session.id, "stornòway")] == [
        notes[1].id]


def test_matches_are_marked_for_bold(store, session, notes):
    hit = capture.search_notes(store, session.id, "digit")[0]
    assert f"{MARK_START}digital{MARK_END}" in hit.snippet
    assert hit.parts() == [("The café in Stornoway became a ", False), ("digital", True),
                           (" hub", False)]


def test_better_matches_first_then_newest(store, session, notes):
    again, _ = capture.add_note(store, session.id, "Housing housing housing",
                                created_at=datetime(2026, 12, 8, 9, tzinfo=UTC))
    hits = capture.search_notes(store, session.id, "housing")
    assert hits[0].note_id == again.id
    tie_a, _ = capture.add_note(store, session.id, "Ferry ferry",
                                created_at=datetime(2026, 12, 8, 12, tzinfo=UTC))
    tie_b, _ = capture.add_note(store, session.id, "Ferry ferry",
                                created_at=datetime(2026, 12, 8, 13, tzinfo=UTC))
    assert [h.note_id for h in capture.search_notes(store, session.id, "ferry")] == [
        tie_b.id, tie_a.id]


@pytest.mark.parametrize("query", [
    '"', '""', "'", "-", "--housing", "housing -winter", "a:b", "text:housing", "*", "hous*",
    "(", ")", "AND", "OR housing", "NOT", "NEAR(housing winter)", "^housing", "{text}:x",
    "co-production", "café's", "\x00", "\x02", "\\", "%", "_", "  ", "",
])
def test_no_typed_query_raises(store, session, notes, query):
    hits = capture.search_notes(store, session.id, query)
    assert all(isinstance(h, SearchHit) for h in hits)


def test_operators_typed_are_searched_as_words(store, session, notes):
    assert [h.note_id for h in capture.search_notes(store, session.id, "co-production")] == [
        notes[3].id]
    assert [h.note_id for h in capture.search_notes(store, session.id, "hous*")] != []
    assert match_expression('say "hi" OR -x') == '"say"* """hi"""* "OR"* "-x"*'
    assert match_expression("- * ") == ""


def test_search_across_sessions_or_in_one(store, system, session, notes):
    other, _ = sessions.create_session(store, system.id, "Another", session.starts)
    elsewhere, _ = capture.add_note(store, other.id, "Housing again")
    everywhere = {h.note_id for h in capture.search_notes(store, None, "housing")}
    assert everywhere == {notes[0].id, notes[2].id, elsewhere.id}
    assert elsewhere.id not in {h.note_id for h in capture.search_notes(store, session.id, "hou")}


def test_the_index_follows_edits_and_deletes(store, session, notes):
    capture.edit_note(store, notes[1].id, text="The library became a digital hub")
    assert capture.search_notes(store, session.id, "café") == []
    assert [h.note_id for h in capture.search_notes(store, session.id, "library")] == [
        notes[1].id]
    capture.delete_note(store, notes[0].id)
    assert [h.note_id for h in capture.search_notes(store, session.id, "housing")] == [
        notes[2].id]
    _index_is_sound(store)


def test_near_duplicates_are_found_whatever_the_word_order(store, session, notes):
    found = capture.near_duplicates(
        store, session.id, "transport to the clinic is a barrier for housing on the island")
    assert found and found[0][0] == notes[2].id and found[0][1] >= duplicates.DEFAULT_THRESHOLD
    assert capture.near_duplicates(store, session.id, "Something else entirely, about ferries") == []
    assert capture.near_duplicates(store, session.id, "housing") == []  # a fragment, not a note
    assert capture.near_duplicates(store, session.id, notes[2].text, exclude=notes[2].id) == []


def test_near_duplicates_keep_up_with_new_edited_and_deleted_notes(store, session, notes):
    text = "Respite for unpaid carers stopped during the pandemic"
    assert capture.near_duplicates(store, session.id, text) == []
    added, _ = capture.add_note(store, session.id, text)
    assert [i for i, _ in capture.near_duplicates(store, session.id, text)] == [added.id]
    capture.edit_note(store, added.id, text="Completely different words now")
    assert capture.near_duplicates(store, session.id, text) == []
    capture.edit_note(store, added.id, text=text)
    assert [i for i, _ in capture.near_duplicates(store, session.id, text)] == [added.id]
    capture.delete_note(store, added.id)
    assert capture.near_duplicates(store, session.id, text) == []


def test_warming_fills_the_cache_before_the_first_hint(store, session, notes):
    duplicates.forget(store)
    capture.warm_near_duplicates(store, session.id)
    assert len(duplicates._cache[(str(store.path), session.id)].keys) == len(notes)


def test_near_duplicates_see_notes_written_without_the_log(store, session, notes):
    """A bulk load that bypasses the change log is noticed by the count of notes."""
    capture.near_duplicates(store, session.id, notes[0].text)
    conn = store.raw()
    conn.execute("INSERT INTO notes (id, session_id, text, kind, captured_by, speaker_label, "
                 "starred, created_at) VALUES ('0190aaaa-0000-7000-8000-000000000009', ?, "
                 "'Bulk loaded note about winter pressures', 'insight', '', '', 0, "
                 "'2026-12-08T10:00:00.000000+00:00')", (session.id,))
    conn.close()
    found = capture.near_duplicates(store, session.id, "bulk loaded note about winter pressures")
    assert [i for i, _ in found] == ["0190aaaa-0000-7000-8000-000000000009"]
