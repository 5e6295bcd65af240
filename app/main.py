"""Composition root of the desktop app: QApplication, store, task manager, context, main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import __version__, config
from app.models import Preferences, StoreError
from app.store.engine import Store, open_store

PREFERENCES_FILE = "preferences.json"


def run(data_dir: str | os.PathLike[str] | None = None, argv: list[str] | None = None) -> int:
    """Start the desktop app; returns the process exit code."""
    from app.logs import setup_logging
    from app.ui.context import AppContext, ChangeBus
    from app.ui.crash import install_crash_handler
    from app.ui.main_window import MainWindow
    from app.ui.style import apply_preferences
    from app.ui.tasks import TaskManager
    from app.ui.termination import close_on_termination

    setup_logging()
    if QApplication.instance() is None:
        # Qt aborts with no useful word when its platform's libraries are missing: say why first.
        from app.desktop_check import problem

        if (sentence := problem()) is not None:
            print(f"cairn: {sentence}", file=sys.stderr)
            return 1
    qt_app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    install_crash_handler(qt_app)
    qt_app.setApplicationName(config.APP_NAME)
    qt_app.setOrganizationName(config.APP_AUTHOR)
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName("cairn")

    folder = config.data_dir(data_dir)
    prefs_path = folder / PREFERENCES_FILE
    prefs = Preferences.load(prefs_path)
    try:
        store = open_store(folder, author=prefs.your_name, device_name=prefs.device_name)
    except StoreError as err:
        explain_unopened(err)
        return 1

    tasks = TaskManager(qt_app)
    ctx = AppContext(store=store, prefs=prefs, prefs_path=Path(prefs_path),
                     undo_stack=QUndoStack(), bus=ChangeBus(), tasks=tasks)
    apply_preferences(qt_app, prefs)
    window = MainWindow(ctx)
    window.show()
    warn_when_refused(window, store)
    close_on_termination(qt_app)

    if os.environ.get("CAIRN_REPORT_SHOWN"):
        # For the start-up benchmark: say when the first frame is up, then leave.
        QTimer.singleShot(0, lambda: _report_shown(qt_app))
    quit_after = os.environ.get("CAIRN_QUIT_AFTER_MS")
    if quit_after:
        # Used by smoke tests and benchmarks: start, show, then leave cleanly.
        QTimer.singleShot(int(quit_after), window.close)
    code = qt_app.exec()
    # Work still running ends before the store closes: what may be cancelled is, the rest
    # (a commit under way) finishes.
    tasks.shutdown()
    # The undo steps go while everything they refer to is alive: left to the garbage
    # collector, the stack and its steps are freed in no set order and Qt crashes.
    ctx.undo_stack.clear()
    store.close()
    return code


def explain_unopened(err: StoreError) -> None:
    """The sentence saying why the store could not be opened (newer, damaged, empty, full)."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Cairn cannot open its data", str(err))
    box.setObjectName("store-unopened")
    box.exec()


def warn_when_refused(window: QWidget, store: Store, *, poll_ms: int = 100) -> None:
    """Once it is known that the store will refuse changes (it is read-only, or failed the quick
    check that runs while the window opens), say so, with how to restore a backup."""

    def look() -> None:
        if not store.checked:
            QTimer.singleShot(poll_ms, look)
            return
        refusal = store.write_refusal()
        if refusal is not None:
            box = QMessageBox(QMessageBox.Icon.Warning, "Cairn cannot save changes", refusal,
                              QMessageBox.StandardButton.Ok, window)
            box.setObjectName("store-refusal")
            box.open()  # window-modal, without holding up the window behind it

    QTimer.singleShot(0, look)


def _report_shown(qt_app: QApplication) -> None:
    import time

    print(f"shown {time.time():.6f}", flush=True)
    qt_app.quit()
