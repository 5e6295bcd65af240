"""Scribe mode: the small always-on-top window shares notes, undo and the clock with the view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets
from tests.ui.capture_helpers import rows, stored, type_note

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_scribe(view, qtbot):
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_M, CTRL_SHIFT)
    scribe = view.scribe
    assert scribe is not None and scribe.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is scribe)
    return scribe


def recent(scribe) -> list[str]:
    model = scribe.model
    return [model.index(r).data() for r in range(model.rowCount())]


def test_scribe_mode_floats_on_top_and_takes_the_note_being_typed(ctx, session, view, qtbot):
    qtbot.keyClicks(view.composer.entry, "Half typed")
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_2, CTRL)
    scribe = open_scribe(view, qtbot)
    assert scribe.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert scribe.composer.entry.toPlainText() == "Half typed"
    assert scribe.composer.chips.texts() == ["2 Emerging Community Service Needs in Integration"]
    assert view.composer.entry.toPlainText() == ""
    assert scribe.composer.entry.hasFocus()
    assert scribe.width() < view.width()
    qtbot.keyClick(scribe.composer.entry, Qt.Key.Key_M, CTRL_SHIFT)
    assert not scribe.isVisible()
    assert view.composer.entry.toPlainText() == "Half typed"
    assert view.composer.chips.texts() == ["2 Emerging Community Service Needs in Integration"]


def test_notes_saved_in_either_window_show_in_both(ctx, session, view, qtbot):
    type_note(qtbot, view, "Saved in the full view")
    scribe = open_scribe(view, qtbot)
    assert recent(scribe) == ["Saved in the full view"]
    entry = scribe.composer.entry
    qtbot.keyClicks(entry, "Saved in scribe mode #trust")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert [n.text for n in stored(ctx, session.id)] == ["Saved in scribe mode #trust",
                                                         "Saved in the full view"]
    assert rows(view) == ["Saved in scribe mode #trust", "Saved in the full view"]
    assert recent(scribe) == rows(view)
    # The same undo stack: Ctrl+Z in the scribe window takes back its note everywhere.
    qtbot.keyClick(entry, Qt.Key.Key_Z, CTRL)
    assert rows(view) == ["Saved in the full view"] == recent(scribe)
    qtbot.keyClick(entry, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert rows(view)[0] == "Saved in scribe mode #trust"
    # Typed in the full view while scribe mode is open, it shows in the scribe list too.
    type_note(qtbot, view, "Back in the full view")
    assert recent(scribe)[0] == "Back in the full view"


def test_the_scribe_window_shows_the_block_and_drives_the_same_clock(ctx, session, blocks,
                                                                     clock, view, qtbot):
    scribe = open_scribe(view, qtbot)
    qtbot.keyClick(scribe.composer.entry, Qt.Key.Key_F9)
    assert view.session.clock.running
    clock.advance(12 * 60)
    scribe.refresh()
    assert scribe.status.block.text() == "Now: 1. Welcome and check-in"
    assert scribe.status.remaining.text() == "Over by 2:00"
    qtbot.keyClick(scribe.composer.entry, Qt.Key.Key_BracketRight, CTRL)
    view.agenda.refresh()
    assert view.agenda.status.block.text() == "Now: 2. What worked"
    assert scribe.status.block.text() == "Now: 2. What worked"


def test_retag_and_star_from_the_scribe_list(ctx, session, view, qtbot):
    type_note(qtbot, view, "Tag me from scribe mode")
    scribe = open_scribe(view, qtbot)
    scribe.recent.setFocus()
    scribe.recent.select_row(0)
    qtbot.keyClick(scribe.recent, Qt.Key.Key_4, CTRL)
    qtbot.keyClick(scribe.recent, Qt.Key.Key_D, CTRL)
    note = stored(ctx, session.id)[0]
    assert len(note.focus_area_ids) == 1 and note.starred
    assert view.model.card(0).meta.startswith("★ Starred")


def test_every_control_of_scribe_mode_is_named(view, qtbot):
    type_note(qtbot, view, "One note to list")
    scribe = open_scribe(view, qtbot)
    assert unnamed_widgets(scribe) == []
    assert clashing_mnemonics(scribe) == {}


# --- small, out of the call's way, where it was put ---------------------------------------------

def test_scribe_mode_is_small_and_opens_at_the_bottom_right(view, qtbot):
    scribe = open_scribe(view, qtbot)
    size = scribe.size()
    # About 360x220 at 100% text (the font decides the exact pixels).
    assert 280 <= size.width() <= 460 and 160 <= size.height() <= 290, size
    screen = scribe.screen().availableGeometry()
    assert abs(scribe.frameGeometry().right() - (screen.right() - 16)) <= 1
    assert abs(scribe.frameGeometry().bottom() - (screen.bottom() - 16)) <= 1
    # Everything it holds is inside it, and typing still works there.
    for widget in (scribe.composer.entry, scribe.full_button, scribe.menu_button, scribe.recent):
        assert scribe.rect().contains(widget.geometry().translated(
            widget.parentWidget().mapTo(scribe, widget.pos()) - widget.pos()))
    qtbot.keyClicks(scribe.composer.entry, "Small but whole")
    qtbot.keyClick(scribe.composer.entry, Qt.Key.Key_Return)
    assert recent(scribe)[0] == "Small but whole"


def test_scribe_mode_remembers_where_it_was_put(view, settings, qtbot):
    from PySide6.QtCore import QPoint

    scribe = open_scribe(view, qtbot)
    scribe.move(QPoint(40, 60))
    qtbot.waitUntil(lambda: scribe.pos() == QPoint(40, 60))
    scribe.close()
    scribe = open_scribe(view, qtbot)
    assert scribe.pos() == QPoint(40, 60)
    assert settings.value("capture/scribe/place") == QPoint(40, 60)


def test_a_place_on_a_screen_no_longer_there_is_not_used(view, settings, qtbot):
    from PySide6.QtCore import QPoint

    settings.setValue("capture/scribe/place", QPoint(5000, 4000))  # a screen unplugged since
    scribe = open_scribe(view, qtbot)
    screen = scribe.screen().availableGeometry()
    assert screen.contains(scribe.frameGeometry())


def test_see_through_is_a_setting_in_its_own_menu(view, settings, qtbot):
    scribe = open_scribe(view, qtbot)
    assert scribe.windowOpacity() == 1.0
    assert scribe.see_through in scribe.menu_button.menu().actions()
    scribe.see_through.trigger()
    assert scribe.windowOpacity() < 1.0
    assert settings.value("capture/scribe/see_through", type=bool) is True
    scribe.close()
    view.scribe.deleteLater()
    view.scribe = None
    scribe = open_scribe(view, qtbot)
    assert scribe.see_through.isChecked() and scribe.windowOpacity() < 1.0
