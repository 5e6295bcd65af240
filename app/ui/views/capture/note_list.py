"""The list of captured notes: keys for delete, star and edit, and the rows selected.

Delete deletes the selected notes, `*` stars them, Enter or F2 edits the current one in place,
Escape goes back to the entry. Everything is undoable through the capture session. An empty
list says why it is empty and what to do next, in words a screen reader reads too.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListView, QWidget

from app.ui.item_models.note_model import ID_ROLE, NoteListModel
from app.ui.views.capture.note_delegate import NoteDelegate

SELECT_LIMIT = 1_000


class NoteListView(QListView):
    """Note cards, several selectable at once."""

    delete_requested = Signal()
    star_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.3,
                 name: str = "Notes") -> None:
        super().__init__(parent)
        self._scale = scale
        self.setAccessibleName(name)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.delegate = NoteDelegate(self)
        self.setItemDelegate(self.delegate)
        self._empty = ""
        self.refit()

    def set_empty_text(self, text: str) -> None:
        """What the list says when it has no rows: why, and the next step."""
        if text != self._empty:
            self._empty = text
            self.setAccessibleDescription(text)
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self._empty and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(16, 16, -16, -16),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap, self._empty)

    def note_model(self) -> NoteListModel:
        model = self.model()
        assert isinstance(model, NoteListModel)
        return model

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [self.model().index(row, 0).data(ID_ROLE) for row in rows]

    def select_row(self, row: int) -> None:
        """Make `row` (clamped to the list) current and the only one selected."""
        count = self.model().rowCount()
        if count == 0:
            return
        index = self.model().index(max(0, min(row, count - 1)), 0)
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def select_ids(self, ids: list[str]) -> int:
        """Select the rows showing these notes (the first made current); how many were found."""
        model = self.note_model()
        wanted = set(ids)
        # Within the first rows only: selecting thousands would lay out every one of them.
        rows = [r for r, i in enumerate(model.ids()[:SELECT_LIMIT]) if i in wanted]
        if not rows:
            return 0
        while max(rows) >= model.rowCount() and model.canFetchMore():
            model.fetchMore()
        selection = QItemSelection()
        for row in rows:
            selection.select(model.index(row), model.index(row))
        chooser = self.selectionModel()
        chooser.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        first = model.index(min(rows))
        chooser.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.scrollTo(first)
        return len(rows)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if self.state() != QAbstractItemView.State.EditingState:
            if key == Qt.Key.Key_Delete and plain:
                self.delete_requested.emit()
                return
            if event.text() == "*":
                self.star_requested.emit()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain \
                    and self.currentIndex().isValid():
                self.edit(self.currentIndex())
                return
            if key == Qt.Key.Key_Escape:
                self.leave_requested.emit()
                return
        super().keyPressEvent(event)

    def refit(self) -> None:
        """Note text a size up from the rest, for a shared screen; it follows the text size."""
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * self._scale)
        self.setFont(font)
        self.scheduleDelayedItemsLayout()
