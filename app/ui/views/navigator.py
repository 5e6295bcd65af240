"""The navigator panel: learning systems and their sessions, or a hint while there are none.

A session's second line starts with its status ("Live · Tue 8 Dec 2026, 10:00"): when the
panel is narrow (large text, a small screen) the date is cut short with "…", never the status.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.store.engine import Store
from app.ui.item_models.navigator import KIND_ROLE, NavigatorModel

LINE_SEPARATOR = "\u2028"


def status_first(text: str) -> str:
    """'Title\nTue 8 Dec 2026, 10:00 · Planned' as 'Title\nPlanned · Tue 8 Dec 2026, 10:00'."""
    # Qt's item delegate gives multi-line text with Unicode line separators, not "\n".
    separator = LINE_SEPARATOR if LINE_SEPARATOR in text else "\n"
    title, _, second = text.partition(separator)
    when, dot, status = second.rpartition(" · ")
    return f"{title}{separator}{status} · {when}" if dot else text


class NavigatorDelegate(QStyledItemDelegate):
    """Draws a session's status before its date, so eliding a narrow line keeps the status."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(KIND_ROLE) == "session":
            option.text = status_first(option.text)  # type: ignore[attr-defined]


class NavigatorPanel(QWidget):
    """A tree of two-line items (title; date and status); the full text is in each tooltip."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = NavigatorModel(store, self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("navigator")
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Learning systems and sessions")
        self.tree.setAccessibleDescription("Choose a learning system or a session to open it.")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setItemDelegate(NavigatorDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.expandAll()

        self.empty = QLabel("No learning systems yet. Start one with File ▸ New learning "
                            "system (Ctrl+Shift+N), or load the sample from the welcome page; "
                            "it shows here with its sessions.", self)
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(8, 8, 8, 8)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        self.setFocusProxy(self.tree)

        self.model.rowsInserted.connect(self._inserted)
        self.model.rowsRemoved.connect(self._show_hint)
        self._show_hint()

    def _inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(first, last + 1):
                self.tree.expand(self.model.index(row, 0))
        self._show_hint()

    def _show_hint(self, *_: object) -> None:
        empty = self.model.rowCount() == 0
        self.empty.setVisible(empty)
        self.tree.setVisible(not empty)
