"""The board with the keyboard alone, the outline doing the same work, filters, accessible
names, and the way in from the main window and back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.models import NoteKind
from app.ui.item_models.board_model import ID_ROLE, TRAY
from app.ui.views.board.board_dialogs import ThemePicker
from app.ui.views.board.board_view import BoardView
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets
from tests.ui.board.conftest import finish, themes_of, tray_of

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def focused_card(page) -> str | None:
    widget = QApplication.focusWidget()
    for key, card in page.canvas.cards.items():
        if widget is not None and card.isAncestorOf(widget):
            return key
    return None


def test_arrow_keys_move_between_notes_and_cards(page, qtbot):
    order = page.model.order
    tray = page.canvas.focus_card(TRAY)
    qtbot.waitUntil(lambda: focused_card(page) == TRAY)
    QTest.keyClick(tray.notes, Qt.Key.Key_Down)
    assert tray.notes.currentIndex().row() == 1
    QTest.keyClick(tray.notes, Qt.Key.Key_Right)
    assert focused_card(page) == order[0]
    first = page.canvas.cards[order[0]]
    QTest.keyClick(first.notes, Qt.Key.Key_Right)
    assert focused_card(page) == order[1]
    QTest.keyClick(page.canvas.cards[order[1]].notes, Qt.Key.Key_Left)
    assert focused_card(page) == order[0]
    # Past the last note of a card, Down goes to the card below it.
    notes = first.notes
    for _ in range(page.model.rowCount(notes.rootIndex())):
        QTest.keyClick(notes, Qt.Key.Key_Down)
    below = order[page.canvas.columns()]
    assert focused_card(page) == below
    QTest.keyClick(page.canvas.cards[below].notes, Qt.Key.Key_Up)
    assert focused_card(page) == order[0]
    QTest.keyClick(first.notes, Qt.Key.Key_Left)
    assert focused_card(page) == TRAY
    # The card in use is outlined, whatever has focus inside it.
    assert page.canvas.cards[TRAY].has_focus_within()


def test_keyboard_only_clustering_on_the_board(page, qtbot):
    """Select with Shift+Down, make a theme with Ctrl+T, name it, move a note with Ctrl+M."""
    tray = page.canvas.focus_card(TRAY)
    QTest.keyClick(tray.notes, Qt.Key.Key_Down, SHIFT)
    chosen = tray.notes.selected_ids()
    QTest.keyClick(tray.notes, Qt.Key.Key_T, CTRL)
    dialog = page.board_actions.dialog
    dialog.editor.clear()
    QTest.keyClicks(dialog.editor, "Being heard")
    QTest.keyClick(dialog.editor, Qt.Key.Key_Return)
    made = [t for t in themes_of(page) if t.title == "Being heard"]
    assert made and set(made[0].note_ids) == set(chosen)
    page.activateWindow()
    qtbot.waitUntil(lambda: focused_card(page) == made[0].id)
    card = page.canvas.cards[made[0].id]
    moving = card.notes.selected_ids()
    assert len(moving) == 1
    QTest.keyClick(card.notes, Qt.Key.Key_M, CTRL)
    picker = page.board_actions.dialog
    assert isinstance(picker, ThemePicker)
    QTest.keyClick(picker.search, Qt.Key.Key_Down)  # the list moves from the search box
    QTest.keyClick(picker.search, Qt.Key.Key_Up)
    first = themes_of(page)[0]
    QTest.keyClicks(picker.search, first.title)
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert moving[0] in themes_of(page)[0].note_ids
    assert page.model.parent_of[moving[0]] == first.id


def test_the_outline_does_the_same_work(page, qtbot):
    page.show_view(1)
    outline = page.outline
    assert page.board_actions.show_outline.isChecked()
    qtbot.waitUntil(lambda: outline.hasFocus())
    tray = page.model.index(0)
    assert outline.isExpanded(tray)
    # Down from the tray's row to its first notes; Shift+Down selects two.
    outline.setCurrentIndex(tray)
    QTest.keyClick(outline, Qt.Key.Key_Down)
    QTest.keyClick(outline, Qt.Key.Key_Down, SHIFT)
    chosen = outline.selected_notes()
    assert len(chosen) == 2
    QTest.keyClick(outline, Qt.Key.Key_T, CTRL)
    finish(page, lambda d: d.editor.setText("From the outline"))
    made = [t for t in themes_of(page) if t.title == "From the outline"]
    assert made and set(made[0].note_ids) == set(chosen)
    assert page.model.themes[made[0].id].title == "From the outline"
    # F2 on a theme's row renames it; Ctrl+Shift+Up moves it up the board.
    outline.setCurrentIndex(page.model.top_index(made[0].id))
    QTest.keyClick(outline, Qt.Key.Key_F2)
    finish(page, lambda d: d.editor.setText("Renamed in the outline"))
    assert themes_of(page)[-1].title == "Renamed in the outline"
    outline.setCurrentIndex(page.model.top_index(made[0].id))
    QTest.keyClick(outline, Qt.Key.Key_Up, CTRL | SHIFT)
    assert [t.id for t in themes_of(page)][-2] == made[0].id
    # Move a note from a theme back to the tray with the picker.
    note = page.model.note_index(chosen[0])
    outline.setCurrentIndex(note)
    QTest.keyClick(outline, Qt.Key.Key_M, CTRL)
    picker = page.board_actions.dialog
    QTest.keyClicks(picker.search, "tray")
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert chosen[0] in tray_of(page)
    page.ctx.undo_stack.undo()
    assert chosen[0] not in tray_of(page)
    # Merge and delete from the outline's row.
    outline.setCurrentIndex(page.model.top_index(made[0].id))
    QTest.keyClick(outline, Qt.Key.Key_Delete, CTRL)
    assert made[0].id not in {t.id for t in themes_of(page)}
    assert not page.model.top_index(made[0].id).isValid()


def test_the_view_chosen_is_remembered(ctx, sample_session, settings, qtbot):
    first = BoardView(ctx, sample_session.id, settings=settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.activateWindow()
    first.focus_view()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, CTRL)
    assert first.outline_shown()
    again = BoardView(ctx, sample_session.id, settings=settings)
    qtbot.addWidget(again)
    assert again.outline_shown() and again.board_actions.show_outline.isChecked()
    again.board_actions.show_board.trigger()
    assert not again.outline_shown()


def test_filters_and_the_line_that_counts(page, qtbot):
    total = page.model.total
    assert page.filters.count.text() == f"{total} notes"
    assert not page.filters.panel.isVisible()
    page.filters.toggle.click()
    assert page.filters.panel.isVisible()
    page.filters.kind.setCurrentIndex(page.filters.kind.findData(NoteKind.BARRIER.value))
    shown = page.model.shown()
    assert 0 < shown < total
    assert page.filters.count.text() == f"Showing {shown} of {total} notes"
    assert page.outline.model() is page.model  # the outline shows the same filtered rows
    for key in page.model.notes_of:
        for row in range(page.model.rowCount(page.model.top_index(key))):
            index = page.model.index(row, 0, page.model.top_index(key))
            assert page.model.notes[index.data(ID_ROLE)].kind == NoteKind.BARRIER
    page.canvas.focus_card(TRAY)
    QTest.keyClick(page.canvas.cards[TRAY].notes, Qt.Key.Key_X, CTRL | SHIFT)
    assert page.model.shown() == total and page.filters.kind.currentIndex() == 0
    speaker = page.filters.speaker
    assert speaker.count() > 1
    speaker.setCurrentIndex(1)
    assert page.model.shown() < total
    page.filters.clear_button.click()
    assert page.model.shown() == total


def test_every_control_card_and_note_has_a_name(page):
    first = themes_of(page)[0]
    card = page.canvas.card(first.id)
    name = card.accessibleName()
    assert first.title in name and f"{first.votes} votes" in name
    assert f"{len(first.note_ids)} notes" in name
    assert card.spin.accessibleName() == f"Votes for {first.title}"
    assert card.plus.accessibleName() == f"Add a vote for {first.title}"
    note = page.model.note_index(first.note_ids[0])
    assert f"In theme {first.title}" in note.data(Qt.ItemDataRole.AccessibleTextRole)
    assert unnamed_widgets(page) == []
    assert accessible_problems(page) == []
    page.show_view(1)
    assert unnamed_widgets(page) == [] and accessible_problems(page) == []


def test_the_main_window_opens_the_board_and_goes_back(sample_session, window, qtbot):
    window.select(sample_session.system_id)
    assert not window.board_action.isEnabled()
    window.select(sample_session.id)
    assert window.board_action.isEnabled()
    assert window.board_action.shortcut().toString() == "F7"
    window.page.board_button.click()
    assert isinstance(window.page, BoardView)
    assert clashing_mnemonics(window) == {}
    assert unnamed_widgets(window) == []
    window.page.back_button.click()
    assert type(window.page).__name__ == "SessionView"
    QTest.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: isinstance(window.page, BoardView))
    assert window.page.session_id == sample_session.id


def test_tab_goes_through_the_cards_in_board_order(page, qtbot):
    order = page.model.order
    page.canvas.focus_card(TRAY)
    qtbot.waitUntil(lambda: focused_card(page) == TRAY)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_card(page) == order[0]
    for _ in range(4):  # the notes, −, the count, +
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_card(page) == order[1]


def test_double_clicking_a_cards_title_renames_the_theme(page):
    first = themes_of(page)[0]
    card = page.canvas.card(first.id)
    QTest.mouseDClick(card, Qt.MouseButton.LeftButton, pos=card.title.geometry().center())
    finish(page, lambda d: d.editor.setText("Renamed by mouse"))
    assert themes_of(page)[0].title == "Renamed by mouse"


def test_votes_split_and_synthesis_from_the_outline(page, qtbot):
    page.show_view(1)
    outline = page.outline
    first = themes_of(page)[0]
    outline.setCurrentIndex(page.model.top_index(first.id))
    QTest.keyClick(outline, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert themes_of(page)[0].votes == first.votes + 1
    assert f"{first.votes + 1} votes" in page.model.top_index(first.id).data(
        Qt.ItemDataRole.AccessibleTextRole)
    QTest.keyClick(outline, Qt.Key.Key_F2, SHIFT)
    finish(page, lambda d: d.editor.setPlainText("Written in the outline."))
    assert themes_of(page)[0].synthesis == "Written in the outline."
    outline.setCurrentIndex(page.model.note_index(first.note_ids[0]))
    QTest.keyClick(outline, Qt.Key.Key_Down, SHIFT)
    QTest.keyClick(outline, Qt.Key.Key_S, CTRL | SHIFT)
    finish(page, lambda d: d.editor.setText("Split in the outline"))
    split = themes_of(page)[1]
    assert split.title == "Split in the outline"
    assert set(split.note_ids) == set(first.note_ids[:2])
    page.ctx.undo_stack.undo()
    assert themes_of(page)[0].note_ids == first.note_ids
