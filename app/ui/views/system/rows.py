"""Keeping a model's rows in step with fresh service results without resetting the model.

Rows that went are removed, new ones inserted, a changed order becomes a layout change (so
selections and the current row follow their records), and only changed records repaint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root: Qt's default 'parent' argument
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Record(Protocol):
    @property
    def id(self) -> str: ...


def sync_rows(model: QAbstractItemModel, rows: list[Any], fresh: list[Any],
              columns: int = 1) -> None:
    """Make `rows` (the model's own list, top level) equal `fresh`, signalling each step."""
    last_column = columns - 1
    wanted = {r.id for r in fresh}
    for row in reversed(range(len(rows))):
        if rows[row].id not in wanted:
            model.beginRemoveRows(QModelIndex(), row, row)
            rows.pop(row)
            model.endRemoveRows()
    have = {r.id for r in rows}
    for position, record in enumerate(fresh):
        if record.id not in have:
            row = min(position, len(rows))
            model.beginInsertRows(QModelIndex(), row, row)
            rows.insert(row, record)
            model.endInsertRows()
    if [r.id for r in rows] != [r.id for r in fresh]:
        new_rows = {r.id: i for i, r in enumerate(fresh)}
        model.layoutAboutToBeChanged.emit()
        moved_from = model.persistentIndexList()
        moved_to = [model.index(new_rows[rows[i.row()].id], i.column()) for i in moved_from]
        rows.sort(key=lambda r: new_rows[r.id])
        model.changePersistentIndexList(moved_from, moved_to)
        model.layoutChanged.emit()
    for row, record in enumerate(fresh):
        if rows[row] != record:
            rows[row] = record
            model.dataChanged.emit(model.index(row, 0), model.index(row, last_column))


class RecordListModel(QAbstractListModel):
    """A one-column list of records; optionally renamed in place through `rename`."""

    def __init__(self, records: list[Any], text: Callable[[Any], str], parent=None, *,
                 spoken: Callable[[Any], str] | None = None,
                 rename: Callable[[Any, str], bool] | None = None,
                 edit_text: Callable[[Any], str] | None = None) -> None:
        super().__init__(parent)
        self._rows = list(records)
        self._text, self._spoken = text, spoken or text
        self._rename, self._edit_text = rename, edit_text or text

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def record(self, row: int) -> Any:
        return self._rows[row]

    def records(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(record)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._spoken(record)
        if role == ID_ROLE:
            return record.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._rename is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self._rename is None or not index.isValid():
            return False
        record = self._rows[index.row()]
        text = str(value).strip()
        if text == self._edit_text(record):
            return False
        return self._rename(record, text)

    def sync(self, fresh: list[Any]) -> None:
        sync_rows(self, self._rows, fresh)
