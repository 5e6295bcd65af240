"""The whole capture flow from the main window with the keyboard alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow
from app.ui.views.capture.capture_view import CaptureView
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets
from tests.ui.capture_helpers import stored
from tests.ui.session_helpers import delete_now

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(ctx, session, blocks, people, qtbot):
    made = MainWindow(ctx)
    made.resize(1366, 768)
    made.show()
    made.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is made)
    yield made
    page = made.page
    if isinstance(page, CaptureView):
        qtbot.waitUntil(lambda: not page.busy(), timeout=5000)
    delete_now(made)


def key(qtbot, k: Qt.Key, mods: Qt.KeyboardModifier = NONE) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, k, mods)


def keys(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_capture_is_offered_only_for_a_session(ctx, system, session, window):
    assert window.select(system.id)
    assert not window.capture_action.isEnabled()
    assert window.select(session.id)
    assert window.capture_action.isEnabled()


def test_the_whole_flow_by_keyboard(ctx, session, window, qtbot):
    assert window.select(session.id)
    window.navigator.setFocus()
    key(qtbot, Qt.Key.Key_F5)
    view = window.page
    assert isinstance(view, CaptureView)
    qtbot.waitUntil(lambda: view.composer.entry.hasFocus())
    assert unnamed_widgets(window) == []
    assert clashing_mnemonics(window) == {}

    keys(qtbot, "Ferries decide when the clinic opens")
    key(qtbot, Qt.Key.Key_2, CTRL)
    key(qtbot, Qt.Key.Key_Return)
    keys(qtbot, "@Housing officer: We knocked on doors")
    key(qtbot, Qt.Key.Key_Return)
    assert [n.text for n in stored(ctx, session.id)] == ["We knocked on doors",
                                                         "Ferries decide when the clinic opens"]
    assert len(stored(ctx, session.id)[1].focus_area_ids) == 1

    key(qtbot, Qt.Key.Key_N, ALT)  # "Notes, newest first" label: to the list
    assert view.notes.hasFocus()
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Up)
    assert view.notes.selected_ids() == [stored(ctx, session.id)[0].id]
    key(qtbot, Qt.Key.Key_1, CTRL)
    assert len(stored(ctx, session.id)[0].focus_area_ids) == 1
    key(qtbot, Qt.Key.Key_Delete)
    assert len(stored(ctx, session.id)) == 1
    key(qtbot, Qt.Key.Key_Z, CTRL)  # the main window's Undo
    assert len(stored(ctx, session.id)) == 2

    # Qt's offscreen platform makes every window it shows the active one, the completion
    # popup included (a desktop never does); give the main window its activation back.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    key(qtbot, Qt.Key.Key_F, CTRL)
    assert view.filters.search.hasFocus()
    keys(qtbot, "ferr")
    qtbot.waitUntil(lambda: view.model.total() == 1 and not view.busy(), timeout=3000)
    key(qtbot, Qt.Key.Key_Escape)
    assert view.composer.entry.hasFocus()

    key(qtbot, Qt.Key.Key_M, CTRL_SHIFT)
    scribe = view.scribe
    qtbot.waitUntil(lambda: QApplication.activeWindow() is scribe)
    keys(qtbot, "From the scribe window")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_M, CTRL_SHIFT)
    assert not scribe.isVisible()
    assert stored(ctx, session.id)[0].text == "From the scribe window"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    key(qtbot, Qt.Key.Key_Left, ALT)
    assert not isinstance(window.page, CaptureView)
    assert window.page_id == session.id
    key(qtbot, Qt.Key.Key_F5)
    assert isinstance(window.page, CaptureView)


def test_choosing_another_record_leaves_capture_keeping_the_draft(ctx, system, session, window,
                                                                  qtbot):
    from app.services.capture import drafts

    window.select(session.id)
    window.open_capture()
    view = window.page
    qtbot.waitUntil(lambda: view.composer.entry.hasFocus())
    keys(qtbot, "not finished")
    window.select(system.id)
    assert not isinstance(window.page, CaptureView)
    assert drafts.load_draft(ctx.store, session.id) == "not finished"


def test_the_session_page_opens_capture_by_button_or_f5(session, window, qtbot):
    window.select(session.id)
    page = window.page
    # No Alt+letter of its own: every letter of "Capture notes" is taken on the page already.
    assert "&" not in page.capture_button.text()
    page.tabs.setCurrentWidget(page.agenda)
    page.agenda.setFocus()
    key(qtbot, Qt.Key.Key_F5)
    assert isinstance(window.page, CaptureView)
    key(qtbot, Qt.Key.Key_Left, ALT)
    window.page.capture_button.click()
    assert isinstance(window.page, CaptureView)
