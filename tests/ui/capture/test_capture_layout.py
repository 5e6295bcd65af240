"""The capture view's own layout: focus mode, the agenda panel folding away, fitting a laptop
screen at 200% text, and filters named by their purpose."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit, QWidget

from app.models import Preferences
from app.ui.style import apply_preferences
from app.ui.views.capture.capture_view import CaptureView
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets
from tests.ui.capture_helpers import close_view, open_view, type_note

LAPTOP = QRect(0, 0, 1366, 768)


def captured(window, session, qtbot) -> CaptureView:
    window.resize(1366, 768)
    assert window.select(session.id)
    window.open_capture()
    view = window.page
    assert isinstance(view, CaptureView)
    qtbot.waitUntil(lambda: view.composer.entry.hasFocus())
    return view


def test_focus_mode_gives_capture_the_whole_screen_and_f11_or_escape_leave_it(
        ctx, session, blocks, window, qtbot):
    view = captured(window, session, qtbot)
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    assert window.dock.isHidden() and window.toolbar.isHidden()
    assert view.title.isHidden() and view.back_button.isHidden()
    assert view.focus_button.isChecked() and view.focus_button.text() == "Leave focus mode"
    assert view.composer.entry.hasFocus()
    type_note(qtbot, view, "Typed in focus mode")
    assert view.model.index(0).data() == "Typed in focus mode"
    # The side panel folds on request, in focus mode too.
    view.side_button.click()
    assert not view.side_shown()
    view.side_button.click()
    view.focus_entry()
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not window.dock.isHidden() and not window.toolbar.isHidden()
    assert not view.title.isHidden() and not view.focus_button.isChecked()
    # The toolbar button and F11 from the list work the same way.
    view.focus_button.click()
    qtbot.waitUntil(window.isFullScreen)
    view.notes.setFocus()
    qtbot.keyClick(view.notes, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not window.dock.isHidden()


def test_closing_the_window_in_focus_mode_remembers_it_as_it_was(ctx, session, window, qtbot):
    view = captured(window, session, qtbot)
    view.toggle_focus()
    qtbot.waitUntil(window.isFullScreen)
    window.close()
    # Focus mode was left before the window saved its state: docks shown, not full screen.
    assert not window.dock.isHidden() and not window.toolbar.isHidden()
    assert not window.isFullScreen()


def test_the_agenda_panel_folds_away_when_narrow_and_comes_back(ctx, session, blocks, view,
                                                               qtbot):
    assert view.side_shown() and view.side_button.text() == "Hide agenda"
    view.resize(700, 700)
    qtbot.waitUntil(lambda: not view.side_shown())
    assert view.side_button.text() == "Show agenda"
    view.side_button.click()  # asked for, it shows even while narrow
    assert view.side_shown()
    view.resize(1366, 768)
    qtbot.waitUntil(lambda: view.width() == 1366)
    assert view.side_shown()
    view.side_button.click()  # hidden by choice, it stays hidden when wide
    assert not view.side_shown()
    view.resize(1300, 768)
    qtbot.waitUntil(lambda: view.width() == 1300)
    assert not view.side_shown()


def test_the_capture_view_fits_a_laptop_at_200_percent_text(ctx, session, blocks, people,
                                                           clock, settings, qtbot, qapp):
    apply_preferences(qapp, Preferences(text_scale=200))
    view = open_view(ctx, session.id, clock, settings, qtbot)
    try:
        # In the main window the navigator takes about a quarter of the width.
        view.resize(1000, 640)
        qtbot.waitUntil(lambda: view.width() == 1000)
        view.filters.filters_button.click()
        QApplication.processEvents()
        assert view.minimumSizeHint().width() <= 1000
        assert not view.side_shown()  # folded to give the notes the width
        # Nothing interactive lies outside the view sideways; the page scrolls up and down.
        page = view.scroller.widget()
        assert page.width() <= view.scroller.viewport().width()
        for widget in page.findChildren(QWidget):
            if widget.isVisibleTo(view) and isinstance(widget, (QAbstractButton, QComboBox,
                                                                 QLineEdit)):
                left = widget.mapTo(page, QPoint(0, 0)).x()
                assert left >= 0 and left + widget.width() <= page.width(), widget
        # Nothing squeezed into its neighbour: each part has at least its own height.
        for part in (view.composer.entry, view.composer.chips, view.filters.search, view.notes):
            assert part.height() >= part.minimumSizeHint().height(), part
    finally:
        close_view(qtbot, view)


def test_the_filters_are_named_by_their_purpose(view, qtbot):
    view.filters.filters_button.click()
    combos = [view.filters.area, view.filters.tag, view.filters.kind, view.filters.block,
              view.filters.speaker]
    labels = {label.buddy(): label.text() for label in view.findChildren(QLabel)
              if label.buddy() is not None}
    assert [labels[c] for c in combos] == ["Focus ar&ea:", "&Free tag:", "Kin&d:",
                                           "Agenda b&lock:", "S&peaker:"]
    for combo in combos:
        assert combo.accessibleName().endswith("filter")
        assert combo.accessibleName() != combo.currentText()
    assert unnamed_widgets(view) == []
    assert clashing_mnemonics(view) == {}
    # Alt+letter from its label reaches the filter.
    view.filters.area.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert view.filters.speaker.hasFocus()


def test_the_main_window_with_capture_open_is_no_wider_than_a_laptop_at_200_percent(
        ctx, session, blocks, qtbot, qapp):
    from app.ui.main_window import MainWindow

    apply_preferences(qapp, Preferences(text_scale=200))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    view = captured(window, session, qtbot)
    view.filters.filters_button.click()
    QApplication.processEvents()
    # It was 1,542 pixels wide: the agenda panel beside the notes, and rows that did not wrap.
    assert view.minimumSizeHint().width() <= 800
    assert window.minimumSizeHint().width() <= LAPTOP.width()
    assert not view.side_shown()
