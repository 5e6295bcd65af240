"""The sync log: what each round did, in sentences a facilitator can read ("Received 42 notes
from the laptop “Orkney office”."), newest first, each with its time; Copy puts it all on the
clipboard, to paste into an email to whoever looks after the shared drive."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.sync import SyncLogEntry
from app.ui.buttons import action_button
from app.ui.dialogs.parts import fit_dialog, hint
from app.ui.icons import icon
from app.ui.style import Heading
from app.ui.views.sync.wording import log_line

ICONS = {"problem": "warning", "set_aside": "warning", "conflict": "conflict",
         "device": "sync", "round": "sync", "sent": "export", "received": "import"}
EMPTY = "Nothing synced yet: the log fills as this laptop syncs with the shared folder."


class SyncLogView(QDialog):
    """Modeless; shows the `SyncLogEntry` list it is given (newest first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[SyncLogEntry] = []
        self.setWindowTitle("Sync log")
        self.setAccessibleName("Sync log")
        self.heading = Heading("What sync did", 1.3, self)
        self.summary = hint(EMPTY, self)
        self.list = QListWidget(self)
        self.list.setObjectName("syncLogList")
        self.list.setAccessibleName("Sync log, newest first")
        self.list.setWordWrap(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        label = QLabel("&Log, newest first:", self)
        label.setBuddy(self.list)
        self.copy_button = action_button(self, "&Copy", "Copy the log (or the lines selected) "
                                         "as text, to paste into an email", self.copy,
                                         icon="copy")
        self.close_button = action_button(self, "Close", "Close the sync log", self.close)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        fit_dialog(self, 100, 26)
        self.show_entries([])

    def show_entries(self, entries: list[SyncLogEntry]) -> None:
        """Show these entries, newest first whatever order they come in."""
        self.entries = sorted(entries, key=lambda e: e.at, reverse=True)
        self.list.clear()
        for entry in self.entries:
            item = QListWidgetItem(log_line(entry), self.list)
            item.setIcon(icon(ICONS.get(entry.kind, "sync-log")))
        self.summary.setText(EMPTY)
        self.summary.setVisible(not self.entries)  # the list says the rest
        self.copy_button.setEnabled(bool(self.entries))
        if self.entries:
            self.list.setCurrentRow(0)

    def text(self) -> str:
        """The lines selected (or, with fewer than two selected, all of them), newest first."""
        rows = sorted(self.list.row(item) for item in self.list.selectedItems())
        if len(rows) < 2:
            rows = list(range(self.list.count()))
        return "\n".join(log_line(self.entries[row]) for row in rows)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text() + "\n")
        self.summary.setText("Copied the log: paste it where you need it.")
        self.summary.show()
