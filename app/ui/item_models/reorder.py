"""Drag-and-drop reordering for flat table models whose rows are records with ids.

The drop does not move rows itself: it calls the model's `move(source, target)`, the same
undoable store operation that Alt+Up/Alt+Down and the buttons use, and the model then follows
the change-set like any other edit.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class DragReorder:
    """Mixin for a QAbstractItemModel; subclasses set MIME and provide the three methods below."""

    MIME = "application/x-cairn-ids"

    def ordered_ids(self) -> list[str]:
        raise NotImplementedError

    def row_of(self, record_id: str) -> int:
        raise NotImplementedError

    def move(self, row: int, to_row: int) -> bool:
        raise NotImplementedError

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = self.ordered_ids()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(self.MIME, ",".join(ids[r] for r in rows).encode())
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(self.MIME):
            return False
        dragged = bytes(data.data(self.MIME).data()).decode().split(",")
        if len(dragged) != 1 or (source := self.row_of(dragged[0])) < 0:
            return False
        if row < 0:
            # Dropped onto a row: take its place; onto empty space: go last.
            target = parent.row() if parent.isValid() else len(self.ordered_ids()) - 1
        else:
            # Dropped between rows: the row it leaves shifts those below it up by one.
            target = row - 1 if row > source else row
        self.move(source, target)
        return False  # the store has moved it; nothing for the view to remove
