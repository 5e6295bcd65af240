"""Unexpected errors: logged without personal data, then a calm dialog; notes are already saved.

`install_crash_handler` replaces `sys.excepthook` and `threading.excepthook`. An uncaught
exception, whether raised in a slot, at start-up or in a worker thread, is
1. logged as its type and stack frames (never its message: see `app.logs`),
2. shown in `CrashDialog` on the GUI thread, with the details to copy, and a choice to
   carry on or quit. Capture commits each note as it is typed, so "your notes are saved" holds.

No dialog appears without a QApplication (the command line), in CI, on the offscreen or minimal
Qt platforms, or after `set_interactive(False)`; the traceback then goes to standard error.
The handler never recurses: if handling fails, both tracebacks are written to standard error.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import threading
import traceback
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.logs import redact
from app.ui.accessibility import ALERT_PROPERTY

log = logging.getLogger(__name__)

TITLE = "Cairn hit a problem"
TEXT = "Something went wrong, but your notes are saved."
CONTINUE_HINT = "You can carry on working, or quit and open Cairn again."
CLOSING_HINT = "Cairn has to close now. Open it again to carry on."
PRIVACY_HINT = ("These details help fix the problem. Read them before you send them to anyone: "
                "they may quote what you were working on.")

RESULT_CONTINUE = 0
RESULT_QUIT = 2

_interactive: bool | None = None
_installed: tuple[object, object] | None = None  # the hooks that were there before
_bridge: _GuiThreadBridge | None = None
_open_dialog: CrashDialog | None = None
_handling = threading.local()  # per thread: is this thread already inside `report`?


def set_interactive(flag: bool | None) -> None:
    """True: show the dialog; False: never show it (tests); None: decide from the environment."""
    global _interactive
    _interactive = flag


def dialogs_enabled() -> bool:
    """Whether an unexpected error may open a modal dialog now."""
    if not isinstance(QApplication.instance(), QApplication):
        return False
    if _interactive is not None:
        return _interactive
    if os.environ.get("CI"):
        return False
    return os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] not in ("offscreen", "minimal")


class CrashDialog(QDialog):
    """The calm error dialog: what happened in one sentence, details on request, two choices."""

    def __init__(self, details: str, *, can_continue: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setObjectName("crashDialog")
        self.setModal(True)
        self.setProperty(ALERT_PROPERTY, TEXT)  # said at once to a screen reader as it opens

        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(size, size))
        icon.setAccessibleName("Information")
        heading = QLabel(f"<b>{TEXT}</b>", self)
        heading.setWordWrap(True)
        hint = QLabel(CONTINUE_HINT if can_continue else CLOSING_HINT, self)
        hint.setWordWrap(True)
        text_column = QVBoxLayout()
        text_column.addWidget(heading)
        text_column.addWidget(hint)
        top = QHBoxLayout()
        top.addWidget(icon, 0)
        top.addLayout(text_column, 1)

        self.details_button = QPushButton("Show &details", self)
        self.details_button.setCheckable(True)
        self.details_button.setAccessibleName("Show details")
        self.details_button.toggled.connect(self._set_details_visible)
        self.copy_button = QPushButton("&Copy details", self)
        self.copy_button.setAccessibleName("Copy details")
        self.copy_button.setToolTip("Copy the details to the clipboard, to send with a report")
        self.copy_button.clicked.connect(self.copy_details)
        self.quit_button = QPushButton("&Quit Cairn" if can_continue else "&Close Cairn", self)
        self.quit_button.setAccessibleName(self.quit_button.text().replace("&", ""))
        self.quit_button.clicked.connect(lambda: self.done(RESULT_QUIT))
        self.continue_button = QPushButton("C&ontinue working", self)
        self.continue_button.setAccessibleName("Continue working")
        self.continue_button.clicked.connect(lambda: self.done(RESULT_CONTINUE))
        self.continue_button.setVisible(can_continue)
        default = self.continue_button if can_continue else self.quit_button
        default.setDefault(True)
        default.setAutoDefault(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.details_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.continue_button)

        self.privacy_note = QLabel(PRIVACY_HINT, self)
        self.privacy_note.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlainText(details)
        self.details.setAccessibleName("Error details")
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(180)
        self.details.verticalScrollBar().setAccessibleName("Scroll details up and down")
        self.details.horizontalScrollBar().setAccessibleName("Scroll details sideways")
        self._set_details_visible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.privacy_note)
        layout.addWidget(self.details, 1)
        self.setMinimumWidth(480)
        default.setFocus()

    def details_text(self) -> str:
        return self.details.toPlainText()

    def add_details(self, more: str) -> None:
        """Append a further error that happened while this dialog was open."""
        self.details.appendPlainText("\n" + "-" * 60 + "\nAnd then:\n" + more)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy_button.setText("Copied")

    def _set_details_visible(self, visible: bool) -> None:
        self.details.setVisible(visible)
        self.privacy_note.setVisible(visible)
        self.details_button.setText("Hide &details" if visible else "Show &details")
        self.adjustSize()


class _GuiThreadBridge(QObject):
    """Carries errors from worker threads to the GUI thread (a queued signal)."""

    reported = Signal(str, bool)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        # A slot of an object living in the GUI thread, so emitting from a worker is queued.
        self.reported.connect(self._on_reported)

    @Slot(str, bool)
    def _on_reported(self, details: str, can_continue: bool) -> None:
        _present(details, can_continue)


def install_crash_handler(app: QApplication) -> None:
    """Route uncaught exceptions (any thread) to the log and the crash dialog. Idempotent."""
    global _installed, _bridge
    if _installed is None:
        _installed = (sys.excepthook, threading.excepthook)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    if _bridge is None or _bridge.parent() is not app:
        _bridge = _GuiThreadBridge(app)


def uninstall_crash_handler() -> None:
    """Put back the hooks that were there before `install_crash_handler` (for tests)."""
    global _installed, _bridge
    if _installed is not None:
        sys.excepthook, threading.excepthook = _installed  # type: ignore[assignment]
        _installed = None
    if _bridge is not None:
        _bridge.deleteLater()
        _bridge = None


def report(exc_type: type[BaseException], exc: BaseException,
           tb: TracebackType | None) -> None:
    """Log one unexpected exception and, where allowed, show it; never raises."""
    if getattr(_handling, "active", False):  # failing while handling an error: just say so
        _fallback(exc_type, exc, tb)
        return
    _handling.active = True
    try:
        log.critical("Unexpected error", exc_info=(exc_type, exc, tb))
        details = _details(exc_type, exc, tb)
        in_gui_thread = _in_gui_thread()
        can_continue = not in_gui_thread or QThread.currentThread().loopLevel() > 0
        if not dialogs_enabled():
            if log.hasHandlers():  # else logging's last-resort handler has printed it already
                _print_to_stderr(exc_type, exc, tb)
            return
    except BaseException as handler_error:
        _fallback(exc_type, exc, tb, handler_error)
        return
    finally:
        _handling.active = False
    try:
        if in_gui_thread:
            _present(details, can_continue)
        elif _bridge is not None:
            _bridge.reported.emit(details, True)
    except BaseException as handler_error:
        _fallback(exc_type, exc, tb, handler_error)


def _present(details: str, can_continue: bool = True) -> None:
    """Show the dialog (GUI thread only); a second error while it is open joins its details."""
    global _open_dialog
    try:
        if _open_dialog is not None:
            _open_dialog.add_details(details)
            return
        parent = QApplication.activeWindow()
        _open_dialog = CrashDialog(details, can_continue=can_continue, parent=parent)
        try:
            choice = _open_dialog.exec()
        finally:
            _open_dialog.deleteLater()
            _open_dialog = None
        if choice == RESULT_QUIT or not can_continue:
            log.info("Closing after an unexpected error (%s)",
                     "chosen" if can_continue else "outside the event loop")
            QApplication.exit(1)
    except BaseException as handler_error:  # Qt would only print it; say so plainly
        _write_stderr(f"Cairn could not show its error dialog: {handler_error!r}\n{details}\n")


def _excepthook(exc_type: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report(exc_type, exc, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    report(args.exc_type, args.exc_value, args.exc_traceback)


def _in_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def _details(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> str:
    header = (f"Cairn {__version__} on {platform.platform()}, Python {platform.python_version()},"
              f" Qt for Python {pyside_version}, thread {threading.current_thread().name}\n\n")
    return redact(header + "".join(traceback.format_exception(exc_type, exc, tb)))


def _print_to_stderr(exc_type: type[BaseException], exc: BaseException,
                     tb: TracebackType | None) -> None:
    _write_stderr("".join(traceback.format_exception(exc_type, exc, tb)))


def _fallback(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
              handler_error: BaseException | None = None) -> None:
    try:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        if handler_error is not None:
            text += "\nWhile handling it, the crash handler failed:\n" + "".join(
                traceback.format_exception(handler_error))
        _write_stderr(text)
    except BaseException:  # the last resort must not raise
        pass


def _write_stderr(text: str) -> None:
    stream = sys.__stderr__ or sys.stderr
    if stream is None:  # a windowed Windows build has no console at all
        return
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):
        pass
