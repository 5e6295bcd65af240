"""The agenda tab: timed blocks edited in place, reordered by keyboard and drag, all undoable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox

from app.services.planning import agenda, focus_areas, sessions
from app.ui.item_models.agenda_model import FOCUS, METHOD, MINUTES, TIME, TITLE
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets
from tests.ui.session_helpers import finish_editing, focused, press, titles


@pytest.fixture
def editor(view):
    view.tabs.setCurrentWidget(view.agenda)
    return view.agenda


def times(editor) -> list[str]:
    model = editor.model
    return [model.index(row, TIME).data() for row in range(model.rowCount())]


def edit_cell(qtbot, editor, row: int, column: int, text: str) -> None:
    """As a person does it: F2 on the cell, replace what is there, Enter."""
    table = editor.table
    editor.select(row, column)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    cell = focused()
    assert isinstance(cell, QLineEdit | QSpinBox), cell
    if isinstance(cell, QSpinBox):
        cell.lineEdit().selectAll()
        qtbot.keyClicks(cell.lineEdit(), text)
    else:
        cell.selectAll()
        qtbot.keyClicks(cell, text)
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    finish_editing(qtbot, table)


def test_blocks_show_clock_times_from_the_session_start(editor):
    assert times(editor) == ["10:00–10:10", "10:10–10:20", "10:20–10:35", "10:35–10:55",
                             "10:55–11:00", "11:00–11:15", "11:15–11:25", "11:25–11:30"]
    assert editor.model.index(3, TITLE).data() == "Breakout: what is enabling change?"
    assert editor.model.index(3, METHOD).data() == "Small groups (breakout rooms)"
    assert editor.model.index(3, FOCUS).data() == (
        "1 Community Led Approaches\n2 Emerging Community Service Needs in Integration\n"
        "3 Strategic Planning")
    spoken = editor.model.index(3, FOCUS).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("1 Community Led Approaches; 2 Emerging Community Service Needs")
    assert "ends on time at 11:30" in editor.total.text()
    assert editor.warning_icon.isHidden()


def test_editing_minutes_moves_later_blocks_and_warns_of_the_overrun(ctx, planned, editor,
                                                                     qtbot):
    edit_cell(qtbot, editor, 3, MINUTES, "30")

    assert agenda.list_agenda(ctx.store, planned.id)[3].minutes == 30
    assert times(editor)[3:5] == ["10:35–11:05", "11:05–11:10"]
    assert times(editor)[-1] == "11:35–11:40"
    # Said in words beside an icon, not by colour alone; the late blocks carry the icon too.
    assert not editor.warning_icon.isHidden()
    assert editor.total.text().startswith("Over time by 10 min (100 min of blocks, 90 min")
    late = editor.model.index(7, TIME)
    assert late.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "runs past the session's end at 11:30" in late.data(Qt.ItemDataRole.ToolTipRole)
    assert editor.model.index(0, TIME).data(Qt.ItemDataRole.DecorationRole) is None

    ctx.undo_stack.undo()
    assert agenda.list_agenda(ctx.store, planned.id)[3].minutes == 20
    assert times(editor)[-1] == "11:25–11:30"
    assert editor.warning_icon.isHidden()


def test_a_title_is_edited_in_place(ctx, planned, editor, qtbot):
    edit_cell(qtbot, editor, 1, TITLE, "Check-in round")
    assert titles(ctx, planned.id)[1] == "Check-in round"
    assert editor.detail.heading.text() == "Check-in round"


def test_a_refused_length_is_explained_and_nothing_changes(ctx, planned, editor, refusals):
    assert not editor.model.setData(editor.model.index(0, MINUTES), 0)
    assert refusals == ["Minutes must be at least 1."]
    assert agenda.list_agenda(ctx.store, planned.id)[0].minutes == 10
    assert ctx.undo_stack.count() == 0


def test_alt_down_moves_a_block_and_undo_moves_it_back(ctx, planned, editor, qtbot):
    before = titles(ctx, planned.id)
    editor.select(1)
    press(qtbot, editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)

    after = titles(ctx, planned.id)
    assert after[:3] == [before[0], before[2], before[1]]
    assert editor.table.currentIndex().row() == 2  # the selection follows the block
    assert editor.model.index(2, TITLE).data() == "Check-in"
    assert times(editor)[1:3] == ["10:10–10:25", "10:25–10:35"]

    ctx.undo_stack.undo()
    assert titles(ctx, planned.id) == before
    assert editor.table.currentIndex().row() == 1
    press(qtbot, editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles(ctx, planned.id)[0] == "Check-in"


def test_the_move_buttons_follow_the_ends_of_the_agenda(editor):
    editor.select(0)
    assert not editor.up_button.isEnabled() and editor.down_button.isEnabled()
    editor.select(editor.model.rowCount() - 1)
    assert editor.up_button.isEnabled() and not editor.down_button.isEnabled()


def test_dropping_a_block_onto_another_puts_it_there(ctx, planned, editor):
    model = editor.model
    data = model.mimeData([model.index(0, TITLE)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index(2, TITLE))
    assert titles(ctx, planned.id)[:3] == ["Check-in", "Playback of insights gathered",
                                           "Welcome, purpose and ways of working"]
    data = model.mimeData([model.index(2, TITLE)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert titles(ctx, planned.id)[0] == "Welcome, purpose and ways of working"


def test_ctrl_shift_a_adds_a_block_after_the_selected_one(ctx, planned, editor, qtbot):
    editor.select(2)
    press(qtbot, editor.table, Qt.Key.Key_A,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    assert titles(ctx, planned.id)[3] == "New block"
    assert editor.table.currentIndex().row() == 3
    cell = focused()
    assert isinstance(cell, QLineEdit)  # typing the title straight away
    cell.selectAll()
    qtbot.keyClicks(cell, "Quiet reflection")
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    finish_editing(qtbot, editor.table)
    assert titles(ctx, planned.id)[3] == "Quiet reflection"
    assert "Over time by 10 min" in editor.total.text()

    ctx.undo_stack.undo()  # the title
    ctx.undo_stack.undo()  # the block
    assert "Quiet reflection" not in titles(ctx, planned.id)
    assert editor.model.rowCount() == 8
    ctx.undo_stack.redo()
    assert titles(ctx, planned.id)[3] == "New block"


def test_delete_removes_the_block_and_undo_puts_it_back_in_place(ctx, planned, editor, qtbot):
    before = titles(ctx, planned.id)
    editor.select(4)
    press(qtbot, editor.table, Qt.Key.Key_Delete)
    assert "Break" not in titles(ctx, planned.id)
    assert editor.model.rowCount() == 7
    assert "5 min to spare" in editor.total.text()

    ctx.undo_stack.undo()
    assert titles(ctx, planned.id) == before


def test_the_prompt_is_saved_when_the_field_is_left(ctx, planned, editor, qtbot):
    editor.select(1)
    prompt = editor.detail.prompt
    prompt.setFocus()
    prompt.selectAll()
    qtbot.keyClicks(prompt, "What has changed most for the people you support?")
    editor.table.setFocus()
    qtbot.waitUntil(lambda: "changed most" in agenda.list_agenda(ctx.store, planned.id)[1].prompt)
    assert ctx.undo_stack.undoText().startswith("Edit prompt of block 'Check-in'")


def test_focus_area_checkboxes_are_named_with_their_key_and_change_the_block(ctx, system,
                                                                           planned, editor):
    areas = {a.slug: a for a in focus_areas.list_focus_areas(ctx.store, system.id)}
    editor.select(1)
    box = editor.detail.box_for(areas["strategic-planning"].id)
    assert box.text() == "3 Strategic Planning"
    assert not box.isChecked()
    box.click()
    item = agenda.list_agenda(ctx.store, planned.id)[1]
    assert item.focus_area_ids == (areas["strategic-planning"].id,)
    assert editor.model.index(1, FOCUS).data() == "3 Strategic Planning"

    ctx.undo_stack.undo()
    assert agenda.list_agenda(ctx.store, planned.id)[1].focus_area_ids == ()
    assert not box.isChecked()


def test_a_renamed_focus_area_is_renamed_in_the_panel(ctx, system, editor):
    area = focus_areas.list_focus_areas(ctx.store, system.id)[0]
    ctx.announce(focus_areas.update_focus_area(ctx.store, area.id, name="Community-led care")[1])
    editor.select(2)
    assert editor.detail.box_for(area.id).text() == "1 Community-led care"


def test_times_follow_a_new_session_start(ctx, planned, editor):
    later = planned.starts + timedelta(hours=3, minutes=30)
    ctx.announce(sessions.update_session(ctx.store, planned.id, starts=later)[1])
    assert times(editor)[0] == "13:30–13:40"
    ctx.announce(sessions.update_session(ctx.store, planned.id, minutes=60)[1])
    assert "Over time by 30 min" in editor.total.text()


def test_every_control_of_the_agenda_is_named(editor):
    editor.select(0)
    assert unnamed_widgets(editor) == []
    assert clashing_mnemonics(editor) == {}


@pytest.mark.parametrize("scale", [100, 200])
def test_the_method_is_not_cut_short_while_the_title_has_room(ctx, qapp, planned, qtbot, scale):
    from PySide6.QtGui import QFontMetrics

    from app.models import Preferences
    from app.ui.style import apply_preferences
    from app.ui.views.session.session_view import SessionView
    from tests.ui.session_helpers import show_active

    apply_preferences(qapp, Preferences(text_scale=scale))
    view = show_active(qtbot, SessionView(ctx, planned.id), (1366, 700))
    try:
        view.tabs.setCurrentWidget(view.agenda)
        editor = view.agenda
        table, header = editor.table, editor.table.horizontalHeader()
        qtbot.waitUntil(lambda: table.viewport().width() > 100)
        editor.fit_columns()
        metrics = QFontMetrics(table.font())
        chars = metrics.averageCharWidth()
        widest_method = max(metrics.horizontalAdvance(editor.model.index(r, METHOD).data())
                            for r in range(editor.model.rowCount()))
        if header.sectionSize(TITLE) > 22 * chars:  # the title has room: the method is whole
            assert header.sectionSize(METHOD) >= widest_method
        else:  # no room: the method wraps onto more lines instead of losing its end
            assert table.wordWrap() and table.rowHeight(3) > metrics.height() * 1.5
        # Every column is on screen: none runs past the table's right edge.
        right = sum(header.sectionSize(c) for c in range(editor.model.columnCount()))
        assert right <= table.viewport().width() + 1
        # Focus areas are read by name, one a line: the row is as tall as its three areas.
        assert header.sectionSize(FOCUS) >= 14 * chars
        assert table.rowHeight(3) >= metrics.height() * 3
    finally:
        view.close()
        apply_preferences(qapp, Preferences())


def test_an_empty_agenda_says_how_to_add_the_first_block(ctx, session, qtbot):
    from app.ui.views.session.agenda_editor import AgendaEditor
    from tests.ui.session_helpers import show_active

    editor = show_active(qtbot, AgendaEditor(ctx, session.id))
    assert editor.model.rowCount() == 0
    assert editor.empty.isVisible() and "Add block" in editor.empty.text()
    editor.add_block()
    assert editor.empty.isHidden()
    ctx.undo_stack.undo()
    assert editor.empty.isVisible()
    editor.close()
