"""Driving the tabs' dialogs as a person would, without blocking the test."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def drive(monkeypatch: pytest.MonkeyPatch, dialog_type: type[QDialog], qtbot, steps) -> list:
    """Instead of blocking, a dialog of `dialog_type` is shown and `steps(dialog)` is done to
    it, as a person would; its result is then what the dialog says. Returns the dialogs seen."""
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        seen.append(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        steps(dialog)
        result = dialog.result()
        dialog.close()
        owner = dialog.parentWidget()
        if owner is not None:  # as when a modal dialog closes: its window is active again
            owner.window().activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is owner.window())
        return result

    monkeypatch.setattr(dialog_type, "exec", run)
    return seen


def focused() -> QWidget | None:
    return QApplication.focusWidget()
