""""Find recurring themes…": pairs of themes of different sessions that share their words,
most alike first, each with the words that made it; linking one is one undo step, and the
list is worked out again after each, so what is left can still be linked as it stands."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.sensemaking import recurring
from app.services.sensemaking.recurring_suggest import Candidate, LinkSuggestion, suggest_links
from app.ui.buttons import PRIMARY, action_button
from app.ui.commands import push_board
from app.ui.context import AppContext
from app.ui.dialogs.parts import fit_dialog, hint
from app.ui.views.system.recurring_timeline import date_text


def _side(c: Candidate) -> str:
    a = c.appearance
    return f"“{a.title}” ({a.session_title}, {date_text(a)})"


def describe(s: LinkSuggestion) -> str:
    """A suggestion as shown and spoken: both themes, and the words they share."""
    words = ", ".join(s.first.shared_words) or "similar words"
    return f"{_side(s.first)}\nand {_side(s.second)}\nShared words: {words}"


class FindRecurringDialog(QDialog):
    """Suggested links to accept one at a time; `linked` names the recurring theme each made."""

    linked = Signal(str)

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._system_id = ctx, system_id
        self.setWindowTitle("Find recurring themes")
        self.setAccessibleName("Find recurring themes")
        self.list = QListWidget(self)
        self.list.setObjectName("suggestedLinks")
        self.list.setAccessibleName("Suggested links, most alike first")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(3)
        label = QLabel("&Suggested links (themes of different sessions that share words):",
                       self)
        label.setWordWrap(True)
        label.setBuddy(self.list)
        self.empty = hint("Nothing more to suggest: no two themes of different sessions share "
                          "enough words. Link themes by hand from a session's board.", self)
        self.link_button = action_button(
            self, "&Link these themes", "Link the selected pair as one recurring theme (joining "
            "one either is already part of); one undo step", self.link_selected,
            emphasis=PRIMARY)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.link_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(hint("Nothing is linked until you choose Link; Ctrl+Z undoes each "
                              "link.", self))
        layout.addWidget(buttons)
        self.suggestions: list[LinkSuggestion] = []
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.list.itemActivated.connect(lambda _item: self.link_selected())
        self.refresh()
        fit_dialog(self, 110, 30)

    def refresh(self) -> None:
        """Work the suggestions out again (after a link, some are made or no longer fit)."""
        self.suggestions = suggest_links(self._ctx.store, self._system_id)
        self.list.clear()
        for suggestion in self.suggestions:
            text = describe(suggestion)
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ", "))
        if self.suggestions:
            self.list.setCurrentRow(0)
        self._update()

    def _update(self) -> None:
        self.empty.setVisible(not self.suggestions)
        self.list.setVisible(bool(self.suggestions))
        self.link_button.setEnabled(self.list.currentRow() >= 0 and bool(self.suggestions))

    def link_selected(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.suggestions):
            return
        chosen = self.suggestions[row]
        store = self._ctx.store
        done = push_board(self._ctx, self, "Link recurring themes",
                          lambda: recurring.link_themes(store, list(chosen.theme_ids)))
        if done is None or done.recurring is None:
            return
        found = done.recurring
        self._ctx.bus.status.emit(f"Linked: '{found.theme.title}' now recurs in "
                                  f"{found.sessions} sessions.")
        self.linked.emit(found.id)
        self.refresh()
        self.list.setFocus()
