"""The theme board's operations on a real store: each one unit of work, one undo step (undone
and redone by `board_undo.revert`, same ids), and a refused one changes nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.models import InvalidInput, NotFound
from app.services import capture
from app.services.planning import focus_areas, sessions
from app.services.sensemaking import themes, votes
from app.services.sensemaking.board_undo import revert
from app.services.sensemaking.theme_query import get_theme, list_themes, theme_records
from app.store.replay import replay
from app.store.tables import ChangeLogRow


@pytest.fixture
def notes(store, session):
    areas = {a.slug: a.id for a in focus_areas.list_focus_areas(store, session.system_id)}
    texts = ["Ferry timetables cut people off", "Volunteers knew every door",
             "Trust came from knowing the street", "Tablets lent with a buddy",
             "Grants decided in a phone call"]
    made = []
    for n, text in enumerate(texts):
        area = areas["community-led"] if n < 3 else areas["strategic-planning"]
        made.append(capture.add_note(store, session.id, text, focus_area_ids=[area])[0])
    return [n.id for n in made]


def _board(store, session_id) -> list[tuple[str, tuple[str, ...]]]:
    return [(t.title, t.note_ids) for t in list_themes(store, session_id)]


def _tray(store, session_id) -> list[str]:
    return [n.id for n in capture.list_notes(store, session_id) if n.theme_id is None]


def _log_size(store) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(ChangeLogRow)) or 0)


def _replays(store) -> None:
    found = replay(store)
    assert found.ok, (found.problems, [d.sentence() for d in found.differences])


def test_create_a_theme_from_selected_notes_and_undo_redo_it(store, session, notes):
    done, changes = themes.create_theme(store, session.id, "Trust", notes[:2])
    assert done.theme is not None and done.theme.note_ids == tuple(notes[:2])
    assert changes.inserted == {"theme": frozenset({done.theme.id})}
    assert changes.updated == {"note": frozenset(notes[:2])}
    redo, _ = revert(store, done.undo)
    assert list_themes(store, session.id) == [] and set(_tray(store, session.id)) == set(notes)
    revert(store, redo)
    again = get_theme(store, done.theme.id)  # the same id back
    assert again.note_ids == tuple(notes[:2]) and again.title == "Trust"
    _replays(store)


def test_notes_move_between_themes_and_back_to_the_tray(store, session, notes):
    a, _ = themes.create_theme(store, session.id, "A", notes[:3])
    b, _ = themes.create_theme(store, session.id, "B")
    assert a.theme and b.theme
    moved, changes = themes.move_notes(store, [notes[0], notes[3]], b.theme.id)
    assert changes.updated == {"note": frozenset({notes[0], notes[3]})}
    assert _board(store, session.id) == [("A", tuple(notes[1:3])), ("B", (notes[0], notes[3]))]
    tray, _ = themes.move_notes(store, [notes[1]], None)
    assert tray.theme is None and notes[1] in _tray(store, session.id)
    revert(store, tray.undo)
    revert(store, moved.undo)
    assert _board(store, session.id) == [("A", tuple(notes[:3])), ("B", ())]
    _replays(store)


def test_a_note_only_goes_into_a_theme_of_its_own_session(store, session, notes):
    other, _ = sessions.create_session(store, session.system_id, "Another",
                                       datetime(2026, 12, 9, 10, 0).astimezone())
    elsewhere, _ = themes.create_theme(store, other.id, "Elsewhere")
    assert elsewhere.theme
    before = _log_size(store)
    with pytest.raises(InvalidInput, match="its own session"):
        themes.move_notes(store, notes[:2], elsewhere.theme.id)
    with pytest.raises(NotFound, match="no longer there"):
        themes.create_theme(store, session.id, "Ghost", [notes[0], "no-such-note"])
    assert _log_size(store) == before and list_themes(store, session.id) == []


def test_rename_and_write_a_synthesis(store, session, notes):
    made, _ = themes.create_theme(store, session.id, "Trust", notes[:1])
    assert made.theme
    done, changes = themes.update_theme(store, made.theme.id, title="Trusting relationships",
                                        synthesis="Knowing people made quick change possible.")
    assert done.theme and done.theme.title == "Trusting relationships"
    assert changes.updated == {"theme": frozenset({made.theme.id})}
    with pytest.raises(InvalidInput, match="Title cannot be empty"):
        themes.update_theme(store, made.theme.id, title="  ")
    revert(store, done.undo)
    back = get_theme(store, made.theme.id)
    assert (back.title, back.synthesis) == ("Trust", "")


def test_merge_takes_notes_votes_synthesis_and_focus_areas_and_undoes_whole(
        store, session, notes):
    areas = [a.id for a in focus_areas.list_focus_areas(store, session.system_id)]
    keep, _ = themes.create_theme(store, session.id, "Keep", notes[:2], synthesis="First.",
                                  focus_area_ids=[areas[0]])
    other, _ = themes.create_theme(store, session.id, "Other", notes[2:4], synthesis="Second.",
                                   focus_area_ids=[areas[1]])
    assert keep.theme and other.theme
    votes.add_votes(store, keep.theme.id, 2)
    votes.add_votes(store, other.theme.id, 3)
    merged, changes = themes.merge_themes(store, keep.theme.id, other.theme.id)
    assert merged.theme is not None
    assert merged.theme.note_ids == tuple(notes[:4]) and merged.theme.votes == 5
    assert merged.theme.synthesis == "First.\n\nSecond."
    assert set(merged.theme.focus_area_ids) == {areas[0], areas[1]}
    assert changes.deleted["theme"] == frozenset({other.theme.id})
    assert [t.id for t in list_themes(store, session.id)] == [keep.theme.id]
    redo, _ = revert(store, merged.undo)
    back = list_themes(store, session.id)
    assert [(t.title, t.votes, t.note_ids, t.focus_area_ids) for t in back] == [
        ("Keep", 2, tuple(notes[:2]), (areas[0],)), ("Other", 3, tuple(notes[2:4]), (areas[1],))]
    revert(store, redo)
    assert get_theme(store, keep.theme.id).votes == 5
    _replays(store)


def test_merge_refuses_a_theme_with_itself_or_of_another_session(store, session, notes):
    one, _ = themes.create_theme(store, session.id, "One", notes[:1])
    other_session, _ = sessions.create_session(store, session.system_id, "Another",
                                               datetime(2026, 12, 9, 10, 0).astimezone())
    far, _ = themes.create_theme(store, other_session.id, "Far")
    assert one.theme and far.theme
    with pytest.raises(InvalidInput, match="two different themes"):
        themes.merge_themes(store, one.theme.id, one.theme.id)
    with pytest.raises(InvalidInput, match="same session"):
        themes.merge_themes(store, one.theme.id, far.theme.id)
    assert get_theme(store, far.theme.id).title == "Far"


def test_split_selected_notes_out_into_a_new_theme_just_after(store, session, notes):
    a, _ = themes.create_theme(store, session.id, "A", notes[:3])
    themes.create_theme(store, session.id, "Z", notes[3:4])
    assert a.theme
    split, _ = themes.split_notes(store, notes[1:3], "A, second half")
    assert _board(store, session.id) == [
        ("A", (notes[0],)), ("A, second half", tuple(notes[1:3])), ("Z", (notes[3],))]
    with pytest.raises(InvalidInput, match="one theme at a time"):
        themes.split_notes(store, [notes[0], notes[4]], "Mixed")
    revert(store, split.undo)
    assert _board(store, session.id) == [("A", tuple(notes[:3])), ("Z", (notes[3],))]
    _replays(store)


def test_reorder_writes_only_the_theme_that_moved(store, session):
    made = [themes.create_theme(store, session.id, title)[0].theme for title in "ABCD"]
    ids = [t.id for t in made if t]
    done, changes = themes.move_theme(store, ids[3], 0)
    assert [t.title for t in list_themes(store, session.id)] == list("DABC")
    assert done.theme is not None and done.theme.position == 0
    assert get_theme(store, ids[2]).position == 3
    assert changes.updated == {"theme": frozenset({ids[3]})}
    revert(store, done.undo)
    assert [t.title for t in list_themes(store, session.id)] == list("ABCD")
    themes.reorder_themes(store, session.id, [ids[1], ids[0], ids[2], ids[3]])
    assert [t.title for t in list_themes(store, session.id)] == list("BACD")
    with pytest.raises(InvalidInput, match="each theme of the session once"):
        themes.reorder_themes(store, session.id, ids[:2])


def test_delete_sends_notes_to_the_tray_and_undo_brings_all_back(store, session, notes):
    made, _ = themes.create_theme(store, session.id, "Doomed", notes[:2])
    assert made.theme
    votes.add_votes(store, made.theme.id, 4)
    gone, changes = themes.delete_theme(store, made.theme.id)
    assert changes.deleted["theme"] == frozenset({made.theme.id})
    assert list_themes(store, session.id) == [] and set(_tray(store, session.id)) == set(notes)
    redo, _ = revert(store, gone.undo)
    back = get_theme(store, made.theme.id)
    assert back.note_ids == tuple(notes[:2]) and back.votes == 4
    revert(store, redo)
    assert list_themes(store, session.id) == []
    _replays(store)


def test_focus_areas_are_suggested_from_the_notes_and_set_in_one_step(store, session, notes):
    areas = {a.slug: a.id for a in focus_areas.list_focus_areas(store, session.system_id)}
    made, _ = themes.create_theme(store, session.id, "Mixed", notes[1:5])
    assert made.theme
    suggested = themes.suggest_focus_areas(store, made.theme.id)
    assert [(a.slug, n) for a, n in suggested] == [
        ("community-led", 2), ("strategic-planning", 2)]
    done, _ = themes.set_focus_areas(store, made.theme.id, [areas["community-led"]])
    assert [a.slug for a, _ in themes.suggest_focus_areas(store, made.theme.id)] == [
        "strategic-planning"]
    again, _ = themes.set_focus_areas(store, made.theme.id, [areas["strategic-planning"]])
    assert get_theme(store, made.theme.id).focus_area_ids == (areas["strategic-planning"],)
    revert(store, again.undo)
    assert get_theme(store, made.theme.id).focus_area_ids == (areas["community-led"],)
    with pytest.raises(InvalidInput, match="not one of its learning system's"):
        themes.set_focus_areas(store, made.theme.id, ["not-an-area"])
    _replays(store)


def test_undo_of_a_move_is_refused_whole_when_the_old_theme_has_gone(store, session, notes):
    a, _ = themes.create_theme(store, session.id, "A", notes[:2])
    b, _ = themes.create_theme(store, session.id, "B")
    assert a.theme and b.theme
    moved, _ = themes.move_notes(store, notes[:2], b.theme.id)
    themes.delete_theme(store, a.theme.id)
    before = _log_size(store)
    with pytest.raises(NotFound, match="nothing was changed"):
        revert(store, moved.undo)
    assert _log_size(store) == before
    assert get_theme(store, b.theme.id).note_ids == tuple(notes[:2])


def test_records_carry_the_product_field_names(store, session, notes):
    areas = {a.slug: a.id for a in focus_areas.list_focus_areas(store, session.system_id)}
    made, _ = themes.create_theme(store, session.id, "Trust", notes[:2], synthesis="S.",
                                  focus_area_ids=[areas["community-led"]])
    assert made.theme
    votes.add_votes(store, made.theme.id, 3)
    [record] = theme_records(store, list_themes(store, session.id))
    assert record == {"id": made.theme.id, "session_id": session.id, "title": "Trust",
                      "synthesis": "S.", "focus_areas": ["community-led"], "votes": 3,
                      "note_ids": notes[:2], "recurring_id": None}
