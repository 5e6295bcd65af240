"""The board's small dialogs: a searchable theme picker ("Move to theme…", "Merge with…"), a
line of text (a theme's title or synthesis), focus areas to tag a theme with, and a typed
vote count. Each opens without blocking (`open()`) and says what was chosen by a signal, so
the board stays live behind it and a keyboard user is never stuck in a nested event loop."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models import FocusArea

TRAY_CHOICE = "\x00tray"
NEW_CHOICE = "\x00new"


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel, dialog)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class ThemePicker(QDialog):
    """Type to filter the themes; Enter picks the one highlighted. Optionally also offers the
    tray and a new theme."""

    picked = Signal(str)  # a theme id, TRAY_CHOICE or NEW_CHOICE

    def __init__(self, title: str, prompt: str, themes: list[tuple[str, str]],
                 parent: QWidget | None = None, *, with_tray: bool = False,
                 ok: str = "Move") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Find a theme")
        self.search.setPlaceholderText("Type part of a theme's title")
        label = QLabel(prompt, self)
        label.setBuddy(self.search)
        label.setWordWrap(True)
        self.choices = QListWidget(self)
        self.choices.setAccessibleName("Themes")
        if with_tray:
            self._add("Tray (unclustered notes)", TRAY_CHOICE)
            self._add("New theme…", NEW_CHOICE)
        for theme_id, theme_title in themes:
            self._add(theme_title, theme_id)
        self.buttons = _buttons(self, ok)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.choices.itemActivated.connect(lambda _: self.accept())
        self.choices.setCurrentRow(0)
        self.choices.setWordWrap(True)
        self.choices.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        metrics = self.fontMetrics()
        self.resize(max(460, metrics.averageCharWidth() * 56),
                    max(420, metrics.lineSpacing() * 18))

    def _add(self, text: str, value: str) -> None:
        item = QListWidgetItem(text, self.choices)
        item.setData(Qt.ItemDataRole.UserRole, value)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for row in range(self.choices.count()):
            item = self.choices.item(row)
            hidden = not all(w in item.text().casefold() for w in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = row
        if first is not None:
            self.choices.setCurrentRow(first)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up and Down in the search box walk the list, so typing and choosing need no Tab.
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def _step(self, by: int) -> None:
        row = self.choices.currentRow()
        while 0 <= row + by < self.choices.count():
            row += by
            if not self.choices.item(row).isHidden():
                self.choices.setCurrentRow(row)
                return

    def current(self) -> str | None:
        item = self.choices.currentItem()
        if item is None or item.isHidden():
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    def accept(self) -> None:
        choice = self.current()
        if choice is None:
            return
        super().accept()
        self.picked.emit(choice)


class TextDialog(QDialog):
    """One piece of text: a theme's title (one line) or its synthesis (a few lines)."""

    given = Signal(str)

    def __init__(self, title: str, prompt: str, text: str, parent: QWidget | None = None, *,
                 lines: int = 1, ok: str = "Save") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.editor: QLineEdit | QPlainTextEdit
        if lines == 1:
            self.editor = QLineEdit(text, self)
            self.editor.selectAll()
        else:
            self.editor = QPlainTextEdit(text, self)
            self.editor.setTabChangesFocus(True)
            self.editor.setMinimumHeight(self.fontMetrics().lineSpacing() * lines + 12)
        self.editor.setAccessibleName(prompt.replace("&", "").rstrip(":"))
        label = QLabel(prompt, self)
        label.setBuddy(self.editor)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.editor)
        layout.addWidget(_buttons(self, ok))
        self.resize(max(480, self.fontMetrics().averageCharWidth() * 60), self.sizeHint().height())

    def text(self) -> str:
        editor = self.editor
        return (editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()).strip()

    def accept(self) -> None:
        super().accept()
        self.given.emit(self.text())


class FocusAreasDialog(QDialog):
    """Tick the focus areas a theme is about; those its notes are tagged with are suggested."""

    chosen = Signal(list)  # focus area ids

    def __init__(self, theme_title: str, areas: list[FocusArea], ticked: set[str],
                 suggested: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Focus areas of the theme")
        self.setAccessibleName("Focus areas of the theme")
        intro = QLabel(f"Tag “{theme_title}” with the focus areas it speaks to. Those its notes "
                       "are tagged with are suggested.", self)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.boxes: dict[str, QCheckBox] = {}
        for area in areas:
            name = f"{area.key} {area.name}" if area.key is not None else area.name
            if area.id in suggested:
                count = suggested[area.id]
                name += f" (suggested: {count} of its notes)"
            box = QCheckBox(name, self)
            box.setChecked(area.id in ticked)
            self.boxes[area.id] = box
            layout.addWidget(box)
        layout.addWidget(_buttons(self, "Tag"))

    def accept(self) -> None:
        super().accept()
        self.chosen.emit([a for a, box in self.boxes.items() if box.isChecked()])


class VotesDialog(QDialog):
    """The theme's total votes, typed: what is recorded is the difference."""

    counted = Signal(int)

    def __init__(self, theme_title: str, votes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Votes for the theme")
        self.setAccessibleName("Votes for the theme")
        self.spin = QSpinBox(self)
        self.spin.setRange(0, 9999)
        self.spin.setValue(votes)
        self.spin.selectAll()
        self.spin.setAccessibleName("Votes in all")
        label = QLabel(f"Votes in all for “{theme_title}”:", self)
        label.setWordWrap(True)
        label.setBuddy(self.spin)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.spin)
        layout.addWidget(_buttons(self, "Record"))

    def accept(self) -> None:
        super().accept()
        self.counted.emit(self.spin.value())
