"""What the actions and evidence tables share: a thin table model over a list of records that
follows the store row by row, a filter in front of it, column widths that leave the main
column room at any text size, and the selected record in full under the table.

The model never edits: a cell edit is asked of the view's `RowEdits` (see commands.TableEdits).
`sync` turns a fresh list into the fewest row signals (removed, inserted, moved, changed), so
the selection and the scroll position stay where they were when one record changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QLabel,
    QScrollArea,
    QTableView,
    QWidget,
)

from app.ui.item_models.row_edits import RowEdits
from app.ui.tables import NamedEditors

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def themes_text(theme_ids: tuple[str, ...], titles: dict[str, str]) -> str:
    """The linked themes' titles, as a cell and the detail line show them."""
    return "; ".join(titles.get(t, "a theme since deleted") for t in theme_ids) or "None"


class RecordTableModel(QAbstractTableModel):
    """Rows of records, each known by `key(record)`; columns named by `HEADERS`."""

    HEADERS: tuple[str, ...] = ()
    FIELDS: dict[int, str] = {}  # the columns edited in place, and the field each one sets

    def __init__(self, edits: RowEdits, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.edits = edits
        self._rows: list[Any] = []

    def key(self, record: Any) -> str:
        raise NotImplementedError

    def reload(self) -> None:
        """Read the records from the store again and follow them (`sync`)."""
        raise NotImplementedError

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return super().headerData(section, orientation, role)

    def record(self, row: int) -> Any:
        return self._rows[row]

    def records(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if self.key(r) == record_id), -1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() in self.FIELDS else flags

    def refresh_all(self) -> None:
        """Every row repainted (what a row shows from elsewhere changed: a theme's title)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.HEADERS) - 1))

    def sync(self, fresh: Sequence[Any]) -> None:
        """Become `fresh`, in its order, with one signal per row that changed."""
        wanted = {self.key(r) for r in fresh}
        for row in reversed(range(len(self._rows))):
            if self.key(self._rows[row]) not in wanted:
                self.beginRemoveRows(ROOT, row, row)
                self._rows.pop(row)
                self.endRemoveRows()
        have = {self.key(r) for r in self._rows}
        for position, record in enumerate(fresh):
            if self.key(record) not in have:
                self.beginInsertRows(ROOT, position, position)
                self._rows.insert(position, record)
                self.endInsertRows()
        for target, record in enumerate(fresh):
            source = self.row_of(self.key(record))
            if source != target:
                # Qt's destination is the row before which the moved one lands.
                self.beginMoveRows(ROOT, source, source, ROOT,
                                   target if target < source else target + 1)
                self._rows.insert(target, self._rows.pop(source))
                self.endMoveRows()
        last = len(self.HEADERS) - 1
        for row, record in enumerate(fresh):
            if self._rows[row] != record:
                self._rows[row] = record
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))


class RecordFilter(QSortFilterProxyModel):
    """Shows the rows whose record passes `test`; the tab sets a new test as filters change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._test: Callable[[Any], bool] = lambda _record: True

    def set_test(self, test: Callable[[Any], bool]) -> None:
        self.beginFilterChange()
        self._test = test
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        return self._test(model.record(source_row))


def fit_columns(table: QTableView, caps: dict[int, tuple[int, float]], room: int) -> None:
    """Each column in `caps` as wide as its contents, but at most so many characters and so
    much of `room`, the table's width (column: (characters, share)): the stretching column
    (what an action is, a title) keeps room at 200% text on a laptop."""
    header, char = table.horizontalHeader(), table.fontMetrics().averageCharWidth()
    for column, (chars, share) in caps.items():
        table.resizeColumnToContents(column)
        header.resizeSection(column, max(char * 6, min(header.sectionSize(column), char * chars,
                                                       int(room * share))))


class RecordDetail(QScrollArea):
    """The selected record in full, wrapped, under its table (cells cut long text short); it
    scrolls past three lines, so a long citation never pushes the buttons off the screen."""

    def __init__(self, name: str, parent: QWidget | None = None, *, lines: int = 3) -> None:
        super().__init__(parent)
        self._lines = lines
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(name)
        self.setVisible(False)

    def text(self) -> str:
        return self.label.text()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text or "Nothing selected")
        self.setVisible(bool(text))
        self._fit()

    def _fit(self) -> None:
        width = max(1, self.width())  # its viewport may not have followed a resize yet
        wanted = max(1, self.label.heightForWidth(width))
        self.setFixedHeight(min(wanted, self.fontMetrics().lineSpacing() * self._lines + 4))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()  # the text wraps onto more or fewer lines at a new width


class ChooserEditors(NamedEditors):
    """Cell editors where a column needs a chooser (a combo box whose item data is the value)
    or a date; `special_editor` makes them, and this reads and writes their values."""

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QDateEdit):
            editor.setDate(value)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QDateEdit):
            model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
