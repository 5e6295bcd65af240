"""Fixtures for window tests: an AppContext on the real store, modals that never block."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, QStandardPaths
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from app.models import Preferences
from app.store.engine import Store
from app.ui.context import AppContext, ChangeBus
from app.ui.main_window import MainWindow
from app.ui.style import apply_preferences


@pytest.fixture(autouse=True)
def _qt_test_paths(qapp: QApplication):
    """QSettings and other per-user files go to Qt's test folders, never the real ones."""
    QStandardPaths.setTestModeEnabled(True)
    yield
    QSettings("Cairn", "Cairn").clear()
    # Windows closed by qtbot are deleted later; do it now so they never pile up.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def ctx(store: Store, tmp_path: Path, qapp: QApplication):
    context = AppContext(store, Preferences(), tmp_path / "preferences.json", QUndoStack(),
                         ChangeBus())
    apply_preferences(qapp, context.prefs)
    yield context
    context.tasks.shutdown()  # work still running ends before the store closes
    # As the app does on quitting: undo steps freed now, not by a late garbage collection in
    # no set order (which crashed the process at exit).
    context.undo_stack.clear()
    apply_preferences(qapp, Preferences())  # the next test starts at the normal size


@pytest.fixture
def window(ctx: AppContext, qtbot):
    """The main window on the test store, shown."""
    made = MainWindow(ctx)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes are recorded instead of shown, so a refusal never blocks a test."""
    shown: list[str] = []

    def record(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown

