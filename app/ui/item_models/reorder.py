"""Drag-and-drop reordering and editing in place, for flat table models whose rows are records.

The drop does not move rows itself: it asks the model's owner to move the record (the same
request that Alt+Up/Alt+Down and the buttons make through `move`), and the model then follows
the change-set like any other edit. An edited cell likewise becomes one request to the owner,
`edits.edit(record, field=value)`, unless the value is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt

from app.ui.item_models.row_edits import RowEdits

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root: Qt's default 'parent' argument


class DragReorder:
    """Mixin for a QAbstractItemModel; subclasses set EDITABLE and `edits` (the owner's
    `RowEdits`), and provide the methods below."""

    MIME = "application/x-cairn-ids"
    HEADERS: Sequence[str] = ()  # the columns' headings
    EDITABLE: dict[int, str] = {}  # column -> the record's field its cells edit
    edits: RowEdits

    def rows(self) -> Sequence[Any]:
        """The records, one a row, in order (the model's own list: not to be changed)."""
        raise NotImplementedError

    def record_at(self, row: int) -> Any:
        return self.rows()[row]

    def ordered_ids(self) -> list[str]:
        return [record.id for record in self.rows()]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows())

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def coerce(self, field: str, value: Any) -> Any:
        """What was typed into a cell, as the record's field takes it (the service validates)."""
        return value.strip() if isinstance(value, str) else value

    def row_of(self, record_id: str) -> int:
        raise NotImplementedError

    def move(self, row: int, to_row: int) -> bool:
        """Ask the owner to put the record at `row` at `to_row`: Alt+Up/Down, the buttons and
        drops end here. False, asking nothing, when that is no move within the table."""
        count = len(self.rows())
        if row == to_row or not (0 <= row < count and 0 <= to_row < count):
            return False
        return self.edits.move(self.record_at(row), to_row)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                 | Qt.ItemFlag.ItemIsDragEnabled)
        if index.column() in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in self.EDITABLE:
            return False
        record = self.record_at(index.row())
        field = self.EDITABLE[index.column()]
        value = self.coerce(field, value)
        if getattr(record, field) == value:
            return False
        return self.edits.edit(record, **{field: value})

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
