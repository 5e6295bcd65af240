"""The way every table of records in Cairn behaves (agenda, focus areas, participants).

Whole rows are selected one at a time; F2 and a double-click edit a cell (typing too, where
the table says so); Tab leaves the table for the buttons beside it rather than walking its
cells; no row numbers; long text is cut short with "…". A table whose rows have an order can
be reordered by dragging, through its model's `move` (see item_models/reorder.py). The model
asks its view's `commands.TableEdits` for every edit and move; it performs none itself.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex


class NamedEditors(QStyledItemDelegate):
    """Cell editors a screen reader can name: each is called after its column's heading.

    A table with a column of its own kind (a spin box, a chooser) makes it in `special_editor`.
    """

    def special_editor(self, parent: QWidget, column: int) -> QWidget | None:
        return None

    def editor_name(self, heading: str) -> str:
        return heading

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = self.special_editor(parent, index.column())
        if editor is None:
            editor = super().createEditor(parent, option, index)
        heading = index.model().headerData(index.column(), Qt.Orientation.Horizontal)
        editor.setAccessibleName(self.editor_name(str(heading)))
        return editor


def set_up_record_table(table: QTableView, model: QAbstractItemModel,
                        delegate: QStyledItemDelegate, *, object_name: str, name: str,
                        description: str, typing_edits: bool = True,
                        reorder: bool = False) -> QHeaderView:
    """Give `table` its model, delegate, names and the shared behaviour; returns its header."""
    table.setObjectName(object_name)
    table.setModel(model)
    table.setItemDelegate(delegate)
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    triggers = QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    if typing_edits:
        triggers |= QAbstractItemView.EditTrigger.AnyKeyPressed
    table.setEditTriggers(triggers)
    if reorder:
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDragDropOverwriteMode(False)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return header
