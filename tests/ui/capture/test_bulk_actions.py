"""Bulk capture actions: each is one service operation and one undo step, all or nothing.

For each, a record k that can no longer be saved (changed "meanwhile", as by another window or
`cairn`, so the view has not heard of it) refuses the whole action: nothing is committed, no
undo step is pushed and the list is unchanged. A successful one is one step that Undo takes
back whole, and the status bar says what was done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import capture
from app.services.planning import focus_areas
from app.ui.item_models.import_review import SOURCE, TEXT
from tests.ui.capture_helpers import fill, rows, select_rows, stored

WAIT = 20_000


def retire_meanwhile(ctx, session, slug: str) -> None:
    """Retire a focus area behind the view's back (nothing announced)."""
    area = next(a for a in focus_areas.list_focus_areas(ctx.store, session.system_id)
                if a.slug == slug)
    focus_areas.update_focus_area(ctx.store, area.id, retired=True)


def status_messages(ctx) -> list[str]:
    said: list[str] = []
    ctx.bus.status.connect(said.append)
    return said


# --- pasted lines ----------------------------------------------------------------------------

def test_pasted_lines_are_one_step_that_undo_takes_back(ctx, session, view, qtbot):
    said = status_messages(ctx)
    QApplication.clipboard().setText("Ferries decide\nBroadband drops out\nWe knocked\n")
    view.composer.entry.paste()
    steps = ctx.undo_stack.count()
    view.composer.paste_offer.split_button.click()
    assert rows(view) == ["We knocked", "Broadband drops out", "Ferries decide"]
    assert ctx.undo_stack.count() == steps + 1
    assert ctx.undo_stack.undoText() == "Add 3 pasted notes"
    assert said[-1] == "Added 3 notes."
    ctx.undo_stack.undo()
    assert stored(ctx, session.id) == [] and rows(view) == []
    ctx.undo_stack.redo()
    assert sorted(rows(view)) == ["Broadband drops out", "Ferries decide", "We knocked"]


def test_a_pasted_line_that_cannot_be_saved_saves_none(ctx, session, view, qtbot, refusals):
    fill(qtbot, view, "Already here")
    QApplication.clipboard().setText("Ferries decide\nPlanning came late #strategic-planning\n"
                                     "We knocked\n")
    view.composer.entry.paste()
    retire_meanwhile(ctx, session, "strategic-planning")
    steps = ctx.undo_stack.count()
    view.composer.paste_offer.split_button.click()
    assert [n.text for n in stored(ctx, session.id)] == ["Already here"]
    assert ctx.undo_stack.count() == steps
    assert rows(view) == ["Already here"]
    assert len(refusals) == 1 and refusals[0].startswith("Note 2")
    assert "nothing was saved" in refusals[0]
    assert "Planning came late" in view.composer.entry.toPlainText()  # nothing typed is lost


# --- delete, star, retag ---------------------------------------------------------------------

def test_deleting_three_is_one_step_and_says_so(ctx, session, view, qtbot):
    said = status_messages(ctx)
    fill(qtbot, view, "first", "second", "third", "fourth")
    select_rows(view, 0, 1, 3)
    steps = ctx.undo_stack.count()
    qtbot.keyClick(view.notes, Qt.Key.Key_Delete)
    assert rows(view) == ["second"]
    assert ctx.undo_stack.count() == steps + 1 and ctx.undo_stack.undoText() == "Delete 3 notes"
    assert said[-1] == "Deleted 3 notes. Undo brings them back."
    ctx.undo_stack.undo()
    assert rows(view) == ["fourth", "third", "second", "first"]
    assert len(stored(ctx, session.id)) == 4


def test_deleting_several_when_one_is_gone_deletes_none(ctx, session, view, qtbot, refusals):
    fill(qtbot, view, "first", "second", "third")
    ids = [view.model.id_at(r) for r in range(3)]
    capture.delete_note(ctx.store, ids[1])  # "second", deleted meanwhile
    select_rows(view, 0, 1, 2)
    steps = ctx.undo_stack.count()
    qtbot.keyClick(view.notes, Qt.Key.Key_Delete)
    assert [n.text for n in stored(ctx, session.id)] == ["third", "first"]
    assert ctx.undo_stack.count() == steps
    assert rows(view) == ["third", "second", "first"]  # unchanged: nothing was announced
    assert len(refusals) == 1


def test_starring_several_is_one_step(ctx, session, view, qtbot):
    said = status_messages(ctx)
    fill(qtbot, view, "first", "second", "third")
    select_rows(view, 0, 2)
    steps = ctx.undo_stack.count()
    qtbot.keyClick(view.notes, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [n.starred for n in stored(ctx, session.id)] == [True, False, True]
    assert ctx.undo_stack.count() == steps + 1
    assert said[-1] == "Starred 2 notes."
    ctx.undo_stack.undo()
    assert [n.starred for n in stored(ctx, session.id)] == [False, False, False]
    assert not any(view.model.card(r).note.starred for r in range(3))


def test_starring_several_when_one_is_gone_stars_none(ctx, session, view, qtbot, refusals):
    fill(qtbot, view, "first", "second", "third")
    gone = view.model.id_at(2)
    capture.delete_note(ctx.store, gone)  # "first", deleted meanwhile
    select_rows(view, 0, 2)
    steps = ctx.undo_stack.count()
    qtbot.keyClick(view.notes, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [n.starred for n in stored(ctx, session.id)] == [False, False]
    assert ctx.undo_stack.count() == steps
    assert rows(view) == ["third", "second", "first"]
    assert not any(view.model.card(r).note.starred for r in range(2))
    assert len(refusals) == 1


def test_retagging_several_when_one_is_gone_retags_none(ctx, session, view, qtbot, refusals):
    fill(qtbot, view, "first", "second", "third")
    capture.delete_note(ctx.store, view.model.id_at(1))
    select_rows(view, 0, 1, 2)
    steps = ctx.undo_stack.count()
    qtbot.keyClick(view.notes, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert all(n.focus_area_ids == () for n in stored(ctx, session.id))
    assert ctx.undo_stack.count() == steps
    assert view.model.card(0).chips == () and view.model.card(2).chips == ()
    assert len(refusals) == 1


# --- importing a file ------------------------------------------------------------------------

def _review(view, qtbot, path):
    view.import_dialog = None
    view.import_notes(path)
    qtbot.waitUntil(lambda: view.import_dialog is not None and view.import_dialog.isVisible(),
                    timeout=WAIT)
    return view.import_dialog


def test_an_import_with_a_note_that_cannot_be_saved_saves_none(ctx, session, view, qtbot,
                                                                 tmp_path):
    fill(qtbot, view, "Already here")
    path = tmp_path / "flipchart.txt"
    path.write_text("Ferries decide\nBroadband drops out\nPlanning came late #strategic-planning\n"
                    "We knocked\n", encoding="utf-8")
    dialog = _review(view, qtbot, path)
    retire_meanwhile(ctx, session, "strategic-planning")
    steps = ctx.undo_stack.count()
    with qtbot.waitSignal(ctx.tasks.finished, timeout=WAIT):
        dialog.add_button.click()
        assert not dialog.add_button.isEnabled() and dialog.add_button.text() == "Adding 4 notes…"
        assert not dialog.model.setData(dialog.model.index(0, TEXT), "Changed while saving")
        dialog.reject()  # Escape or Cancel: the dialog stays to say how it ended
        assert dialog.isVisible()
    assert [n.text for n in stored(ctx, session.id)] == ["Already here"]
    assert ctx.undo_stack.count() == steps
    assert rows(view) == ["Already here"]
    # The dialog stays open, says which note and why, and marks its row.
    assert dialog.isVisible()
    assert dialog.problem.text().startswith("Note 3 (line 3)")
    assert dialog.model.text(2, SOURCE) == "line 3: cannot be saved"
    assert dialog.view.currentIndex().row() == 2
    assert dialog.add_button.isEnabled()
    assert dialog.model.text(0, TEXT) == "Ferries decide"
    # Untick it: the other three go in, as one step.
    dialog.model.setData(dialog.model.index(2, TEXT), Qt.CheckState.Unchecked,
                         Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        dialog.add_button.click()
    assert len(stored(ctx, session.id)) == 4
    assert ctx.undo_stack.count() == steps + 1
    ctx.undo_stack.undo()
    assert rows(view) == ["Already here"]


def test_an_import_of_many_is_one_step_and_the_list_follows(ctx, session, view, qtbot, tmp_path):
    said = status_messages(ctx)
    path = tmp_path / "wall.txt"
    path.write_text("".join(f"Sticky note {n}\n" for n in range(1, 501)), encoding="utf-8")
    view.import_dialog = None
    view.import_notes(path)
    assert [t.label for t in ctx.tasks.shown()] == ["Reading wall.txt"]
    qtbot.waitUntil(lambda: view.import_dialog is not None and view.import_dialog.isVisible(),
                    timeout=WAIT)
    dialog = view.import_dialog
    assert dialog.add_button.text() == "&Add 500 notes"
    dialog.tick_none.click()
    assert dialog.add_button.text() == "&Add 0 notes" and not dialog.add_button.isEnabled()
    dialog.tick_all.click()
    steps = ctx.undo_stack.count()
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        dialog.add_button.click()
        # The notes are saved by the app's task manager, not on the GUI thread.
        assert [t.label for t in ctx.tasks.shown()] == ["Importing 500 notes from wall.txt"]
    assert ctx.undo_stack.count() == steps + 1
    assert view.model.total() == 500
    assert said[-1] == "Added 500 notes from wall.txt."
    assert ctx.undo_stack.undoText() == "Import 500 notes from wall.txt"
    ctx.undo_stack.undo()
    assert view.model.total() == 0 and stored(ctx, session.id) == []
    ctx.undo_stack.redo()
    assert view.model.total() == 500
