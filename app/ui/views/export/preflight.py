"""The pre-flight list: every personal name the export will show, where and why, before
anything is written ("Nobody will be named" when there are none)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.pack import NameUse

NOBODY = "Nobody will be named."


def summary(names: Sequence[NameUse]) -> str:
    """One sentence for the list's heading and the screen reader."""
    if not names:
        return NOBODY
    people = len({u.name for u in names})
    return (f"{people} {'person' if people == 1 else 'people'} will be named, in "
            f"{len(names)} place{'' if len(names) == 1 else 's'}. Check each before you save.")


class PreflightPanel(QWidget):
    """The names as a table (name, where, why) under a sentence that sums them up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sentence = QLabel(self)
        self.sentence.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setAccessibleName("Names the export will show")
        self.table.setHorizontalHeaderLabels(["Name", "Where", "Why"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Where and why are read in full, wrapped: rows grow to them as the columns change.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sentence)
        layout.addWidget(self.table, 1)
        self.waiting("Checking who the export would name…")

    def waiting(self, text: str) -> None:
        """While the pack is being built: no list yet, so nothing can be missed."""
        self.table.setRowCount(0)
        self.table.hide()
        self._say(text)

    def show_names(self, names: Sequence[NameUse]) -> None:
        self.table.setRowCount(len(names))
        for row, use in enumerate(names):
            for column, text in enumerate((use.name, use.where, use.why)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(names))
        self.table.resizeRowsToContents()
        self._say(summary(names))

    def _say(self, text: str) -> None:
        self.sentence.setText(text)
        self.sentence.setAccessibleName(text)

    def names(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row (for tests and the screen-reader check)."""
        return [tuple(self.table.item(r, c).text() for c in range(3))  # type: ignore[misc]
                for r in range(self.table.rowCount())]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.table.resizeRowsToContents()
