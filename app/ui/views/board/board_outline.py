"""The outline: the same board model as a tree (tray and themes, each with its notes), the
accessible alternative to the cards and complete on its own: every board action works on the
row that has focus and the notes selected, drag and drop included."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from app.ui.item_models.board_model import ID_ROLE, TRAY, BoardModel
from app.ui.views.board.board_delegate import OutlineDelegate


class BoardOutline(QTreeView):
    """Theme -> notes; several notes selectable; `BoardTarget` for the board's actions."""

    context_asked = Signal(str, QPoint)  # the key of the row's theme ("" tray), global position

    def __init__(self, model: BoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board = model
        self.setModel(model)
        self.setAccessibleName("Outline of the themes and their notes")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(OutlineDelegate(self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda at: self.context_asked.emit(self.board.key_of(self.indexAt(at)) or TRAY,
                                               self.viewport().mapToGlobal(at)))
        model.rowsInserted.connect(self._expand_new)
        model.modelReset.connect(self.expandAll)
        self.expandAll()

    def _expand_new(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(first, last + 1):
                self.expand(self.board.index(row))

    # --- BoardTarget -----------------------------------------------------------------------

    def current_theme(self) -> str | None:
        key = self.board.key_of(self.currentIndex())
        return key if key else None

    def selected_notes(self) -> list[str]:
        chosen = [i for i in self.selectionModel().selectedIndexes() if self.board.is_note(i)]
        chosen.sort(key=lambda i: (self.board.key_of(i) != TRAY, i.parent().row(), i.row()))
        return [i.data(ID_ROLE) for i in chosen]

    def reveal(self, theme_id: str | None, note_ids: list[str]) -> None:
        top = self.board.top_index(theme_id or TRAY)
        if not top.isValid():
            return
        self.expand(top)
        selection = QItemSelection()
        for note_id in note_ids:
            index = self.board.note_index(note_id)
            if index.isValid():
                selection.select(index, index)
        chooser = self.selectionModel()
        if selection.isEmpty():
            chooser.setCurrentIndex(top, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(top)
        else:
            chooser.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            chooser.setCurrentIndex(selection.indexes()[0],
                                    QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(selection.indexes()[0])
        self.setFocus(Qt.FocusReason.OtherFocusReason)
