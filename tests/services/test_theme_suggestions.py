"""Suggested themes for the tray: offline, each with the shared words that made it, nothing
changed until one is accepted, and accepting is one undoable operation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.models import InvalidInput
from app.services import capture
from app.services.sensemaking import suggestions, themes
from app.services.sensemaking.board_undo import revert
from app.services.sensemaking.suggestions import Suggestion, suggestions_for, words
from app.services.sensemaking.theme_query import list_themes
from app.store.replay import replay

TRAY = [
    "Ferry timetables cut people off from the mainland",
    "The ferry timetable changed and nobody told the islands",
    "Volunteers knew the door of each house in the street",
    "Street volunteers checked on every door",
    "Tablets were lent with a buddy",
    "Grants were decided in a phone call",
    "Small grants came through a phone call, fast",
    "The weather was kind",
]


def test_words_are_the_telling_ones_in_one_form():
    assert words("The ferries' timetables: Ferry's 2 TIMETABLE, it's") == {
        "ferry", "timetable"}
    assert words("") == set() and words("1234 !!") == set()
    assert words("Café access, Glasgow's trains") == {"café", "access", "glasgow", "train"}


def test_alike_notes_are_suggested_with_the_words_they_share():
    found = suggestions_for([(str(n), text) for n, text in enumerate(TRAY)])
    by_notes = {s.note_ids: s.shared_words for s in found}
    assert by_notes == {
        ("0", "1"): ("ferry", "timetable"),
        ("2", "3"): ("door", "street", "volunteer"),
        ("5", "6"): ("call", "grant", "phone"),
    }
    assert {s.title for s in found} == {"Ferry, timetable", "Door, street, volunteer",
                                        "Call, grant, phone"}


def test_notes_with_nothing_in_common_are_not_suggested():
    assert suggestions_for([("a", "Ferries late"), ("b", "Tablets lent"),
                            ("c", "Grants quick")]) == []
    assert suggestions_for([]) == []


NOTE_TEXT = st.lists(st.sampled_from(
    ["ferry", "ferries", "trust", "tablet", "grant", "the", "and", "carers", "respite",
     "café", "rural", "digital", "phone", "call", "12", "!", "street", "door"]),
    min_size=0, max_size=8).map(" ".join)


@given(texts=st.lists(NOTE_TEXT, max_size=25), threshold=st.floats(0.05, 0.95))
def test_every_suggestion_is_sound(texts: list[str], threshold: float):
    """Whatever the notes: each note is in at most one suggestion, each suggestion has two or
    more notes, and every shared word is in at least two of its notes and half of them."""
    notes = [(f"n{i}", text) for i, text in enumerate(texts)]
    found = suggestions_for(notes, threshold)
    seen = [i for s in found for i in s.note_ids]
    assert len(seen) == len(set(seen))
    bags = {i: words(t) for i, t in notes}
    for s in found:
        assert len(s.note_ids) >= 2 and s.shared_words and s.title
        for word in s.shared_words:
            having = sum(word in bags[i] for i in s.note_ids)
            assert having >= 2 and 2 * having >= len(s.note_ids)
    assert [len(s.note_ids) for s in found] == sorted((len(s.note_ids) for s in found),
                                                      reverse=True)


@given(text=st.text(max_size=200))
def test_any_text_gives_lower_case_words_without_stop_words(text: str):
    for word in words(text):
        assert word == word.lower() and len(word) >= 3
        assert word not in suggestions.STOP_WORDS


def test_suggesting_changes_nothing_and_accepting_is_one_undoable_step(store, session):
    ids = [capture.add_note(store, session.id, text)[0].id for text in TRAY]
    clustered, _ = themes.create_theme(store, session.id, "Already", [ids[4]])
    found = suggestions.suggest_themes(store, session.id)
    assert [s.note_ids for s in found] == [tuple(ids[0:2]), tuple(ids[2:4]), tuple(ids[5:7])]
    assert [t.title for t in list_themes(store, session.id)] == ["Already"]
    done, changes = suggestions.accept_suggestion(store, session.id, found[0])
    assert done.theme is not None
    assert (done.theme.title, done.theme.note_ids) == ("Ferry, timetable", tuple(ids[0:2]))
    assert changes.inserted == {"theme": frozenset({done.theme.id})}
    renamed, _ = suggestions.accept_suggestion(store, session.id, found[1], title="Neighbours")
    assert renamed.theme and renamed.theme.title == "Neighbours"
    revert(store, done.undo)
    assert [t.title for t in list_themes(store, session.id)] == ["Already", "Neighbours"]
    assert [s.note_ids for s in suggestions.suggest_themes(store, session.id)] == [
        tuple(ids[0:2]), tuple(ids[5:7])]
    assert clustered.theme and replay(store).ok


def test_a_suggestion_whose_notes_left_the_tray_is_refused(store, session):
    ids = [capture.add_note(store, session.id, text)[0].id for text in TRAY[:2]]
    [found] = suggestions.suggest_themes(store, session.id)
    themes.create_theme(store, session.id, "Taken", [ids[1]])
    with pytest.raises(InvalidInput, match="no longer in the tray"):
        suggestions.accept_suggestion(store, session.id, found)
    with pytest.raises(InvalidInput, match="no longer in the tray"):
        suggestions.accept_suggestion(store, session.id, Suggestion("X", (ids[1],), ("x",)))
    assert [t.title for t in list_themes(store, session.id)] == ["Taken"]
