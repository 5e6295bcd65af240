"""Multi-line text fields that commit when the person leaves them, not on every keystroke."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QPlainTextEdit, QSizePolicy, QWidget


def add_labelled_row(form: QFormLayout, text: str, field: QWidget,
                     shown: QWidget | QLayout | None = None) -> QLabel:
    """A form row whose label is the field's buddy: its Alt+letter goes there, and a screen
    reader says it. `shown` is what the row holds when that is not the field itself."""
    label = QLabel(text, field.parentWidget())
    label.setBuddy(field)
    form.addRow(label, shown if shown is not None else field)
    return label


class CommittingTextEdit(QPlainTextEdit):
    """Reports `editingFinished` when focus leaves it after a change; Tab moves on."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, *, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field
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


class GrowingTextEdit(CommittingTextEdit):
    """Grows with its text between a few lines and a screenful.

    Short text leaves no empty box and long text does not push the rest of the page away.
    """

    def __init__(self, parent: QWidget | None = None, *, min_lines: int = 2,
                 max_lines: int = 10) -> None:
        super().__init__(parent, lines=min_lines)
        self._lines = (min_lines, max_lines)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self.fit_height)
        self.fit_height()

    def fit_height(self, *_: object) -> None:
        # Measured from the text itself: the editor lays out only the lines it shows.
        metrics = QFontMetrics(self.font())
        margin = self.document().documentMargin()
        width = max(50, int(self.width() - 2 * (self.frameWidth() + margin)
                            - self.verticalScrollBar().sizeHint().width()))
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.TextFlag.TextExpandTabs)
        content = metrics.boundingRect(0, 0, width, 100_000, flags,
                                       self.toPlainText() or " ").height()
        low, high = (n * metrics.lineSpacing() for n in self._lines)
        chrome = 2 * (self.frameWidth() + margin) + 2
        height = int(min(max(content, low), high) + chrome + 0.5)
        self.setMinimumHeight(0)
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()  # a new width wraps the text onto more or fewer lines
