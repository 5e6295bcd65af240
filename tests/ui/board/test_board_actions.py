"""Every board action from the board of cards, each one undo step checked in the store: made,
undone and redone. Dialogs are filled in as a person would, and accepted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from app.services.sensemaking import themes as theme_service
from app.ui.item_models.board_model import TRAY
from app.ui.views.board.board_dialogs import (
    FocusAreasDialog,
    TextDialog,
    ThemePicker,
    VotesDialog,
)
from tests.ui.board.conftest import finish, themes_of, tray_of


def select_in_card(page, key: str, count: int) -> list[str]:
    """Select the first `count` notes of a card, as Shift+Down would."""
    card = page.canvas.focus_card(key)
    for _ in range(count - 1):
        QTest.keyClick(card.notes, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    return card.notes.selected_ids()


def undo_redo(page, check_done, check_undone) -> None:
    """Checks (which assert, or say True) after the action, its undo and its redo."""
    for check in (check_done, lambda: page.ctx.undo_stack.undo(), check_undone,
                  lambda: page.ctx.undo_stack.redo(), check_done):
        assert check() is not False


def test_new_theme_from_selected_tray_notes(page):
    before = [t.id for t in themes_of(page)]
    chosen = select_in_card(page, TRAY, 2)
    assert len(chosen) == 2
    QTest.keyClick(page.canvas.cards[TRAY].notes, Qt.Key.Key_T,
                   Qt.KeyboardModifier.ControlModifier)
    dialog = page.board_actions.dialog
    assert isinstance(dialog, TextDialog) and dialog.text()  # starts from the note's words
    finish(page, lambda d: d.editor.setText("Getting there"))

    def made() -> None:
        new = [t for t in themes_of(page) if t.id not in before]
        assert len(new) == 1 and new[0].title == "Getting there"
        assert set(new[0].note_ids) == set(chosen)
        assert page.model.top_index(new[0].id).isValid()

    def gone() -> None:
        assert [t.id for t in themes_of(page)] == before
        assert set(chosen) <= set(tray_of(page))

    undo_redo(page, made, gone)


def test_move_to_theme_picker_filters_by_typing(page, qtbot):
    first, second = themes_of(page)[:2]
    chosen = select_in_card(page, TRAY, 1)
    QTest.keyClick(page.canvas.cards[TRAY].notes, Qt.Key.Key_M,
                   Qt.KeyboardModifier.ControlModifier)
    picker = page.board_actions.dialog
    assert isinstance(picker, ThemePicker)
    QTest.keyClicks(picker.search, second.title.split()[0])
    assert picker.current() == second.id
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.parent_of[chosen[0]] == second.id)
    undo_redo(page, lambda: chosen[0] in themes_of(page)[1].note_ids,
              lambda: chosen[0] in tray_of(page))
    # Back to the tray from the theme, by the same picker.
    page.canvas.reveal(second.id, chosen)
    page.board_actions.move_to.trigger()
    picker = page.board_actions.dialog
    QTest.keyClicks(picker.search, "tray")
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert chosen[0] in tray_of(page)
    assert first.id in page.model.themes


def test_move_to_a_new_theme_from_the_picker(page):
    chosen = select_in_card(page, TRAY, 1)
    page.board_actions.move_to.trigger()
    picker = page.board_actions.dialog
    QTest.keyClicks(picker.search, "new theme")
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    finish(page, lambda d: d.editor.setText("Fresh"))
    fresh = [t for t in themes_of(page) if t.title == "Fresh"]
    assert fresh and fresh[0].note_ids == tuple(chosen)


def test_rename_with_f2_and_write_a_synthesis(page):
    first = themes_of(page)[0]
    card = page.canvas.focus_card(first.id)
    QTest.keyClick(card.notes, Qt.Key.Key_F2)
    finish(page, lambda d: d.editor.setText("Cost of living"))
    undo_redo(page, lambda: themes_of(page)[0].title == "Cost of living"
              and card.title.text() == "Cost of living",
              lambda: themes_of(page)[0].title == first.title)
    QTest.keyClick(card.notes, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    finish(page, lambda d: d.editor.setPlainText("Costs rose first for those with least."))
    assert themes_of(page)[0].synthesis == "Costs rose first for those with least."
    assert card.synthesis.toolTip() == "Costs rose first for those with least."
    page.ctx.undo_stack.undo()
    assert themes_of(page)[0].synthesis == first.synthesis


def test_merge_picks_a_theme_then_asks(page):
    keep, other = themes_of(page)[:2]
    page.canvas.focus_card(keep.id)
    page.board_actions.merge.trigger()
    picker = page.board_actions.dialog
    assert isinstance(picker, ThemePicker)
    assert keep.title not in [picker.choices.item(r).text()
                              for r in range(picker.choices.count())]
    QTest.keyClicks(picker.search, other.title)
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    box = page.board_actions.dialog
    assert isinstance(box, QMessageBox) and other.title in box.text()
    assert [t.id for t in themes_of(page)][:2] == [keep.id, other.id]  # nothing yet
    box.button(QMessageBox.StandardButton.Ok).click()

    def merged() -> None:
        now = themes_of(page)
        assert other.id not in {t.id for t in now}
        assert set(now[0].note_ids) == set(keep.note_ids) | set(other.note_ids)
        assert now[0].votes == keep.votes + other.votes
        assert other.id not in page.model.themes

    def apart() -> None:
        now = themes_of(page)
        assert [t.id for t in now][:2] == [keep.id, other.id]
        assert now[1].note_ids == other.note_ids
        assert page.model.top_index(other.id).isValid()

    undo_redo(page, merged, apart)


def test_split_out_selected_notes(page):
    source = themes_of(page)[0]
    chosen = select_in_card(page, source.id, 2)
    QTest.keyClick(page.canvas.cards[source.id].notes, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    finish(page, lambda d: d.editor.setText("Split off"))

    def split() -> None:
        now = themes_of(page)
        assert now[1].title == "Split off" and set(now[1].note_ids) == set(chosen)

    undo_redo(page, split, lambda: themes_of(page)[0].note_ids == source.note_ids)


def test_delete_a_theme_sends_its_notes_to_the_tray(page):
    first = themes_of(page)[0]
    card = page.canvas.focus_card(first.id)
    QTest.keyClick(card.notes, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)

    def deleted() -> None:
        assert first.id not in {t.id for t in themes_of(page)}
        assert set(first.note_ids) <= set(tray_of(page))
        assert first.id not in page.canvas.cards

    undo_redo(page, deleted, lambda: themes_of(page)[0].note_ids == first.note_ids)


def test_reorder_by_keyboard(page):
    ids = [t.id for t in themes_of(page)]
    card = page.canvas.focus_card(ids[0])
    QTest.keyClick(card.notes, Qt.Key.Key_Down,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    undo_redo(page, lambda: [t.id for t in themes_of(page)][:2] == [ids[1], ids[0]]
              and page.model.order[:2] == [ids[1], ids[0]],
              lambda: [t.id for t in themes_of(page)] == ids == page.model.order)
    card = page.canvas.focus_card(ids[0])
    QTest.keyClick(card.notes, Qt.Key.Key_Right,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [t.id for t in themes_of(page)][2] == ids[0]
    # The card keeps the focus as it moves, so the keys can be pressed again.
    assert page.canvas.current_theme() == ids[0]


def test_votes_by_buttons_keys_and_typed_count(page):
    first = themes_of(page)[0]
    card = page.canvas.focus_card(first.id)
    card.plus.click()
    assert themes_of(page)[0].votes == first.votes + 1
    assert card.spin.value() == first.votes + 1
    card.minus.click()
    assert themes_of(page)[0].votes == first.votes
    QTest.keyClick(card.notes, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert themes_of(page)[0].votes == first.votes + 1
    page.ctx.undo_stack.undo()
    assert themes_of(page)[0].votes == first.votes
    card.spin.setFocus()
    card.spin.lineEdit().selectAll()
    QTest.keyClicks(card.spin, "20")
    QTest.keyClick(card.spin, Qt.Key.Key_Return)
    assert themes_of(page)[0].votes == 20
    page.canvas.focus_card(first.id)
    page.board_actions.record_votes.trigger()
    assert isinstance(page.board_actions.dialog, VotesDialog)
    finish(page, lambda d: d.spin.setValue(7))
    assert themes_of(page)[0].votes == 7
    page.ctx.undo_stack.undo()
    assert themes_of(page)[0].votes == 20


def test_taking_a_vote_from_none_is_refused_with_a_sentence(page, refusals):
    theme = theme_service.create_theme(page.ctx.store, page.session_id, "No votes")[0].theme
    page.ctx.announce(theme_service.update_theme(page.ctx.store, theme.id, title="No votes")[1])
    page.board_actions.add_votes(-1, theme.id)
    assert refusals and "cannot be taken away" in refusals[-1]


def test_sort_by_votes_keeps_the_board_order(page):
    ids = [t.id for t in themes_of(page)]
    page.board_actions.add_votes(100, ids[-1])
    page.board_actions.sort_by_votes.trigger()
    assert page.model.order[0] == ids[-1]
    assert page.canvas.cards[ids[-1]].geometry().topLeft() == page.canvas.slot(0)
    assert [t.id for t in themes_of(page)] == ids
    page.canvas.focus_card(ids[0])
    page.board_actions.earlier.trigger()  # refused while sorted: the board order is not shown
    assert [t.id for t in themes_of(page)] == ids
    page.board_actions.sort_by_votes.trigger()
    assert page.model.order == ids


def test_focus_areas_are_suggested_from_the_notes(page):
    first = themes_of(page)[0]
    page.ctx.announce(theme_service.set_focus_areas(page.ctx.store, first.id, [])[1])
    page.canvas.focus_card(first.id)
    page.board_actions.focus_areas.trigger()
    dialog = page.board_actions.dialog
    assert isinstance(dialog, FocusAreasDialog)
    suggested = [box for box in dialog.boxes.values() if "suggested" in box.text()]
    assert suggested
    suggested[0].setChecked(True)
    finish(page)
    tagged = themes_of(page)[0].focus_area_ids
    assert len(tagged) == 1
    assert page.canvas.cards[first.id].chips.texts()
    page.ctx.undo_stack.undo()
    assert themes_of(page)[0].focus_area_ids == ()


def test_actions_without_a_theme_say_what_to_do(page):
    page.canvas.focus_card(TRAY)
    messages = []
    page.ctx.bus.status.connect(messages.append)
    page.board_actions.rename.trigger()
    assert messages and "Choose a theme first" in messages[-1]
    page.canvas.cards[TRAY].notes.clearSelection()
    page.board_actions.new_theme.trigger()
    assert "Select the notes" in messages[-1]


def test_hooks_for_suggestions_presenter_and_recurring_themes(page, qtbot):
    with qtbot.waitSignal(page.suggest_requested):
        page.suggest_action.trigger()
    with qtbot.waitSignal(page.present_requested):
        page.present_action.trigger()
    first = themes_of(page)[0]
    page.canvas.focus_card(first.id)
    with qtbot.waitSignal(page.link_theme_requested) as linked:
        page.board_actions.link.trigger()
    assert linked.args == [first.id]
    toolbar = page.toolbar.actions()
    assert page.suggest_action in toolbar and page.present_action in toolbar


def test_a_cards_context_menu_has_the_theme_actions(page):
    first = themes_of(page)[0]
    card = page.canvas.card(first.id)
    card.context_asked.emit(card.rect().center())
    menu = page.context_menu
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert "&Link to a recurring theme…" in texts and "&Rename theme…" in texts
    assert page.canvas.current_theme() == first.id
    # Shortcuts are shown beside the actions in the menu and in their tooltips.
    assert page.board_actions.rename.shortcut().toString() == "F2"
    assert "(F2)" in page.board_actions.rename.toolTip()
    menu.close()


def test_undo_brings_the_theme_it_touched_into_view(page, qtbot):
    store, tray = page.ctx.store, tray_of(page)
    for n in range(12):  # enough themes that the last card is far below the first
        page.ctx.announce(theme_service.create_theme(store, page.session_id, f"Extra {n}",
                                                     tray[:1] if n == 11 else [])[1])
    last = page.model.order[-1]
    note = themes_of(page)[-1].note_ids[0]
    bar = page.canvas.area.verticalScrollBar()

    def in_view() -> bool:
        card = page.canvas.cards.get(last)
        if card is None or not card.isVisible():
            return False
        top = card.mapTo(page.canvas.area.viewport(), card.rect().topLeft()).y()
        return 0 <= top < page.canvas.area.viewport().height()

    page.board_actions.drop_notes([note], "")
    bar.setValue(0)
    assert not in_view()
    page.ctx.undo_stack.undo()
    assert note in themes_of(page)[-1].note_ids
    assert in_view()


def test_dropping_a_theme_on_another_card_reorders_the_board(page):
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    ids = [t.id for t in themes_of(page)]
    target = page.canvas.card(ids[2])
    data = page.model.mimeData([page.model.top_index(ids[0])])
    at = target.title.geometry().center()
    for kind in (QDragEnterEvent, QDragMoveEvent, QDropEvent):
        QApplication.sendEvent(target, kind(at, Qt.DropAction.MoveAction, data,
                                            Qt.MouseButton.LeftButton,
                                            Qt.KeyboardModifier.NoModifier))
    assert [t.id for t in themes_of(page)][2] == ids[0]
    assert page.canvas.cards[ids[0]].geometry().topLeft() == page.canvas.slot(2)
    page.ctx.undo_stack.undo()
    assert [t.id for t in themes_of(page)] == ids


def test_dropping_notes_on_a_theme_row_of_the_outline(page):
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    page.show_view(1)
    outline = page.outline
    first, second = themes_of(page)[:2]
    notes = list(first.note_ids[:2])
    data = page.model.mimeData([page.model.note_index(n) for n in notes])
    row = outline.visualRect(page.model.top_index(second.id))
    for kind in (QDragEnterEvent, QDragMoveEvent, QDropEvent):
        QApplication.sendEvent(outline.viewport(), kind(
            row.center(), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier))
    assert set(notes) <= set(themes_of(page)[1].note_ids)
    assert all(page.model.parent_of[n] == second.id for n in notes)


def test_undo_and_changes_after_the_board_is_gone(ctx, sample_session, settings, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from app.ui.views.board.board_view import BoardView

    page = BoardView(ctx, sample_session.id, settings=settings)
    page.show()
    first = page.model.order[0]
    page.board_actions.add_votes(2, first)
    ctx.announce(theme_service.update_theme(ctx.store, first, title="Seen last")[1])
    page.close()
    page.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # The undo stack and the bus outlive the page: nothing of it may still listen.
    ctx.undo_stack.undo()
    ctx.undo_stack.redo()
    ctx.announce(theme_service.update_theme(ctx.store, first, title="Still fine")[1])
    assert ctx.undo_stack.index() == 1
