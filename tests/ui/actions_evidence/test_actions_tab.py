"""The Actions tab on a real store: every action one undo step, checked in the store after undo
and redo; overdue actions first and said in words; filters; live refresh; keyboard only."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDateEdit, QLineEdit

from app.models import ActionStatus
from app.services.sensemaking import actions, themes
from app.ui.views.system.action_dialog import ActionDialog
from app.ui.views.system.actions_model import DUE, OWNER, STATUS, THEMES
from app.ui.views.system.actions_tab import ActionsTab, index_of
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets
from tests.ui.actions_evidence.dialog_driver import drive, focused

TODAY = date.today()


def add(ctx, system, what: str, **fields):
    """An action made elsewhere (another window, sync), announced as the app does."""
    made, changes = actions.create_action(ctx.store, system.id, what, **fields)
    ctx.announce(changes)
    return made


def cell(tab: ActionsTab, action_id: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    return index_of(tab, action_id, column).data(role)


def test_an_action_added_by_keyboard_in_the_dialog_is_one_undo_step(ctx, system, actions_tab,
                                                                     monkeypatch, qtbot):
    def steps(dialog: ActionDialog) -> None:
        assert focused() is dialog.what
        qtbot.keyClicks(dialog.what, "Book the community minibus for the March session")
        qtbot.keyClick(dialog.what, Qt.Key.Key_Tab)
        assert focused() is dialog.owner
        qtbot.keyClicks(dialog.owner, "Transport lead")
        qtbot.keyClick(dialog.owner, Qt.Key.Key_Tab)
        assert focused() is dialog.has_due
        qtbot.keyClick(dialog.has_due, Qt.Key.Key_Space)  # due in two weeks unless changed
        qtbot.keyClick(dialog.owner, Qt.Key.Key_Return)

    drive(monkeypatch, ActionDialog, qtbot, steps)
    actions_tab.add_button.setFocus()
    qtbot.keyClick(actions_tab.add_button, Qt.Key.Key_Space)
    found = actions.list_actions(ctx.store, system.id)
    assert [(x.action.what, x.action.owner, x.action.due) for x in found] == [
        ("Book the community minibus for the March session", "Transport lead",
         TODAY + timedelta(days=14))]
    made = found[0].action
    assert actions_tab.selected().action.id == made.id
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert actions.list_actions(ctx.store, system.id) == []
    assert actions_tab.model.rowCount() == 0
    ctx.undo_stack.redo()
    assert actions.get_action(ctx.store, made.id) == made  # the same record, the same id
    assert actions_tab.model.row_of(made.id) == 0


def test_edits_in_place_by_keyboard_status_and_delete_each_undo_and_redo(ctx, system,
                                                                         actions_tab, qtbot):
    made = add(ctx, system, "Map the small grants process", owner="Third sector interface",
               due=TODAY + timedelta(days=5))
    table = actions_tab.table
    table.setFocus()
    table.setCurrentIndex(index_of(actions_tab, made.id, OWNER))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = focused()
    assert isinstance(editor, QLineEdit) and editor.accessibleName() == "Owner"
    editor.selectAll()
    qtbot.keyClicks(editor, "HSCP strategic planning lead")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits once the key is handled
    qtbot.waitUntil(lambda: actions.get_action(ctx.store, made.id).owner
                    == "HSCP strategic planning lead")
    assert cell(actions_tab, made.id, OWNER) == "HSCP strategic planning lead"

    table.setCurrentIndex(index_of(actions_tab, made.id, DUE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    dates = focused()
    assert isinstance(dates, QDateEdit) and dates.accessibleName() == "Due"
    dates.setDate(dates.minimumDate())  # "No due date"
    assert dates.text() == "No due date"
    qtbot.keyClick(dates, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.get_action(ctx.store, made.id).due is None)
    assert cell(actions_tab, made.id, DUE) == "No due date"

    menu = actions_tab.status_button.menu()
    next(a for a in menu.actions() if a.text() == "Done").trigger()
    assert actions.get_action(ctx.store, made.id).status is ActionStatus.DONE
    assert cell(actions_tab, made.id, STATUS) == "Done"

    assert ctx.undo_stack.count() == 3
    ctx.undo_stack.undo()
    assert actions.get_action(ctx.store, made.id).status is ActionStatus.OPEN
    ctx.undo_stack.undo()
    assert actions.get_action(ctx.store, made.id).due == TODAY + timedelta(days=5)
    ctx.undo_stack.undo()
    assert actions.get_action(ctx.store, made.id).owner == "Third sector interface"
    for _ in range(3):
        ctx.undo_stack.redo()
    redone = actions.get_action(ctx.store, made.id)
    assert (redone.owner, redone.due, redone.status) == ("HSCP strategic planning lead", None,
                                                          ActionStatus.DONE)

    table.setCurrentIndex(index_of(actions_tab, made.id))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert actions.list_actions(ctx.store, system.id) == []
    assert actions_tab.model.rowCount() == 0
    ctx.undo_stack.undo()
    assert actions.get_action(ctx.store, made.id) == redone
    ctx.undo_stack.redo()
    assert actions.list_actions(ctx.store, system.id) == []


def test_an_edit_in_the_dialog_changes_only_what_changed(ctx, system, actions_tab, monkeypatch,
                                                         qtbot, themed):
    made = add(ctx, system, "Write a note on flexible commissioning", owner="Team",
               session_id=themed.first_session)

    def steps(dialog: ActionDialog) -> None:
        assert dialog.session.currentData() == themed.first_session
        dialog.status.setCurrentIndex(dialog.status.findData("in-progress"))
        dialog.session.setCurrentIndex(dialog.session.findData(themed.second_session))
        dialog.save_button.click()

    drive(monkeypatch, ActionDialog, qtbot, steps)
    actions_tab.table.setCurrentIndex(index_of(actions_tab, made.id))
    qtbot.keyClick(actions_tab.table, Qt.Key.Key_Return)  # Enter opens the whole action
    edited = actions.get_action(ctx.store, made.id)
    assert (edited.status, edited.session_id, edited.owner) == (
        ActionStatus.IN_PROGRESS, themed.second_session, "Team")
    ctx.undo_stack.undo()
    assert actions.get_action(ctx.store, made.id) == made


def test_overdue_actions_come_first_and_say_so_in_words_with_an_icon(ctx, system, actions_tab):
    later = add(ctx, system, "Host a learning network session", due=TODAY + timedelta(days=9))
    late = add(ctx, system, "Agree who owns the tablet lending scheme",
               due=TODAY - timedelta(days=3), status="in-progress")
    finished = add(ctx, system, "Keep the joint morning visits", due=TODAY - timedelta(days=30),
                   status="done")
    today = add(ctx, system, "Send the summary pack", due=TODAY)
    assert actions_tab.model.row_of(late.id) == 0
    assert cell(actions_tab, late.id, DUE) == "Overdue by 3 days"
    text = cell(actions_tab, late.id, DUE, Qt.ItemDataRole.ToolTipRole)
    assert text == f"Overdue by 3 days, due {TODAY - timedelta(days=3):%-d %b %Y}"
    assert cell(actions_tab, late.id, DUE, Qt.ItemDataRole.DecorationRole) is not None
    font = cell(actions_tab, late.id, DUE, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert cell(actions_tab, later.id, DUE, Qt.ItemDataRole.DecorationRole) is None
    assert not cell(actions_tab, finished.id, DUE).startswith("Overdue")  # done: not overdue
    assert cell(actions_tab, today.id, DUE).startswith("Due today")
    assert cell(actions_tab, late.id, DUE, Qt.ItemDataRole.AccessibleTextRole) == f"Due: {text}"
    assert actions_tab.count.text() == "4 actions · 1 overdue"
    actions_tab.table.setCurrentIndex(index_of(actions_tab, late.id))
    assert "Overdue by 3 days" in actions_tab.detail.text()

    actions_tab.overdue_only.setChecked(True)
    assert actions_tab.shown.rowCount() == 1
    assert actions_tab.count.text() == "4 actions · 1 overdue · 1 shown by the filters"
    actions_tab.overdue_only.setChecked(False)
    actions_tab.status_filter.setCurrentIndex(actions_tab.status_filter.findData("unfinished"))
    assert actions_tab.shown.rowCount() == 3
    actions_tab.status_filter.setCurrentIndex(actions_tab.status_filter.findData("done"))
    assert [actions_tab.shown.index(r, 0).data() for r in range(actions_tab.shown.rowCount())] \
        == ["Keep the joint morning visits"]


def test_filter_by_session_and_a_new_action_hidden_by_the_filters_is_shown(
        ctx, system, themed, actions_tab, monkeypatch, qtbot):
    add(ctx, system, "From the first workshop", session_id=themed.first_session)
    add(ctx, system, "From the second workshop", session_id=themed.second_session)
    sessions = actions_tab.session_filter
    sessions.setCurrentIndex(sessions.findData(themed.second_session))
    assert [actions_tab.shown.index(r, 0).data() for r in range(actions_tab.shown.rowCount())] \
        == ["From the second workshop"]

    def steps(dialog: ActionDialog) -> None:
        qtbot.keyClicks(dialog.what, "With no session")
        dialog.save_button.click()

    drive(monkeypatch, ActionDialog, qtbot, steps)
    actions_tab.add_action()
    assert sessions.currentIndex() == 0 and actions_tab.shown.rowCount() == 3
    assert actions_tab.selected().action.what == "With no session"


def test_the_table_follows_changes_made_elsewhere(ctx, system, themed, actions_tab):
    made = add(ctx, system, "Take the transport theme to the planning group",
               theme_ids=[themed.transport])
    assert actions_tab.model.row_of(made.id) == 0
    assert cell(actions_tab, made.id, THEMES) == "Community transport decides who can come"
    ctx.announce(themes.update_theme(ctx.store, themed.transport, title="Transport")[1])
    assert cell(actions_tab, made.id, THEMES) == "Transport"
    ctx.announce(actions.delete_action(ctx.store, made.id)[1])
    assert actions_tab.model.rowCount() == 0
    assert actions_tab.count.text().startswith("No actions yet")


def test_names_for_screen_readers_and_no_clashing_alt_keys(ctx, system, themed, window,
                                                          actions_tab):
    add(ctx, system, "Co-design a respite offer", due=TODAY - timedelta(days=1))
    actions_tab.table.setCurrentIndex(actions_tab.shown.index(0, 0))
    assert unnamed_widgets(actions_tab) == []
    assert accessible_problems(actions_tab) == []
    dialog = ActionDialog(ctx, system.id, actions_tab)
    assert unnamed_widgets(dialog) == [] and clashing_mnemonics(dialog) == {}
    dialog.close()
    window.select(system.id)
    view = window.page
    tab = next(i for i in range(view.tabs.count()) if view.tabs.tabText(i) == "Actions")
    view.tabs.setCurrentIndex(tab)
    assert isinstance(view.tab_page(tab), ActionsTab)
    assert clashing_mnemonics(window) == {}
    assert "&" not in view.tabs.tabText(tab)  # Ctrl+Tab moves between tabs


def test_tab_order_runs_from_the_filters_through_the_table_to_the_buttons(ctx, system,
                                                                         actions_tab, qtbot):
    add(ctx, system, "Map the small grants process")
    actions_tab.table.setCurrentIndex(actions_tab.shown.index(0, 0))
    actions_tab.status_filter.setFocus()
    seen = []
    for _ in range(8):
        seen.append(focused())
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    tab = actions_tab
    assert seen == [tab.status_filter, tab.session_filter, tab.overdue_only, tab.table,
                    tab.add_button, tab.edit_button, tab.themes_button, tab.status_button]
    assert focused() is tab.delete_button  # the destructive one last, at the end of its line


def test_the_due_cell_editor_keeps_a_date_typed(ctx, system, actions_tab, qtbot):
    made = add(ctx, system, "Send the pack")
    table = actions_tab.table
    table.setFocus()
    table.setCurrentIndex(index_of(actions_tab, made.id, DUE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = focused()
    assert isinstance(editor, QDateEdit) and editor.text() == "No due date"
    editor.setDate(QDate(2027, 2, 1))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.get_action(ctx.store, made.id).due == date(2027, 2, 1))
