"""The focus areas table with its buttons: add, edit in place, recolour, re-key, reorder, retire."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFontMetrics, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QHeaderView,
    QLabel,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models import FocusArea
from app.models.system import MAX_QUICK_KEYS
from app.services.planning import focus_areas
from app.ui.buttons import action_button
from app.ui.commands import FieldEdit, RowMove, TableEdits, push_create
from app.ui.context import AppContext
from app.ui.flow import flow_of
from app.ui.style import Heading, follow_text_size
from app.ui.tables import NamedEditors, set_up_record_table
from app.ui.views.system.add_focus_area import AddFocusAreaDialog
from app.ui.views.system.focus_area_model import (
    COLOUR,
    DESCRIPTION,
    HEADERS,
    KEY,
    NAME,
    SLUG,
    FocusAreaTableModel,
)

EDIT_TEXT = {"key": "Change quick key", "name": "Rename focus area", "slug": "Change slug",
             "description": "Describe focus area", "colour": "Recolour focus area"}


class FocusAreaDelegate(NamedEditors):
    """A 0-9 spin box for the quick key (0 = none)."""

    def special_editor(self, parent: QWidget, column: int) -> QWidget | None:
        if column != KEY:
            return None
        editor = QSpinBox(parent)
        editor.setRange(0, MAX_QUICK_KEYS)
        editor.setSpecialValueText("None")
        return editor


class FittingTableView(QTableView):
    """A table as tall as its rows, so the page scrolls rather than a box within it."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        rows = self.model().rowCount() if self.model() else 0
        height = (self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
                  + sum(self.rowHeight(r) or self.verticalHeader().defaultSectionSize()
                        for r in range(rows)) + 4)
        return QSize(hint.width(), max(height, 4 * self.verticalHeader().defaultSectionSize()))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())


class FocusAreasPanel(QWidget):
    """Every note and theme is tagged against these; the table is the place to shape them."""

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._system_id = ctx, system_id
        self.edits = TableEdits(ctx, self, self._edit_of, self._move_of)
        self.model = FocusAreaTableModel(ctx, system_id, self.edits, self)
        self.table = FittingTableView(self)
        header = set_up_record_table(
            self.table, self.model, FocusAreaDelegate(self.table),
            object_name="focusAreasTable", name="Focus areas", reorder=True, description=(
                "Key, name, slug, colour, description and status of each focus area. F2 edits "
                "a cell; Enter on a colour recolours it; Alt+Up and Alt+Down move a focus "
                "area."))
        for column in (KEY, len(HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.table.resized.connect(self.refit)
        # Enter or a double-click on a colour opens the colour chooser (its cell has no editor).
        self.table.activated.connect(self._activated)

        self._move_up = self._table_action("Move focus area up", "Alt+Up", lambda: self._move(-1))
        self._move_down = self._table_action("Move focus area down", "Alt+Down",
                                             lambda: self._move(+1))

        self.add_button = action_button(
            self, "&Add focus area…",
            "Add a focus area to this system",
            self.add, icon="add")
        self.recolour_button = action_button(
            self, "Re&colour…",
            "Choose the selected focus area's colour",
            self.recolour, icon="recolour")
        self.retire_button = action_button(
            self, "&Retire",
            "Retire the selected focus area: it stays on past notes but is not offered for new "
            "ones",
            self.toggle_retired, icon="retire")
        self.up_button = action_button(
            self, "Move &up",
            "Move the selected focus area up (Alt+Up)",
            lambda: self._move(-1), icon="move-up")
        self.down_button = action_button(
            self, "Move do&wn",
            "Move the selected focus area down (Alt+Down)",
            lambda: self._move(+1), icon="move-down")

        self.keys_note = QLabel(self)
        self.keys_note.setObjectName("hint")
        self.keys_note.setWordWrap(True)

        buttons = flow_of(self, self.add_button, self.recolour_button, self.retire_button,
                          self.up_button, self.down_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(Heading("Focus areas", 1.2, self))
        intro = QLabel("Every note and theme is tagged against these. During capture, the quick "
                       "key tags a note with its focus area.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        layout.addWidget(self.keys_note)

        self.refit()
        follow_text_size(self)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.dataChanged,
                       self.model.layoutChanged):
            signal.connect(self._update_buttons)
        self._update_buttons()

    def refit(self) -> None:
        """Share the width so names come first; slug, colour and description give way."""
        table, header = self.table, self.table.horizontalHeader()
        chars = QFontMetrics(QApplication.font()).averageCharWidth()
        room = max(0, table.viewport().width() - header.sectionSize(KEY)
                   - header.sectionSize(len(HEADERS) - 1))

        metrics = QFontMetrics(QApplication.font())
        model = self.model

        def fit(column: int, most_chars: int, share: float, extra: int = 0) -> int:
            texts = [str(model.index(row, column).data() or "") for row in range(model.rowCount())]
            wanted = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            wanted += 2 * chars + extra
            return max(6 * chars, min(wanted, most_chars * chars + extra, int(room * share)))

        name = fit(NAME, 52, 0.45)
        slug = fit(SLUG, 20, 0.16)
        swatch = table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        colour = fit(COLOUR, 26, 0.22, extra=swatch + 16)
        for column, width in ((NAME, name), (SLUG, slug), (COLOUR, colour)):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def _table_action(self, text: str, keys: str, slot) -> QAction:
        action = QAction(text, self.table)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    def selected(self) -> FocusArea | None:
        index = self.table.currentIndex()
        return self.model.area(index.row()) if index.isValid() else None

    def _update_buttons(self, *_: object) -> None:
        area = self.selected()
        row = self.table.currentIndex().row()
        for button in (self.recolour_button, self.retire_button):
            button.setEnabled(area is not None)
        self.up_button.setEnabled(area is not None and row > 0)
        self.down_button.setEnabled(area is not None and row < self.model.rowCount() - 1)
        self.retire_button.setText("B&ring back" if area and area.retired else "&Retire")
        self.retire_button.setAccessibleName(self.retire_button.text().replace("&", ""))
        used = sum(1 for a in self.model.areas() if a.key is not None)
        if used >= MAX_QUICK_KEYS:
            self.keys_note.setText(
                "All nine quick keys are in use. A focus area added now has no quick key; to "
                "free a key, set a focus area's Key to None.")
        else:
            self.keys_note.setText(f"Quick keys in use: {used} of {MAX_QUICK_KEYS}.")
        self.table.updateGeometry()

    # --- operations ------------------------------------------------------------------------

    @staticmethod
    def _edit_of(area: FocusArea, fields: dict[str, Any]) -> FieldEdit:
        field = next(iter(fields))
        if field == "retired":
            what = "Retire focus area" if fields["retired"] else "Bring back focus area"
        else:
            what = EDIT_TEXT[field]
        return FieldEdit(f"{what} '{area.name}'", focus_areas.update_focus_area, area)

    def _move_of(self, area: FocusArea, to_row: int) -> RowMove:
        before = [a.id for a in self.model.areas()]
        after = [a for a in before if a != area.id]
        after.insert(to_row, area.id)
        store, system_id = self._ctx.store, self._system_id
        return RowMove(f"Move focus area '{area.name}'",
                       lambda: focus_areas.reorder_focus_areas(store, system_id, after),
                       lambda: focus_areas.reorder_focus_areas(store, system_id, before))

    def add(self) -> FocusArea | None:
        all_used = sum(1 for a in self.model.areas() if a.key is not None) >= MAX_QUICK_KEYS
        dialog = AddFocusAreaDialog(self, all_keys_used=all_used)
        dialog.submitted.connect(lambda name, description: self._create(dialog, name, description))
        dialog.exec()
        return dialog.created

    def _create(self, dialog: AddFocusAreaDialog, name: str, description: str) -> None:
        store, system_id = self._ctx.store, self._system_id

        def create():
            return focus_areas.add_focus_area(store, system_id, name, description=description)

        created = push_create(self._ctx, dialog, f"Add focus area '{name}'", create,
                              lambda area_id: focus_areas.delete_focus_area(store, area_id))
        if created is not None:
            dialog.created = created
            dialog.accept()
            self.table.setCurrentIndex(self.model.index(self.model.row_of(created.id), NAME))
            self._ctx.bus.status.emit(f"Added focus area '{created.name}'.")

    def recolour(self) -> None:
        area = self.selected()
        if area is None:
            return
        colour = QColorDialog.getColor(QColor(area.colour), self,
                                       f"Colour of '{area.name}'")
        if colour.isValid() and colour.name().upper() != area.colour:
            self.edits.edit(area, colour=colour.name().upper())

    def toggle_retired(self) -> None:
        area = self.selected()
        if area is not None:
            self.edits.edit(area, retired=not area.retired)

    def _move(self, step: int) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.move(index.row(), index.row() + step)
            self.table.scrollTo(self.table.currentIndex())

    def _activated(self, index: QModelIndex) -> None:
        if index.column() == COLOUR:
            self.recolour()
