"""The learning-system view: details, focus areas, free tags and sessions, all undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QColorDialog, QLineEdit, QSpinBox

from app.services.planning import focus_areas, systems
from app.services.planning.sessions import create_session
from app.ui.views.system.add_focus_area import AddFocusAreaDialog
from app.ui.views.system.focus_area_model import COLOUR, KEY, NAME, STATUS
from app.ui.views.system.system_view import SystemView
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets
from tests.ui.session_helpers import show_active


@pytest.fixture
def view(ctx, system, qtbot):
    return show_active(qtbot, SystemView(ctx, system.id), (1100, 800))


def _names(ctx, system) -> list[str]:
    return [a.name for a in focus_areas.list_focus_areas(ctx.store, system.id)]


def _edit_cell(qtbot, view: SystemView, row: int, column: int, text: str) -> None:
    """Type into a table cell the way a person does: F2, replace the text, Enter."""
    table = view.focus_areas.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit | QSpinBox), editor
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def test_every_control_is_named(view):
    assert unnamed_widgets(view) == []
    assert clashing_mnemonics(view) == {}


def test_the_table_shows_key_name_slug_and_colour_in_words(view):
    model = view.focus_areas.model
    assert [model.index(r, KEY).data() for r in range(4)] == ["1", "2", "3", "4"]
    assert model.index(0, NAME).data() == "Community Led Approaches"
    assert model.index(0, COLOUR).data() == "Dark green (#1B7F5B)"
    assert model.index(0, STATUS).data() == "In use"
    assert "Quick keys in use: 4 of 9." in view.focus_areas.keys_note.text()


def test_renaming_in_the_table_is_saved_and_undone(view, ctx, system, qtbot):
    _edit_cell(qtbot, view, 2, NAME, "Planning together")
    assert _names(ctx, system)[2] == "Planning together"
    assert view.focus_areas.model.index(2, NAME).data() == "Planning together"
    ctx.undo_stack.undo()
    assert _names(ctx, system)[2] == "Strategic Planning"
    assert view.focus_areas.model.index(2, NAME).data() == "Strategic Planning"


def test_a_duplicate_quick_key_is_refused_with_the_services_sentence(view, ctx, system, qtbot,
                                                                     refusals):
    _edit_cell(qtbot, view, 1, KEY, "1")
    assert refusals == ["Quick key 1 is already used by 'Community Led Approaches'."]
    assert [a.key for a in focus_areas.list_focus_areas(ctx.store, system.id)] == [1, 2, 3, 4]
    assert ctx.undo_stack.count() == 0


def test_a_key_can_be_changed_and_freed(view, ctx, system, qtbot):
    _edit_cell(qtbot, view, 3, KEY, "7")
    assert focus_areas.list_focus_areas(ctx.store, system.id)[3].key == 7
    _edit_cell(qtbot, view, 3, KEY, "0")
    assert focus_areas.list_focus_areas(ctx.store, system.id)[3].key is None
    assert view.focus_areas.model.index(3, KEY).data() == "–"


def test_alt_down_and_alt_up_move_a_focus_area(view, ctx, system, qtbot):
    table = view.focus_areas.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, NAME))
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _names(ctx, system)[:2] == ["Emerging Community Service Needs in Integration",
                                       "Community Led Approaches"]
    assert table.currentIndex().row() == 1  # the selection follows the moved row
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _names(ctx, system)[0] == "Community Led Approaches"
    ctx.undo_stack.undo()
    assert _names(ctx, system)[0] == "Emerging Community Service Needs in Integration"


def test_dropping_a_dragged_row_reorders(view, ctx, system):
    model = view.focus_areas.model
    data = model.mimeData([model.index(0, NAME)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 4, 0, model.index(-1, -1))
    assert _names(ctx, system)[-1] == "Community Led Approaches"
    data = model.mimeData([model.index(3, NAME)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index(1, NAME))
    assert _names(ctx, system)[1] == "Community Led Approaches"


def test_retire_and_bring_back(view, ctx, system, qtbot):
    panel = view.focus_areas
    panel.table.setCurrentIndex(panel.model.index(3, NAME))
    assert panel.retire_button.text() == "&Retire"
    qtbot.mouseClick(panel.retire_button, Qt.MouseButton.LeftButton)
    assert focus_areas.list_focus_areas(ctx.store, system.id)[3].retired
    assert panel.model.index(3, STATUS).data() == "Retired"
    assert panel.retire_button.text() == "B&ring back"
    qtbot.mouseClick(panel.retire_button, Qt.MouseButton.LeftButton)
    assert not focus_areas.list_focus_areas(ctx.store, system.id)[3].retired


def test_recolour_through_the_colour_dialog(view, ctx, system, qtbot, monkeypatch):
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args, **kw: QColor("#00717f"))
    panel = view.focus_areas
    panel.table.setCurrentIndex(panel.model.index(0, COLOUR))
    qtbot.mouseClick(panel.recolour_button, Qt.MouseButton.LeftButton)
    assert focus_areas.list_focus_areas(ctx.store, system.id)[0].colour == "#00717F"
    assert panel.model.index(0, COLOUR).data() == "Dark teal (#00717F)"
    ctx.undo_stack.undo()
    assert focus_areas.list_focus_areas(ctx.store, system.id)[0].colour == "#1B7F5B"


def test_adding_until_all_nine_keys_are_used_says_so(view, ctx, system, qtbot):
    panel = view.focus_areas
    names = ["Unpaid carers", "Digital inclusion", "Workforce", "Rural transport",
             "Young people", "Ten"]

    def fill(name: str) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AddFocusAreaDialog)
        assert unnamed_widgets(dialog) == []
        assert clashing_mnemonics(dialog) == {}
        qtbot.keyClicks(dialog.name, name)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    for name in names:
        QTimer.singleShot(0, lambda name=name: fill(name))
        created = panel.add()
        assert created is not None and created.name == name
    keys = [a.key for a in focus_areas.list_focus_areas(ctx.store, system.id)]
    assert keys == [1, 2, 3, 4, 5, 6, 7, 8, 9, None]
    assert "All nine quick keys are in use" in panel.keys_note.text()
    assert panel.model.rowCount() == 10


def test_details_are_committed_when_editing_finishes(view, ctx, system, qtbot):
    details = view.details
    details.purpose.setFocus()
    details.purpose.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(details.purpose, " across the islands")
    assert systems.get_system(ctx.store, system.id).purpose == "Learn together"  # not yet
    details.principles.setFocus()  # focus leaves: the edit is one step
    assert systems.get_system(ctx.store, system.id).purpose == "Learn together across the islands"
    qtbot.keyClicks(details.principles, "Equity and equality")
    details.name.setFocus()
    assert systems.get_system(ctx.store, system.id).principles == "Equity and equality"
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert systems.get_system(ctx.store, system.id).purpose == "Learn together"
    assert details.purpose.toPlainText() == "Learn together"


def test_an_empty_name_is_refused_and_the_old_one_shown(view, ctx, system, qtbot, refusals):
    name = view.details.name
    name.setFocus()
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert refusals == ["Name cannot be empty."]
    assert name.text() == system.name


def test_tags_add_rename_delete_and_undo(view, ctx, system, qtbot):
    tags = view.tags
    qtbot.keyClicks(tags.new_tag, "#Digital")
    qtbot.keyClick(tags.new_tag, Qt.Key.Key_Return)
    qtbot.keyClicks(tags.new_tag, "trust")
    qtbot.mouseClick(tags.add_button, Qt.MouseButton.LeftButton)
    assert [t.name for t in focus_areas.list_tags(ctx.store, system.id)] == ["digital", "trust"]
    assert tags.model.index(0).data() == "#digital"

    assert tags.model.setData(tags.model.index(1), "relationships")
    assert [t.name for t in focus_areas.list_tags(ctx.store, system.id)] == ["digital",
                                                                            "relationships"]
    tags.list.setCurrentIndex(tags.model.index(0))
    qtbot.mouseClick(tags.delete_button, Qt.MouseButton.LeftButton)
    assert [t.name for t in focus_areas.list_tags(ctx.store, system.id)] == ["relationships"]
    ctx.undo_stack.undo()
    assert [t.name for t in focus_areas.list_tags(ctx.store, system.id)] == ["digital",
                                                                            "relationships"]
    assert tags.model.rowCount() == 2


def test_sessions_are_listed_and_can_be_opened_or_planned(view, ctx, system, session, qtbot):
    panel = view.sessions
    ctx.announce(create_session(ctx.store, system.id, "Learning network meeting",
                                session.starts.replace(year=2027))[1])
    assert panel.model.rowCount() == 2
    assert panel.model.index(0).data().startswith(session.title)
    assert not panel.empty.isVisible()
    with qtbot.waitSignal(view.open_session) as opened:
        panel.list.setCurrentIndex(panel.model.index(0))
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [session.id]
    with qtbot.waitSignal(view.new_session) as planned:
        qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    assert planned.args == [system.id]


def test_an_edit_made_elsewhere_updates_the_row_without_a_reset(view, ctx, system):
    model = view.focus_areas.model
    resets: list[bool] = []
    model.modelAboutToBeReset.connect(lambda: resets.append(True))
    area = focus_areas.list_focus_areas(ctx.store, system.id)[1]
    ctx.announce(focus_areas.update_focus_area(ctx.store, area.id, name="Housing and need")[1])
    assert model.index(1, NAME).data() == "Housing and need"
    ctx.announce(systems.update_system(ctx.store, system.id, name="Western Isles")[1])
    assert view.title.text() == "Western Isles"
    assert resets == []


def test_tab_goes_through_the_page_in_reading_order(view):
    order = [view.details.name, view.details.purpose, view.details.principles,
             view.focus_areas.table, view.focus_areas.add_button, view.sessions.list,
             view.sessions.new_button, view.tags.list, view.tags.rename_button,
             view.tags.delete_button, view.tags.new_tag, view.tags.add_button]
    chain, widget = [], view.details.name
    for _ in range(500):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is view.details.name:
            break
    positions = [chain.index(w) for w in order]
    assert positions == sorted(positions)
