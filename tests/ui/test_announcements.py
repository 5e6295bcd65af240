"""What a screen reader is told: every status-bar message (politely), every error and refusal
(at once), through Qt's accessibility announcement event."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QStatusBar

from app.services.planning import systems
from app.ui.accessibility import announcer
from app.ui.context import show_refusal
from app.ui.crash import CrashDialog


@pytest.fixture
def heard(qapp) -> list[tuple[object, str, bool]]:
    """(target, message, assertive) for each announcement sent while the test runs."""
    said: list[tuple[object, str, bool]] = []

    def record(target: object, message: str, assertive: bool) -> None:
        said.append((target, message, assertive))

    announcer().announced.connect(record)
    yield said
    announcer().announced.disconnect(record)


def test_a_status_message_is_announced_politely_from_the_status_bar(window, ctx, heard, qtbot):
    ctx.bus.status.emit("Added 37 notes.")
    assert window.statusBar().currentMessage() == "Added 37 notes."
    assert heard == [(window.statusBar(), "Added 37 notes.", False)]
    window.statusBar().clearMessage()  # a message going away is not news
    ctx.bus.status.emit("Added 2 notes.")
    qtbot.waitUntil(lambda: len(heard) == 2)
    QApplication.processEvents()  # the turn of the loop where a repeat would be said
    assert [message for _, message, _ in heard] == ["Added 37 notes.", "Added 2 notes."]


def test_an_alert_is_shown_in_the_status_bar_and_announced_at_once(window, ctx, heard, qtbot):
    ctx.bus.alert.emit("No focus area has the quick key 7.")
    assert window.statusBar().currentMessage() == "No focus area has the quick key 7."
    assert heard == [(window.statusBar(), "No focus area has the quick key 7.", True)]
    # The same key pressed again: the bar already shows the words, and they are said again.
    ctx.bus.alert.emit("No focus area has the quick key 7.")
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert heard[1] == heard[0]
    ctx.bus.status.emit("No focus area has the quick key 7.")  # the same words, as news
    qtbot.waitUntil(lambda: len(heard) == 3)
    assert heard[2] == (window.statusBar(), "No focus area has the quick key 7.", False)


def test_a_refusal_is_announced_at_once_with_its_sentence(ctx, qtbot, system, refusals, heard):
    ctx.attempt(None, lambda: systems.create_system(ctx.store, system.name))
    assert len(refusals) == 1
    assert [(message, assertive) for _, message, assertive in heard] == [(refusals[0], True)]
    show_refusal(None, "That file could not be read.")
    assert heard[-1][1:] == ("That file could not be read.", True)


def test_the_end_of_a_task_is_announced(window, qtbot, heard):
    with qtbot.waitSignal(window.ctx.tasks.finished, timeout=30_000):
        window.actions.load_sample.trigger()
    qtbot.waitUntil(lambda: any("Loaded the sample" in message for _, message, _ in heard))
    messages = [message for _, message, _ in heard]
    assert "Loading the sample learning system: done." in messages
    assert all(target is window.statusBar() for target, _, _ in heard)
    assert not any(assertive for _, _, assertive in heard)


def test_every_status_bar_of_a_window_is_followed_once(window, ctx, heard):
    """A second window on the same bus speaks for itself; no message is said twice per bar."""
    from app.ui.main_window import MainWindow

    other = MainWindow(ctx)
    try:
        ctx.bus.status.emit("Preferences saved.")
        bars = [target for target, _, _ in heard]
        assert sorted(map(id, bars)) == sorted(map(id, [window.statusBar(), other.statusBar()]))
        assert all(isinstance(bar, QStatusBar) for bar in bars)
    finally:
        other.close()
        other.deleteLater()


def test_an_empty_message_or_a_deleted_target_says_nothing(window, heard):
    announcer().announce(window, "   ")
    gone = QStatusBar()
    shiboken6.delete(gone)
    announcer().announce(gone, "Saved.")
    assert heard == []
    announcer().announce(window, "Saved.")
    assert heard == [(window, "Saved.", False)]


def test_a_message_box_is_announced_when_the_focus_enters_it(qtbot, ctx, heard):
    warning = QMessageBox(QMessageBox.Icon.Warning, "Cairn", "The shared drive is not there.")
    note = QMessageBox(QMessageBox.Icon.Information, "Cairn", "Sync is up to date.")
    for box in (warning, note):
        qtbot.addWidget(box)
        box.show()
        qtbot.waitUntil(lambda box=box: any(target is box for target, _, _ in heard))
        box.activateWindow()
        box.setFocus()
        box.close()
    assert [(message, assertive) for _, message, assertive in heard] == [
        ("The shared drive is not there.", True), ("Sync is up to date.", False)]


def test_a_shown_refusal_is_said_once(qtbot, ctx, heard):
    def close_it() -> None:
        box = QApplication.activeModalWidget()
        qtbot.waitUntil(lambda: box.isActiveWindow())
        box.accept()

    QTimer.singleShot(0, close_it)
    show_refusal(None, "That session is already live.")
    assert [message for _, message, _ in heard] == ["That session is already live."]


def test_the_crash_dialog_is_announced_at_once(qtbot, ctx, heard):
    dialog = CrashDialog("Traceback (most recent call last): …")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(heard))
    assert heard == [(dialog, "Something went wrong, but your notes are saved.", True)]


def test_a_refused_participant_file_is_announced_at_once(qtbot, ctx, heard):
    from app.ui.views.session.import_dialogs import ImportProblemsDialog

    dialog = ImportProblemsDialog("invitees.csv", "1 row in invitees.csv needs fixing; nothing "
                                  "was imported.", ["Line 3: the name is missing."])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(heard))
    assert heard == [(dialog, "Nothing was imported from invitees.csv. 1 row in invitees.csv "
                      "needs fixing; nothing was imported.", True)]


def test_capturing_with_no_session_chosen_is_an_alert(window, ctx, heard, qtbot):
    window.navigator.setCurrentIndex(window.navigator.model().index(-1, -1))
    window.open_capture()
    assert heard[-1] == (window.statusBar(), "Choose a session first, then capture its notes.",
                         True)
