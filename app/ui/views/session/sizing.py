"""Dialog sizes in characters and lines, so they grow with the text size but fit the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog

from app.ui.style import name_scroll_parts


def fit_dialog(dialog: QDialog, chars: int, lines: int = 0) -> None:
    """Make `dialog` about `chars` characters wide and `lines` lines tall, within the screen."""
    name_scroll_parts(dialog)
    metrics = dialog.fontMetrics()
    hint = dialog.sizeHint()
    width = max(hint.width(), metrics.averageCharWidth() * chars)
    height = max(hint.height(), metrics.lineSpacing() * lines)
    screen = dialog.screen() or QApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() * 9 // 10)
        height = min(height, room.height() * 9 // 10)
    dialog.resize(width, height)
