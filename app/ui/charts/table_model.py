"""The table beside a chart: the same numbers as rows and columns a screen reader can walk.

New numbers of the same shape update the cells in place (the reader's place in the table is
kept); only a change of shape (a session or focus area added) resets the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Value = str | int
ROOT = QModelIndex()


@dataclass(frozen=True)
class TableData:
    """Headings, rows of values (numbers and shares are right-aligned), and, where a cell's
    words for a screen reader differ from what is shown ("16 · 4" is said "16 notes, 4
    themes"), those."""

    headings: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...] = ()
    spoken: tuple[tuple[str, ...], ...] = ()  # per row and column, "" where the value says it
    heading_tips: tuple[str, ...] = ()  # a heading in full, where the column cuts it short


class ChartTableModel(QAbstractTableModel):
    """Read-only rows of a `TableData`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = TableData(())

    def set_table(self, table: TableData) -> None:
        old, self.table = self.table, table
        if old.headings != table.headings or len(old.rows) != len(table.rows):
            self.beginResetModel()
            self.endResetModel()
            return
        last = len(table.headings) - 1
        for row, (before, after) in enumerate(zip(old.rows, table.rows, strict=True)):
            if before != after or old.spoken[row:row + 1] != table.spoken[row:row + 1]:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.table.headings)

    def value(self, row: int, column: int) -> Value:
        return self.table.rows[row][column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.value(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            spoken = self.table.spoken
            words = spoken[index.row()][index.column()] if index.row() < len(spoken) else ""
            return words or str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and (
                isinstance(value, int) or value.endswith("%")):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or section >= len(self.table.headings):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.table.headings[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = self.table.heading_tips
            return (tips[section] if section < len(tips) else "") or self.table.headings[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
