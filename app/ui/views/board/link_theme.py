"""Linking a session's theme to themes of other sessions as one recurring theme.

`LinkThemeDialog(ctx, theme_id, parent)` lists the learning system's recurring themes the
theme can join, then the themes of its other sessions, grouped by session, likely matches
first (by the words they share, each shown), searchable; what is ticked is linked as one
recurring theme in one operation and one undo step. The theme board opens it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from app.services.sensemaking import recurring
from app.services.sensemaking.recurring_query import Recurring, list_recurring
from app.services.sensemaking.recurring_suggest import LINK_THRESHOLD, Candidate, candidates_for
from app.services.sensemaking.theme_query import get_theme
from app.ui.commands import push_board
from app.ui.context import AppContext
from app.ui.dialogs.parts import fit_dialog, hint, ok_cancel
from app.ui.views.system.recurring_timeline import date_text, plural

THEME_ROLE = Qt.ItemDataRole.UserRole + 1  # a theme's id (a session's theme)
RECURRING_ROLE = Qt.ItemDataRole.UserRole + 2  # a recurring theme's id
RECURRING_GROUP = "Recurring themes to join"


class LinkThemeDialog(QDialog):
    """Tick themes of other sessions, or a recurring theme, to link the theme to."""

    def __init__(self, ctx: AppContext, theme_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.theme_id = ctx, theme_id
        self.theme = get_theme(ctx.store, theme_id)
        self.result_id: str | None = None  # the recurring theme linked to, once done
        self.setWindowTitle("Link to other sessions")
        self.setAccessibleName(f"Link the theme {self.theme.title} to other sessions")
        own = self.theme.recurring_id
        self.candidates = candidates_for(ctx.store, theme_id)
        sessions_taken = self._sessions_of(own)
        self.joinable = [r for r in list_recurring(ctx.store, self.theme.system_id)
                         if r.id != own and self.theme.session_id not in
                         {a.session_id for a in r.timeline}
                         and not {a.session_id for a in r.timeline} & sessions_taken]

        intro = hint(self._intro(own), self)
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Search themes")
        self.search.setPlaceholderText("Type words of a theme or a session")
        self.search.setClearButtonEnabled(True)
        for clear in self.search.findChildren(QToolButton):
            clear.setAccessibleName("Clear the search")
        search_label = QLabel("&Search:", self)
        search_label.setBuddy(self.search)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("linkCandidates")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Themes of other sessions, likely matches first")
        self.tree.setAccessibleDescription("Space ticks a theme; a session can be linked once.")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        tree_label = QLabel("&Themes to link (tick one or more):", self)
        tree_label.setBuddy(self.tree)
        self.title = QLineEdit(self)
        self.title.setAccessibleName("Title of the recurring theme")
        self.title.setPlaceholderText("Leave empty to keep the title it has, or take this "
                                      "theme's")
        title_label = QLabel("Recurring theme's tit&le (optional):", self)
        title_label.setBuddy(self.title)
        self.empty = hint("There is no theme in another session of this learning system to "
                          "link to yet.", self)
        buttons, self.link_button = ok_cancel(self, "Lin&k", self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        layout.addWidget(tree_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(title_label)
        layout.addWidget(self.title)
        layout.addWidget(buttons)

        self._fill()
        self.search.textChanged.connect(self._narrow)
        self.tree.itemChanged.connect(lambda *_: self._update())
        self._update()
        fit_dialog(self, 100, 30)

    def _intro(self, own: str | None) -> str:
        where = f"“{self.theme.title}”"
        if own is None:
            return (f"Link {where} to the same theme in other sessions of this learning "
                    "system, so its timeline shows where it came back.")
        return (f"{where} is already part of a recurring theme; what you tick joins it (and "
                "a recurring theme ticked here becomes one with it).")

    def _sessions_of(self, recurring_id: str | None) -> set[str]:
        if recurring_id is None:
            return {self.theme.session_id or ""}
        found = [r for r in list_recurring(self._ctx.store, self.theme.system_id)
                 if r.id == recurring_id]
        return {a.session_id for r in found for a in r.timeline} | {self.theme.session_id or ""}

    def _fill(self) -> None:
        self.tree.clear()
        if self.joinable:
            group = self._group(RECURRING_GROUP)
            for item in self.joinable:
                self._recurring_item(group, item)
        by_session: dict[str, list[Candidate]] = {}
        for candidate in self.candidates:  # likely matches first, so sessions in that order
            by_session.setdefault(candidate.appearance.session_id, []).append(candidate)
        for found in by_session.values():
            a = found[0].appearance
            group = self._group(f"{a.session_title} ({date_text(a)})")
            for candidate in found:
                self._theme_item(group, candidate)
        self.tree.expandAll()
        self.empty.setVisible(not self.candidates and not self.joinable)
        first = self.tree.topLevelItem(0)
        if first is not None and first.childCount():
            self.tree.setCurrentItem(first.child(0))

    def _group(self, text: str) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.tree, [text])
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        return group

    def _recurring_item(self, group: QTreeWidgetItem, item: Recurring) -> None:
        text = f"{item.theme.title} — in {plural(item.sessions, 'session')}"
        row = QTreeWidgetItem(group, [text])
        row.setData(0, RECURRING_ROLE, item.id)
        self._checkable(row, f"Recurring theme {text}")

    def _theme_item(self, group: QTreeWidgetItem, c: Candidate) -> None:
        likely = c.score >= LINK_THRESHOLD and c.shared_words
        text = c.appearance.title + (f" — likely: shares {', '.join(c.shared_words[:3])}"
                                     if likely else "")
        if c.recurring_id:
            text += " (already recurring: its recurring theme joins too)"
        row = QTreeWidgetItem(group, [text])
        row.setData(0, THEME_ROLE, c.appearance.theme_id)
        row.setToolTip(0, f"{plural(c.appearance.notes, 'note')}, "
                          f"{plural(c.appearance.votes, 'vote')}")
        self._checkable(row, f"{text}, in {c.appearance.session_title}")

    @staticmethod
    def _checkable(row: QTreeWidgetItem, spoken: str) -> None:
        row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                     | Qt.ItemFlag.ItemIsUserCheckable)
        row.setCheckState(0, Qt.CheckState.Unchecked)
        row.setData(0, Qt.ItemDataRole.AccessibleTextRole, spoken)

    def _leaves(self) -> list[QTreeWidgetItem]:
        found = []
        it = QTreeWidgetItemIterator(self.tree)
        while item := it.value():
            if item.parent() is not None:
                found.append(item)
            it += 1
        return found

    def _narrow(self, text: str) -> None:
        words = text.casefold().split()
        for n in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(n)
            group_text = group.text(0).casefold()
            shown = 0
            for k in range(group.childCount()):
                child = group.child(k)
                haystack = f"{group_text} {child.text(0).casefold()}"
                hide = not all(w in haystack for w in words)
                child.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)

    def checked(self) -> tuple[list[str], list[str]]:
        """The ticked (session themes, recurring themes)."""
        themes, joined = [], []
        for item in self._leaves():
            if item.checkState(0) != Qt.CheckState.Checked:
                continue
            if item.data(0, THEME_ROLE):
                themes.append(item.data(0, THEME_ROLE))
            else:
                joined.append(item.data(0, RECURRING_ROLE))
        return themes, joined

    def tick(self, theme_or_recurring_id: str) -> None:
        """Tick the row of this theme or recurring theme (as Space on it would)."""
        for item in self._leaves():
            if theme_or_recurring_id in (item.data(0, THEME_ROLE), item.data(0, RECURRING_ROLE)):
                item.setCheckState(0, Qt.CheckState.Checked)

    def _update(self) -> None:
        themes, joined = self.checked()
        count = len(themes) + len(joined)
        self.link_button.setEnabled(count > 0)
        self.link_button.setText(f"Lin&k {count}" if count > 1 else "Lin&k")

    def submit(self) -> None:
        themes, joined = self.checked()
        if not themes and not joined:
            return
        into = joined[0] if joined else None
        # Another ticked recurring theme joins through one of its themes: they become one.
        extra = [r.theme.theme_ids[0] for r in self.joinable
                 if r.id in joined[1:] and r.theme.theme_ids]
        title = self.title.text().strip() or None
        store = self._ctx.store
        done = push_board(self._ctx, self, "Link theme to other sessions",
                          lambda: recurring.link_themes(store, [self.theme_id, *themes, *extra],
                                                        title=title, into=into))
        if done is None or done.recurring is None:
            return
        self.result_id = done.recurring.id
        self._ctx.bus.status.emit(f"'{done.recurring.theme.title}' now recurs in "
                                  f"{plural(done.recurring.sessions, 'session')}.")
        self.accept()
