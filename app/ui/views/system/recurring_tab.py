"""The "Recurring themes" tab of the learning-system screen: the themes seen again across its
sessions, how many sessions each appeared in, and for the one selected its timeline, drawn and
as a table; rename, unlink an appearance, delete, and "Find recurring themes…".

Every action is one service call and one undo step (`push_board`); the page refreshes from
`ctx.bus.changed`, so an undo, or a link made on a session's board, shows here at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.models import Changes
from app.services.sensemaking import recurring
from app.services.sensemaking.recurring_query import Recurring, list_recurring
from app.ui.buttons import DESTRUCTIVE, PRIMARY, action_button
from app.ui.commands import push_board
from app.ui.context import AppContext
from app.ui.dialogs.parts import hint
from app.ui.flow import flow_of
from app.ui.style import Heading, scrolled
from app.ui.views.system.recurring_timeline import (
    TimelineChart,
    TimelineModel,
    TimelineTable,
    plural,
)
from app.ui.views.system.rows import RecordListModel

WATCHED = ("recurring_theme", "theme", "note", "theme_vote", "session")


def _key(widget: QWidget, text: str, keys: QKeySequence, slot: Callable[[], None]) -> None:
    """A key that does `slot` while `widget` has the focus."""
    action = QAction(text, widget)
    action.setShortcut(keys)
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda: slot())
    widget.addAction(action)


def summary(item: Recurring) -> str:
    return (f"{plural(item.sessions, 'session')} · {plural(item.notes, 'note')} · "
            f"{plural(item.votes, 'vote')}")


class RecurringThemesPage(QWidget):
    """The learning system's recurring themes, and the timeline of the one selected."""

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.system_id = ctx, system_id
        self.setAccessibleName("Recurring themes")
        self.model = RecordListModel(
            list_recurring(ctx.store, system_id),
            lambda r: f"{r.theme.title}\n{summary(r)}", self,
            spoken=lambda r: f"{r.theme.title}, appeared in {summary(r)}")
        # A one-column tree rather than a list: long titles are cut short with "…" (the whole
        # of them in the tooltip) instead of pushing a sideways scroll bar in.
        self.list = QTreeView(self)
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.setObjectName("recurringList")
        self.list.setModel(self.model)
        self.list.setAccessibleName("Recurring themes of this learning system")
        self.list.setAccessibleDescription("Seen in most sessions first; the timeline of the "
                                           "selected one follows. F2 renames it; Delete "
                                           "deletes it.")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setWordWrap(False)
        list_label = QLabel("&Recurring themes:", self)
        list_label.setBuddy(self.list)
        self.empty = hint("No recurring themes yet. Link a theme to themes of other sessions "
                          "from its board, or let Cairn find likely ones.", self)
        self.find_button = action_button(
            self, "Find recurring &themes…", "Themes of different sessions that share their "
            "words, to link as one recurring theme", self.find_links, emphasis=PRIMARY)
        self.rename_button = action_button(self, "Re&name…", "Give the selected recurring "
                                           "theme a new title", self.rename)
        self.delete_button = action_button(
            self, "&Delete recurring theme", "Delete the selected recurring theme; its "
            "session themes stay on their boards, unlinked", self.delete, emphasis=DESTRUCTIVE)

        self.title = Heading("", 1.3, self)
        self.title.setAccessibleName("Selected recurring theme")
        self.figures = QLabel(self)
        self.figures.setWordWrap(True)
        self.chart = TimelineChart(self)
        self.timeline = TimelineModel(self)
        self.table = TimelineTable(self.timeline, self)
        table_label = QLabel("Sessions it appe&ared in:", self)
        table_label.setBuddy(self.table)
        self.unlink_button = action_button(
            self, "&Unlink from recurring theme", "Take the selected session's theme out of "
            "this recurring theme; it stays on its board", self.unlink)

        left = QVBoxLayout()
        left.setSpacing(4)
        left.addWidget(list_label)
        left.addWidget(self.empty)
        left.addWidget(self.list, 1)
        left.addSpacing(8)
        left.addWidget(flow_of(self, self.find_button, self.rename_button, self.delete_button))
        self.detail = QWidget(self)
        right = QVBoxLayout(self.detail)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.title)
        right.addWidget(self.figures)
        right.addWidget(self.chart, 1)
        right.addWidget(table_label)
        right.addWidget(self.table)
        right.addWidget(flow_of(self.detail, self.unlink_button))
        right.addStretch(0)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 2)
        columns.addWidget(self.detail, 5)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(Heading("Recurring themes", 1.4, page))
        layout.addWidget(hint("Themes seen again across the sessions of this learning system, "
                              "each with the sessions it appeared in.", page))
        layout.addLayout(columns, 1)
        self.scroll = scrolled(page, "Recurring themes page", self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

        _key(self.list, "Rename recurring theme", QKeySequence(Qt.Key.Key_F2), self.rename)
        _key(self.list, "Delete recurring theme",
             QKeySequence(QKeySequence.StandardKey.Delete), self.delete)
        _key(self.table, "Unlink from recurring theme",
             QKeySequence(QKeySequence.StandardKey.Delete), self.unlink)
        # Reading order, whatever order the layouts took the widgets in.
        chain = (self.list, self.find_button, self.rename_button, self.delete_button,
                 self.table, self.unlink_button)
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.list.selectionModel().currentChanged.connect(self._show_selected)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        ctx.bus.changed.connect(self._changed)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, 0))
        self._show_selected()

    # --- what is shown -------------------------------------------------------------------

    def selected(self) -> Recurring | None:
        index = self.list.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select(self, recurring_id: str) -> None:
        row = self.model.row_of(recurring_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row, 0))

    def _show_selected(self, *_: object) -> None:
        item = self.selected()
        self.empty.setVisible(self.model.rowCount() == 0)
        self.detail.setVisible(item is not None)
        if item is None:
            self.timeline.set_timeline(())
            self._update_buttons()
            return
        self.title.setText(item.theme.title)
        self.figures.setText(f"Appeared in {summary(item)}.")
        self.chart.set_timeline(item.theme.title, item.timeline)
        self.timeline.set_timeline(item.timeline)
        self.table.fit_rows()
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        item = self.selected()
        for button in (self.rename_button, self.delete_button):
            button.setEnabled(item is not None)
        self.unlink_button.setEnabled(item is not None and self.table.currentIndex().isValid())

    def _changed(self, changes: Changes) -> None:
        if not any(changes.touches(entity) for entity in WATCHED):
            return
        current = self.selected()
        self.model.sync(list_recurring(self._ctx.store, self.system_id))
        if current is not None and self.model.row_of(current.id) >= 0:
            self.select(current.id)
        elif self.model.rowCount() and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0, 0))
        self._show_selected()

    # --- actions -------------------------------------------------------------------------

    def rename(self) -> None:
        item = self.selected()
        if item is None:
            return
        title, ok = QInputDialog.getText(self, "Rename recurring theme", "New &title:",
                                         text=item.theme.title)
        if ok and title.strip() and title.strip() != item.theme.title:
            self.rename_to(title)

    def rename_to(self, title: str) -> None:
        item = self.selected()
        if item is None:
            return
        store = self._ctx.store
        if push_board(self._ctx, self, "Rename recurring theme",
                      lambda: recurring.rename_recurring(store, item.id, title)):
            self._ctx.bus.status.emit(f"Renamed the recurring theme to '{title.strip()}'.")

    def delete(self) -> None:
        item = self.selected()
        if item is None:
            return
        store = self._ctx.store
        if push_board(self._ctx, self, "Delete recurring theme",
                      lambda: recurring.delete_recurring(store, item.id)):
            self._ctx.bus.status.emit(f"Deleted the recurring theme '{item.theme.title}'; its "
                                      "session themes stay. Ctrl+Z brings it back.")

    def unlink(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        appearance = self.timeline.appearance(index.row())
        store = self._ctx.store
        if push_board(self._ctx, self, "Unlink theme from recurring theme",
                      lambda: recurring.unlink_theme(store, appearance.theme_id)):
            self._ctx.bus.status.emit(f"'{appearance.title}' of {appearance.session_title} is "
                                      "no longer part of this recurring theme.")

    def find_links(self) -> None:
        from app.ui.views.system.recurring_find import FindRecurringDialog

        dialog = FindRecurringDialog(self._ctx, self.system_id, self)
        dialog.linked.connect(self.select)
        dialog.exec()
