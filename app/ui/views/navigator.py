"""The navigator panel: learning systems and their sessions, or a hint while there are none."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTreeView, QVBoxLayout, QWidget

from app.store.engine import Store
from app.ui.item_models.navigator import NavigatorModel


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
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.expandAll()

        self.empty = QLabel("No learning systems yet. Create one, or load the sample, to "
                            "see it here with its sessions.", self)
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
