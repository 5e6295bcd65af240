"""Pieces every dialog is made of: OK/Cancel with the action's own name, a quiet hint, a size.

Sizes are in characters and lines, so a dialog grows with the text size but fits the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from app.ui.style import name_scroll_parts


def ok_cancel(dialog: QDialog, ok_text: str,
              on_ok: Callable[[], object]) -> tuple[QDialogButtonBox, QPushButton]:
    """OK (labelled with what it does, e.g. "&Create") and Cancel; OK calls `on_ok`."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.accepted.connect(lambda: on_ok())
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


def hint(text: str, parent: QWidget) -> QLabel:
    """A quieter line that explains what will happen."""
    label = QLabel(text, parent)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def fit_dialog(dialog: QDialog, chars: int, lines: int = 0) -> None:
    """Make `dialog` about `chars` characters wide and `lines` lines tall, within the screen."""
    name_scroll_parts(dialog)
    metrics = dialog.fontMetrics()
    wanted = dialog.sizeHint()
    width = max(wanted.width(), metrics.averageCharWidth() * chars)
    height = max(wanted.height(), metrics.lineSpacing() * lines)
    screen = dialog.screen() or QApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() * 9 // 10)
        height = min(height, room.height() * 9 // 10)
    dialog.resize(width, height)
