"""The conflicts view: edits made at the same time on two laptops, each kept until a person
chooses. The list (record, what, their laptop, when); for the one selected, both versions side
by side, read only; Keep mine, Keep theirs, Keep both, or Edit… to write the text to keep.

It shows `Conflict` objects it is given (`show_conflicts`) and asks `resolve(id, keep,
edited)` to resolve one, so it works the same on the store's conflicts and on any list. Keyboard
alone: the list takes the arrows, Alt+M/T/B/E the choices; after a choice the next conflict is
selected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.sync import Conflict, Keep
from app.ui.buttons import action_button
from app.ui.dialogs.parts import fit_dialog, hint
from app.ui.style import Heading
from app.ui.views.sync.conflict_editor import ConflictEditor
from app.ui.views.sync.wording import conflict_row, conflict_sentence, plural

Resolve = Callable[[str, Keep, str | None], bool]  # True when it was resolved
HEADINGS = ("Record", "What", "Their laptop", "Found")
EMPTY = "No conflicts to resolve: every edit made on the other laptops has been merged."


class ConflictsView(QDialog):
    """Modeless: the window stays usable behind it; the list follows what it is given."""

    def __init__(self, resolve: Resolve, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._resolve = resolve
        self.conflicts: list[Conflict] = []
        self.setWindowTitle("Sync conflicts")
        self.setAccessibleName("Sync conflicts")
        self.heading = Heading("Conflicts to resolve", 1.3, self)
        self.summary = hint("", self)
        self.list = QTreeWidget(self)
        self.list.setObjectName("conflictList")
        self.list.setAccessibleName("Open conflicts")
        self.list.setColumnCount(len(HEADINGS))
        self.list.setHeaderLabels(HEADINGS)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        list_label = QLabel("&Conflicts:", self)
        list_label.setBuddy(self.list)
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())

        self.mine = self._version_box("This laptop's version")
        self.theirs = self._version_box("The other laptop's version")
        self.mine_label = QLabel("&Yours (this laptop):", self)
        self.mine_label.setBuddy(self.mine)
        self.theirs_label = QLabel("T&heirs:", self)
        self.theirs_label.setBuddy(self.theirs)
        versions = QGridLayout()
        versions.addWidget(self.mine_label, 0, 0)
        versions.addWidget(self.theirs_label, 0, 1)
        versions.addWidget(self.mine, 1, 0)
        versions.addWidget(self.theirs, 1, 1)
        versions.setColumnStretch(0, 1)
        versions.setColumnStretch(1, 1)

        self.keep_mine = action_button(self, "Keep &mine", "Keep this laptop's version; the "
                                       "other laptops take it at their next sync",
                                       lambda: self.choose("mine"))
        self.keep_theirs = action_button(self, "Keep &theirs", "Keep the other laptop's "
                                         "version", lambda: self.choose("theirs"))
        self.keep_both = action_button(self, "Keep &both", "Keep both versions, one after the "
                                       "other", lambda: self.choose("both"), icon="keep-both")
        self.edit = action_button(self, "&Edit…", "Write the text to keep, starting from both "
                                  "versions", self.edit_both, icon="edit")
        self.close_button = action_button(self, "Close", "Close the list; conflicts wait here "
                                          "until you resolve them", self.close)
        row = QHBoxLayout()
        for button in (self.keep_mine, self.keep_theirs, self.keep_both, self.edit):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(list_label)
        layout.addWidget(self.list, 2)
        layout.addLayout(versions, 3)
        layout.addLayout(row)
        fit_dialog(self, 110, 28)
        self.show_conflicts([])

    def _version_box(self, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setReadOnly(True)
        box.setAccessibleName(name)
        box.setTabChangesFocus(True)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                    | Qt.TextInteractionFlag.TextSelectableByMouse)
        return box

    # --- what it shows ---------------------------------------------------------------------

    def show_conflicts(self, conflicts: list[Conflict]) -> None:
        """Show these (open) conflicts, keeping the selected one selected when still there."""
        keep = self.selected()
        kept_id = keep.id if keep is not None else None
        self.conflicts = [c for c in conflicts if not c.resolved]
        self.list.clear()
        for conflict in self.conflicts:
            item = QTreeWidgetItem(self.list, list(conflict_row(conflict)))
            item.setData(0, Qt.ItemDataRole.UserRole, conflict.id)
            item.setToolTip(0, conflict_sentence(conflict))
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, conflict_sentence(conflict))
        count = len(self.conflicts)
        self.summary.setText(EMPTY if not count else
                             f"{plural(count, 'record')} changed on two laptops at the same "
                             "time. Both versions are kept; the record shows one of them "
                             "until you choose.")
        index = next((i for i, c in enumerate(self.conflicts) if c.id == kept_id), 0)
        if count:
            self.list.setCurrentItem(self.list.topLevelItem(index))
        self._show_selected()

    def selected(self) -> Conflict | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(0, Qt.ItemDataRole.UserRole)
        return next((c for c in self.conflicts if c.id == wanted), None)

    def _show_selected(self) -> None:
        conflict = self.selected()
        for button in (self.keep_mine, self.keep_theirs, self.keep_both, self.edit):
            button.setEnabled(conflict is not None)
        if conflict is None:
            self.mine.setPlainText("")
            self.theirs.setPlainText("")
            self.theirs_label.setText("T&heirs:")
            return
        self.edit.setEnabled(conflict.kind == "edit")
        self.mine.setPlainText(conflict.mine)
        self.theirs.setPlainText(conflict.theirs)
        self.theirs_label.setText(f"T&heirs (“{conflict.their_device}”):")
        self.theirs.setAccessibleName(f"The version from {conflict.their_device}")

    # --- choosing --------------------------------------------------------------------------

    def choose(self, keep: Keep, edited: str | None = None) -> bool:
        """Resolve the selected conflict; the next one is then selected."""
        conflict = self.selected()
        if conflict is None:
            return False
        row = self.conflicts.index(conflict)
        if not self._resolve(conflict.id, keep, edited):
            return False
        # The list may have been reloaded by the resolution's changes already.
        self.show_conflicts([c for c in self.conflicts if c.id != conflict.id])
        if self.conflicts:
            self.list.setCurrentItem(self.list.topLevelItem(min(row, len(self.conflicts) - 1)))
            self.list.setFocus()
        else:
            self.close_button.setFocus()
        return True

    def edit_both(self) -> bool:
        """Edit…: the text to keep, starting from both versions."""
        conflict = self.selected()
        if conflict is None:
            return False
        editor = ConflictEditor(conflict, self)
        if editor.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.choose("both", editor.text())
