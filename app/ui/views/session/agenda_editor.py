"""The agenda tab: timed blocks in a table, the selected block's prompt and focus areas beside it.

Every edit is undoable. Blocks are reordered by dragging or with Alt+Up / Alt+Down, added with
Ctrl+Shift+A and removed with Delete; the total is checked against the session's length and
an overrun is said in words beside a warning icon, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QSplitter,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models import AgendaItem, Changes
from app.models.planning import MAX_BLOCK_MINUTES
from app.services.planning import agenda as agenda_service
from app.ui.buttons import DESTRUCTIVE, action_button
from app.ui.commands import FieldEdit, RowMove, TableEdits, push_create, push_delete
from app.ui.context import AppContext
from app.ui.flow import ButtonRow
from app.ui.item_models.agenda_model import (
    FOCUS,
    METHOD,
    MINUTES,
    TIME,
    TITLE,
    AgendaTableModel,
    clock,
)
from app.ui.style import scrolled
from app.ui.tables import NamedEditors, set_up_record_table
from app.ui.views.session.block_detail import BlockDetail

Index = QModelIndex | QPersistentModelIndex
TITLE_CHARS = 22  # the title keeps room for this many characters before the others narrow
FOCUS_CHARS = 30  # focus area names wrap past this width
SIDE_BY_SIDE_CHARS = 130  # below this width (in average characters) the panel goes underneath
EDIT_TEXT = {"title": "Rename block", "minutes": "Change length of block",
             "method": "Change method of block", "prompt": "Edit prompt of block",
             "focus_area_ids": "Change focus areas of block"}  # the undo step, by field


class AgendaDelegate(NamedEditors):
    """A minutes spin box with the block's limits; focus areas one a line, each line cut short
    with "…" when narrow rather than wrapped (a row stays as tall as its number of areas; the
    panel beside the table and the tooltip give each name in full)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if index.column() == FOCUS:
            option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText  # type: ignore[attr-defined]
            option.textElideMode = Qt.TextElideMode.ElideRight  # type: ignore[attr-defined]

    def special_editor(self, parent: QWidget, column: int) -> QWidget | None:
        if column != MINUTES:
            return None
        editor = QSpinBox(parent)
        editor.setRange(1, MAX_BLOCK_MINUTES)
        editor.setSuffix(" min")
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor


class AgendaEditor(QWidget):
    """The timed agenda of one session."""

    def __init__(self, ctx: AppContext, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.session_id = ctx, session_id
        self.edits = TableEdits(ctx, self, self._edit_of, self._move_of)
        self.model = AgendaTableModel(ctx, session_id, self.edits, self)
        self.table = QTableView(self)
        header = set_up_record_table(
            self.table, self.model, AgendaDelegate(self.table), object_name="agendaTable",
            name="Agenda", reorder=True, description=(
                "One row per timed block: time, minutes, title, method and focus areas. F2 "
                "edits a cell; Alt+Up and Alt+Down move a block; Delete removes it; "
                "Ctrl+Shift+A adds one."))
        for column in (TIME, MINUTES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # Long titles, methods and focus area names wrap onto more lines rather than being cut.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)

        self.detail = BlockDetail(self.model, self.edits, self)
        self.detail.setObjectName("blockDetail")

        self.add_button = action_button(
            self, "Add &block",
            "Add a block after the selected one (Ctrl+Shift+A)",
            self.add_block, icon="add")
        self.remove_button = action_button(
            self, "&Remove block",
            "Remove the selected block (Delete)",
            self.remove_block, emphasis=DESTRUCTIVE)
        self.up_button = action_button(
            self, "Move &up",
            "Move the selected block earlier (Alt+Up)",
            lambda: self.move_block(-1), icon="move-up")
        self.down_button = action_button(
            self, "Move do&wn",
            "Move the selected block later (Alt+Down)",
            lambda: self.move_block(+1), icon="move-down")
        self._shortcut(self, "Add block", "Ctrl+Shift+A", self.add_block,
                       Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._shortcut(self.table, "Remove block", QKeySequence.StandardKey.Delete,
                       self.remove_block, Qt.ShortcutContext.WidgetShortcut)
        self._shortcut(self.table, "Move block up", "Alt+Up", lambda: self.move_block(-1),
                       Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._shortcut(self.table, "Move block down", "Alt+Down", lambda: self.move_block(+1),
                       Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.warning_icon = QLabel(self)
        size = self.fontMetrics().height()
        self.warning_icon.setPixmap(QApplication.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        self.warning_icon.setAccessibleName("Warning")
        self.empty = QLabel("No blocks yet. Add the first with “Add block” (Ctrl+Shift+A): "
                            "give it a title and minutes, and the start times follow from the "
                            "order and lengths.", self)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.total = QLabel(self)
        self.total.setObjectName("agendaTotal")
        self.total.setWordWrap(True)

        buttons = ButtonRow(self)
        buttons.add(self.add_button, self.remove_button, self.up_button, self.down_button)
        totals = QHBoxLayout()
        totals.addWidget(self.warning_icon, 0, Qt.AlignmentFlag.AlignTop)
        totals.addWidget(self.total, 1)

        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.empty)
        column.addWidget(self.table, 1)
        column.addLayout(totals)
        column.addWidget(buttons)
        detail_scroll = scrolled(self.detail, "Selected block", self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(detail_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.splitter)

        chain = (self.table, self.add_button, self.remove_button, self.up_button,
                 self.down_button, self.detail.prompt)
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.detail.chain_boxes()

        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        ctx.bus.changed.connect(self._changed)
        self._refresh_totals()
        self._update_buttons()
        if self.model.rowCount():
            self.select(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Side by side when there is room; stacked when the window is narrow or text is large.
        wide = event.size().width() >= self.fontMetrics().averageCharWidth() * SIDE_BY_SIDE_CHARS
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            # Stacked, the table (the thing being arranged) keeps three quarters of the height.
            total = event.size().width() if wide else event.size().height()
            self.splitter.setSizes([total * 3 // 5, total * 2 // 5] if wide
                                   else [total * 3 // 4, total // 4])
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Method and focus areas as wide as their text while the title keeps room for about
        TITLE_CHARS characters; when room is short they share it and wrap onto more lines."""
        table, header = self.table, self.table.horizontalHeader()
        chars = self.fontMetrics().averageCharWidth()
        room = (table.viewport().width() - header.sectionSize(TIME)
                - header.sectionSize(MINUTES) - TITLE_CHARS * chars)
        method = table.sizeHintForColumn(METHOD) if self.model.rowCount() else 10 * chars
        method = max(method, header.sectionSizeHint(METHOD))
        focus = min(max(table.sizeHintForColumn(FOCUS), header.sectionSizeHint(FOCUS)),
                    FOCUS_CHARS * chars)
        if method + focus > room:  # short of room: they share it, and both wrap
            focus = max(min(focus, room // 2), 14 * chars)
            method = max(min(method, room - focus), 10 * chars)
        header.resizeSection(METHOD, method)
        header.resizeSection(FOCUS, focus)
        table.resizeRowsToContents()

    def _shortcut(self, owner: QWidget, text: str, keys: str | QKeySequence.StandardKey,
                  slot: Callable[[], object], context: Qt.ShortcutContext) -> QAction:
        action = QAction(text, owner)
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(QKeySequence.keyBindings(keys))  # e.g. Backspace too on macOS
        else:
            action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(context)
        action.triggered.connect(slot)
        owner.addAction(action)
        return action

    # --- what is selected ------------------------------------------------------------------

    def selected(self) -> AgendaItem | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def select(self, row: int, column: int = TIME) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, column),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(self.table.currentIndex())

    def _current_changed(self, *_: object) -> None:
        self.detail.show_item(self.selected())
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)
        row = self.table.currentIndex().row()
        has = row >= 0
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.model.rowCount() - 1)

    def _refresh_totals(self) -> None:
        plan = self.model.plan
        over = plan.overrun_minutes
        self.warning_icon.setVisible(bool(over))
        self.total.setObjectName("error" if over else "agendaTotal")
        self.total.style().unpolish(self.total)
        self.total.style().polish(self.total)
        if over:
            text = (f"Over time by {over} min ({plan.planned_minutes} min of blocks, "
                    f"{plan.session_minutes} min session): shorten or remove blocks, or "
                    "lengthen the session.")
        else:
            spare = plan.session_minutes - plan.planned_minutes
            ends = clock(self.model.session.ends)
            text = (f"{plan.planned_minutes} min planned of the session's "
                    f"{plan.session_minutes} min; "
                    + (f"{spare} min to spare before {ends}." if spare else f"ends on time at {ends}."))
        self.total.setText(text)
        self.total.setAccessibleName(text)

    # --- operations ------------------------------------------------------------------------

    def add_block(self) -> AgendaItem | None:
        """Add a ten-minute block after the selected one and start typing its title."""
        row = self.table.currentIndex().row()
        index = row + 1 if row >= 0 else self.model.rowCount()
        store, session_id = self._ctx.store, self.session_id
        created = push_create(
            self._ctx, self, "Add agenda block",
            lambda: agenda_service.add_item(store, session_id, "New block", 10, index=index),
            lambda item_id: agenda_service.remove_item(store, item_id),
        )
        if created is not None:
            self.select(self.model.row_of(created.id), TITLE)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.edit(self.table.currentIndex())
            self._ctx.bus.status.emit("Added a block: type its title, then Enter.")
        return created

    def remove_block(self) -> bool:
        item = self.selected()
        if item is None:
            return False
        row = self.table.currentIndex().row()
        store = self._ctx.store
        done = push_delete(self._ctx, self, f"Remove block '{item.title}'",
                           lambda: agenda_service.remove_item(store, item.id))
        if done:
            self.select(min(row, self.model.rowCount() - 1))
            self._ctx.bus.status.emit(f"Removed the block '{item.title}'. Undo brings it back.")
        return done

    def _edit_of(self, item: AgendaItem, fields: dict[str, Any]) -> FieldEdit:
        what = EDIT_TEXT[next(iter(fields))]
        return FieldEdit(f"{what} '{item.title}'", agenda_service.update_item, item)

    def _move_of(self, item: AgendaItem, to_row: int) -> RowMove:
        row, store = self.model.row_of(item.id), self._ctx.store
        return RowMove(f"Move block '{item.title}'",
                       lambda: agenda_service.move_item(store, item.id, to_row),
                       lambda: agenda_service.move_item(store, item.id, row))

    def move_block(self, step: int) -> bool:
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        moved = self.model.move(index.row(), index.row() + step)
        self.table.scrollTo(self.table.currentIndex())
        return moved

    # --- keeping in step with the store ----------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        if changes.touches("focus_area"):
            self.model.apply(changes)
            self.detail.rebuild_areas()
        elif not self.model.apply(changes):
            return
        self._refresh_totals()
        self.detail.show_item(self.selected())
        self._update_buttons()
        self.fit_columns()
