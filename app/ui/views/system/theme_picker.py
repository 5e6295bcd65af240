"""Choosing the themes an action answers or a piece of evidence supports: every theme of the
learning system, grouped by session, narrowed by typing, ticked with Space.

The search field has focus first; Down (or Enter) goes to the list, arrow keys move in it,
Space ticks or unticks, and Ctrl+Enter (or the Link button) takes the themes ticked. Used by
both the actions and the evidence tabs, for adding and for changing links.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.sensemaking.theme_choices import ThemeChoice, system_themes
from app.ui.buttons import action_button
from app.ui.context import AppContext
from app.ui.dialogs.parts import fit_dialog, hint, ok_cancel
from app.ui.style import OneLineHeading

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NO_SESSION = "Themes of no session"


def session_label(choice: ThemeChoice) -> str:
    if choice.session_id is None:
        return NO_SESSION
    starts = choice.session_starts
    when = f" ({starts.day} {starts:%b %Y})" if starts else ""
    return f"{choice.session_title}{when}"


def theme_titles(choices: list[ThemeChoice]) -> dict[str, str]:
    """Each theme's title, with its session's where two themes share a title (a theme that
    recurs across sessions), so a list of linked themes never reads the same title twice."""
    seen: dict[str, int] = {}
    for choice in choices:
        seen[choice.title.casefold()] = seen.get(choice.title.casefold(), 0) + 1
    return {c.id: f"{c.title} ({session_label(c)})" if seen[c.title.casefold()] > 1 else c.title
            for c in choices}


class ThemePickerDialog(QDialog):
    """Tick the themes to link to `what` (a sentence naming the action or evidence)."""

    def __init__(self, ctx: AppContext, system_id: str, linked: Iterable[str], what: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link themes")
        self.setAccessibleName(f"Link themes to {what}")
        self._choices = system_themes(ctx.store, system_id)
        linked = set(linked)

        # One line, cut short with its whole text in the tooltip: at large text sizes the
        # height is the list's.
        heading = OneLineHeading(f"Themes for: {what}", 1.0, self)
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Find a theme or session")
        self.search.setPlaceholderText("Type to narrow the list")
        self.search.setClearButtonEnabled(True)
        for clear in self.search.findChildren(QToolButton):
            clear.setAccessibleName("Clear the search")
        find_label = QLabel("&Find:", self)
        find_label.setBuddy(self.search)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("themePicker")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Themes of the learning system, by session")
        self.tree.setAccessibleDescription("Space ticks or unticks the theme; the ticked "
                                           "themes are linked.")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        sessions: dict[str, QTreeWidgetItem] = {}
        for choice in self._choices:
            label = session_label(choice)
            group = sessions.get(label)
            if group is None:
                group = QTreeWidgetItem(self.tree, [label])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                bold = group.font(0)
                bold.setBold(True)  # a session, not a theme to tick: set apart in more than colour
                group.setFont(0, bold)
                sessions[label] = group
            item = QTreeWidgetItem(group, [choice.title])
            item.setData(0, ID_ROLE, choice.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if choice.id in linked
                               else Qt.CheckState.Unchecked)
        self.tree.expandAll()
        list_label = QLabel("&Themes (Space ticks one):", self)
        list_label.setBuddy(self.tree)
        self.count = QLabel(self)
        self.count.setObjectName("hint")
        self.empty = hint("This learning system has no themes yet: make them on a session's "
                          "board, then link them here.", self)
        self.empty.setVisible(not self._choices)

        buttons, self.link_button = ok_cancel(self, "&Link", self.accept)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(find_label)
        layout.addWidget(self.search)
        layout.addWidget(list_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.count)
        layout.addWidget(buttons)

        self.search.textChanged.connect(self._narrow)
        self.search.installEventFilter(self)
        self.tree.itemChanged.connect(lambda *_: self._update_count())
        self._update_count()
        first = self._theme_items()
        if first:
            self.tree.setCurrentItem(first[0])
        fit_dialog(self, 96, 24)
        self.search.setFocus()

    def chosen(self) -> list[str]:
        """The ids of the themes ticked, in the list's order (hidden ones included)."""
        return [i.data(0, ID_ROLE) for i in self._theme_items()
                if i.checkState(0) == Qt.CheckState.Checked]

    def set_checked(self, theme_id: str, checked: bool) -> None:
        for item in self._theme_items():
            if item.data(0, ID_ROLE) == theme_id:
                item.setCheckState(0, Qt.CheckState.Checked if checked
                                   else Qt.CheckState.Unchecked)

    def visible_titles(self) -> list[str]:
        return [i.text(0) for i in self._theme_items() if not i.isHidden()
                and not i.parent().isHidden()]

    def _theme_items(self) -> list[QTreeWidgetItem]:
        root = self.tree.invisibleRootItem()
        return [root.child(g).child(t) for g in range(root.childCount())
                for t in range(root.child(g).childCount())]

    def _narrow(self, text: str) -> None:
        words = text.casefold().split()
        root = self.tree.invisibleRootItem()
        for g in range(root.childCount()):
            group = root.child(g)
            session = group.text(0).casefold()
            shown = 0
            for t in range(group.childCount()):
                item = group.child(t)
                where = f"{session} {item.text(0).casefold()}"
                item.setHidden(not all(w in where for w in words))
                shown += not item.isHidden()
            group.setHidden(shown == 0)
        current = self.tree.currentItem()
        if current is None or current.isHidden() or current.parent().isHidden():
            visible = [i for i in self._theme_items() if not i.isHidden()
                       and not i.parent().isHidden()]
            if visible:
                self.tree.setCurrentItem(visible[0])
        self._update_count()

    def _update_count(self) -> None:
        ticked, shown = len(self.chosen()), len(self.visible_titles())
        total = len(self._choices)
        found = f"{shown} of {total} themes shown" if shown != total else f"{total} themes"
        self.count.setText(f"{found} · {ticked} ticked")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # From the search field, Down or Enter goes into the list, as in a search box anywhere.
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.tree.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)


class ThemesField(QWidget):
    """The themes chosen for a record not made yet: their titles, and a button to choose."""

    def __init__(self, ctx: AppContext, system_id: str, what: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._system_id, self._what = ctx, system_id, what
        self.theme_ids: list[str] = []
        self.label = QLabel("No themes linked yet", self)
        self.label.setWordWrap(True)
        self.button = action_button(self, "Link t&hemes…", f"Choose the themes {what} answers",
                                    self.choose, icon="link")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)

    def choose(self) -> None:
        picker = ThemePickerDialog(self._ctx, self._system_id, self.theme_ids, self._what,
                                   self.window())
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.set_themes(picker.chosen())

    def set_themes(self, theme_ids: list[str]) -> None:
        self.theme_ids = list(theme_ids)
        titles = theme_titles(system_themes(self._ctx.store, self._system_id))
        chosen = [titles[t] for t in self.theme_ids if t in titles]
        self.label.setText("; ".join(chosen) if chosen else "No themes linked yet")
