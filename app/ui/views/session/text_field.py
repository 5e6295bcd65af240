"""A multi-line text field that commits when the person leaves it, not on every keystroke."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class MultiLineField(QPlainTextEdit):
    """Reports `editingFinished` when focus leaves it after a change; Tab moves on."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, *, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * lines + 12)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.document().isModified():
            self.document().setModified(False)
            self.editingFinished.emit()

    def set_text(self, text: str) -> None:
        """Show stored text without it counting as an edit."""
        if self.toPlainText() != text:
            self.setPlainText(text)
        self.document().setModified(False)
