"""A board operation pushed with `push_board` is one undo step: undo and redo go through the
store (same ids each time), the change bus hears each, and a refused or empty one pushes nothing."""

from __future__ import annotations

from app.services import capture
from app.services.sensemaking import themes
from app.services.sensemaking.theme_query import list_themes
from app.ui.commands import push_board


def _board(store, session_id):
    return [(t.title, t.note_ids) for t in list_themes(store, session_id)]


def test_a_merge_is_one_step_undone_and_redone_with_the_same_ids(ctx, session, refusals):
    store = ctx.store
    notes = [capture.add_note(store, session.id, text)[0].id
             for text in ("Ferry times", "Bus times", "Door knocking")]
    trust = push_board(ctx, None, "New theme",
                       lambda: themes.create_theme(store, session.id, "Travel", notes[:1]))
    other = push_board(ctx, None, "New theme",
                       lambda: themes.create_theme(store, session.id, "Buses", notes[1:2]))
    assert trust is not None and other is not None and trust.theme and other.theme
    heard = []
    ctx.bus.changed.connect(heard.append)
    merged = push_board(ctx, None, "Merge themes",
                        lambda: themes.merge_themes(store, trust.theme.id, other.theme.id))
    assert merged is not None and ctx.undo_stack.count() == 3
    assert ctx.undo_stack.undoText() == "Merge themes"
    assert _board(store, session.id) == [("Travel", tuple(notes[:2]))]

    ctx.undo_stack.undo()
    assert _board(store, session.id) == [("Travel", (notes[0],)), ("Buses", (notes[1],))]
    assert [t.id for t in list_themes(store, session.id)] == [trust.theme.id, other.theme.id]
    ctx.undo_stack.redo()
    assert _board(store, session.id) == [("Travel", tuple(notes[:2]))]
    assert len(heard) == 3 and all(heard) and refusals == []


def test_a_refused_or_empty_operation_pushes_no_step(ctx, session, refusals):
    store = ctx.store
    note = capture.add_note(store, session.id, "Ferry times")[0].id
    assert push_board(ctx, None, "Merge themes",
                      lambda: themes.merge_themes(store, "nope", "nope")) is None
    assert len(refusals) == 1 and ctx.undo_stack.count() == 0
    assert push_board(ctx, None, "Move to tray", lambda: themes.move_notes(store, [note], None))
    assert ctx.undo_stack.count() == 0  # the note was in the tray already: nothing to undo
