"""The crash handler: logged without personal data, a calm dialog, never recursing."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from app import logs
from app.ui import crash
from app.ui.crash import CrashDialog
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets

SECRET = "Morag Macleod said the bus never comes (morag@example.org)"


@pytest.fixture
def handler(qapp: QApplication, tmp_path: Path):
    """The crash handler installed, logging to tmp_path; dialogs off unless a test turns them on."""
    log_file = logs.setup_logging(tmp_path / "logs")
    crash.set_interactive(False)
    crash.install_crash_handler(qapp)
    yield log_file
    crash.uninstall_crash_handler()
    crash.set_interactive(None)
    logs.teardown_logging()


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Calls to QApplication.exit, recorded instead of made (an exit would end later loops)."""
    calls: list[int] = []
    monkeypatch.setattr(crash.QApplication, "exit", staticmethod(calls.append))
    return calls


@dataclass
class Shown:
    """What a crash dialog showed (the dialog itself is deleted once it closes)."""

    details: str
    can_continue: bool
    thread: str

    @classmethod
    def of(cls, dialog: CrashDialog) -> Shown:
        return cls(dialog.details_text(), dialog.continue_button.isVisibleTo(dialog),
                   threading.current_thread().name)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, exits: list[int]) -> list[Shown]:
    """Dialogs are 'shown' by recording them and choosing Continue, instead of blocking."""
    dialogs: list[Shown] = []

    def fake_exec(self: CrashDialog) -> int:
        dialogs.append(Shown.of(self))
        return crash.RESULT_CONTINUE

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    crash.set_interactive(True)
    return dialogs


def _raise_secret() -> None:
    raise ValueError(SECRET)


def _exc_info() -> tuple[type[BaseException], BaseException, object]:
    try:
        _raise_secret()
    except ValueError:
        return sys.exc_info()  # type: ignore[return-value]
    raise AssertionError("unreachable")


def test_dialog_says_calmly_what_happened(qtbot) -> None:
    dialog = CrashDialog("Traceback (most recent call last):\nValueError: boom")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Cairn hit a problem"
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Something went wrong, but your notes are saved." in labels
    assert dialog.continue_button.isDefault()


def test_every_button_has_an_accessible_name(qtbot) -> None:
    dialog = CrashDialog("details")
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed_widgets(dialog) == []
    assert clashing_mnemonics(dialog) == {}
    for button in dialog.findChildren(QPushButton):
        assert button.accessibleName(), button.text()


def test_details_are_hidden_until_asked_for(qtbot) -> None:
    dialog = CrashDialog("ValueError: boom")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.details.isVisible()
    qtbot.mouseClick(dialog.details_button, Qt.MouseButton.LeftButton)
    assert dialog.details.isVisible()
    assert "ValueError: boom" in dialog.details.toPlainText()
    assert dialog.details.isReadOnly()


def test_copy_details_puts_them_on_the_clipboard(qtbot) -> None:
    dialog = CrashDialog("ValueError: boom")
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "ValueError: boom"
    assert dialog.copy_button.accessibleName() == "Copy details"


@pytest.mark.parametrize(("button", "result"), [
    ("continue_button", crash.RESULT_CONTINUE),
    ("quit_button", crash.RESULT_QUIT),
])
def test_continue_or_quit(qtbot, button: str, result: int) -> None:
    dialog = CrashDialog("details")
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert finished.args == [result]


def test_when_the_app_must_close_only_close_is_offered(qtbot) -> None:
    dialog = CrashDialog("details", can_continue=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.continue_button.isVisible()
    assert dialog.quit_button.isDefault()
    assert dialog.quit_button.accessibleName() == "Close Cairn"


@pytest.mark.qt_no_exception_capture
def test_an_error_is_logged_without_its_message(handler: Path, caplog) -> None:
    sys.excepthook(*_exc_info())
    text = handler.read_text(encoding="utf-8")
    assert "Unexpected error" in text
    assert "ValueError" in text and "_raise_secret" in text
    assert "Morag" not in text and "morag@example.org" not in text
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, CrashDialog) and w.isVisible()]


@pytest.mark.qt_no_exception_capture
def test_not_interactive_means_no_dialog_but_stderr(handler: Path, capfd, monkeypatch) -> None:
    monkeypatch.setattr(CrashDialog, "exec", lambda self: pytest.fail("a dialog was opened"))
    sys.excepthook(*_exc_info())
    assert "ValueError" in capfd.readouterr().err


@pytest.mark.qt_no_exception_capture
def test_interactive_shows_the_details_with_emails_masked(handler, shown) -> None:
    sys.excepthook(*_exc_info())
    assert len(shown) == 1
    details = shown[0].details
    assert "ValueError: Morag Macleod said the bus never comes (<email>)" in details
    assert "morag@example.org" not in details
    assert "Cairn " in details.splitlines()[0]


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_dialog(qtbot, handler, shown) -> None:
    QTimer.singleShot(0, _raise_secret)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_worker_thread_is_shown_on_the_gui_thread(qtbot, handler,
                                                                     shown) -> None:
    worker = threading.Thread(target=_raise_secret, name="export-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
    assert shown[0].thread == threading.main_thread().name
    assert "export-worker" in shown[0].details


@pytest.mark.qt_no_exception_capture
def test_choosing_quit_ends_the_event_loop(qtbot, handler, shown, exits, monkeypatch) -> None:
    monkeypatch.setattr(CrashDialog, "exec", lambda self: crash.RESULT_QUIT)
    QTimer.singleShot(0, _raise_secret)
    qtbot.waitUntil(lambda: exits == [1], timeout=2000)


@pytest.mark.qt_no_exception_capture
def test_continue_keeps_the_app_running(qtbot, handler, shown, exits) -> None:
    QTimer.singleShot(0, _raise_secret)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
    assert shown[0].can_continue
    assert exits == []


@pytest.mark.qt_no_exception_capture
def test_an_error_outside_the_event_loop_offers_only_close(handler, shown, exits) -> None:
    sys.excepthook(*_exc_info())  # as when start-up fails before the event loop runs
    assert not shown[0].can_continue
    assert exits == [1]


@pytest.mark.qt_no_exception_capture
def test_a_second_error_while_the_dialog_is_open_joins_it(handler, shown, monkeypatch) -> None:
    def exec_then_fail_again(self: CrashDialog) -> int:
        sys.excepthook(*_exc_info())  # e.g. a timer firing while the dialog is up
        shown.append(Shown.of(self))
        return crash.RESULT_CONTINUE

    monkeypatch.setattr(CrashDialog, "exec", exec_then_fail_again)
    sys.excepthook(*_exc_info())
    assert len(shown) == 1
    assert "And then:" in shown[0].details


@pytest.mark.qt_no_exception_capture
def test_a_failing_handler_falls_back_to_stderr(handler, capfd, monkeypatch) -> None:
    def broken(*args: object) -> str:
        raise RuntimeError("the handler itself broke")

    monkeypatch.setattr(crash, "_details", broken)
    sys.excepthook(*_exc_info())  # must not raise, must not recurse
    err = capfd.readouterr().err
    assert "ValueError" in err and "the handler itself broke" in err


@pytest.mark.qt_no_exception_capture
def test_keyboard_interrupt_is_left_to_python(handler, capfd, shown) -> None:
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt:
        sys.excepthook(*sys.exc_info())
    assert shown == []
    assert "KeyboardInterrupt" in capfd.readouterr().err


def test_uninstall_restores_the_previous_hooks(qapp) -> None:
    before = (sys.excepthook, threading.excepthook)
    crash.install_crash_handler(qapp)
    crash.install_crash_handler(qapp)  # idempotent
    assert sys.excepthook is crash._excepthook
    crash.uninstall_crash_handler()
    assert (sys.excepthook, threading.excepthook) == before


def test_no_dialog_in_ci_or_offscreen(qapp, monkeypatch) -> None:
    crash.set_interactive(None)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("CI", "true")
    assert not crash.dialogs_enabled()
    monkeypatch.delenv("CI")
    assert crash.dialogs_enabled()
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert not crash.dialogs_enabled()


def test_no_dialog_without_a_qapplication() -> None:
    code = ("from app.ui import crash; crash.set_interactive(True); "
            "print(crash.dialogs_enabled())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "False"


def test_ids_are_logged_as_they_are(handler: Path) -> None:
    logging.getLogger("app.capture").info("note %s saved", "0190-abc")
    assert "note 0190-abc saved" in handler.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_an_error_raised_while_handling_one_does_not_recurse(handler, capfd, monkeypatch) -> None:
    calls: list[str] = []
    real_critical = crash.log.critical

    def critical_that_fails_again(*args: object, **kwargs: object) -> None:
        calls.append("critical")
        if len(calls) == 1:
            try:
                raise OSError("disk full while logging")
            except OSError:
                sys.excepthook(*sys.exc_info())  # re-enters the handler on this thread
        real_critical(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(crash.log, "critical", critical_that_fails_again)
    sys.excepthook(*_exc_info())
    assert calls == ["critical"]  # the inner error did not go round again
    assert "disk full while logging" in capfd.readouterr().err
    assert "ValueError" in handler.read_text(encoding="utf-8")
