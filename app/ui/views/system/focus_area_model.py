"""The focus areas of one learning system as an editable, reorderable table.

Edits in place and drops are asked of the panel's `RowEdits`; the rows follow the store through
the change bus, inserting, moving and updating only what a change-set names.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.models import Changes, FocusArea
from app.services.planning import focus_areas
from app.ui.context import AppContext
from app.ui.item_models.reorder import DragReorder
from app.ui.item_models.row_edits import RowEdits
from app.ui.views.system.colours import colour_label, swatch
from app.ui.views.system.rows import ID_ROLE, sync_rows

Index = QModelIndex | QPersistentModelIndex
KEY, NAME, SLUG, COLOUR, DESCRIPTION, STATUS = range(6)
HEADERS = ("Key", "Name", "Slug", "Colour", "Description", "Status")
EDITABLE = {KEY: "key", NAME: "name", SLUG: "slug", DESCRIPTION: "description"}


class FocusAreaTableModel(DragReorder, QAbstractTableModel):
    """Rows are the system's focus areas in their order, retired ones included (and marked)."""

    HEADERS = HEADERS
    EDITABLE = EDITABLE
    MIME = "application/x-cairn-focus-area-ids"

    def __init__(self, ctx: AppContext, system_id: str, edits: RowEdits,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._system_id, self.edits = ctx, system_id, edits
        self._areas: list[FocusArea] = focus_areas.list_focus_areas(ctx.store, system_id)
        self._italic: QFont | None = None
        ctx.bus.changed.connect(self.apply)

    # --- reading ---------------------------------------------------------------------------

    def rows(self) -> list[FocusArea]:
        return self._areas

    def area(self, row: int) -> FocusArea:
        return self._areas[row]

    def areas(self) -> list[FocusArea]:
        return list(self._areas)

    def row_of(self, area_id: str) -> int:
        return next((i for i, a in enumerate(self._areas) if a.id == area_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        area, column = self._areas[index.row()], index.column()
        if role == ID_ROLE:
            return area.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(area, column)
        if role == Qt.ItemDataRole.EditRole:
            return (area.key or 0) if column == KEY else self._text(area, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COLOUR:
            return swatch(area.colour)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == KEY and area.key is None:
                return "No quick key"
            return self._text(area, column)
        if role == Qt.ItemDataRole.ForegroundRole and area.retired:
            return QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and area.retired:
            return self._retired_font()
        return None

    def _retired_font(self) -> QFont:
        """Italic at the current text size; kept, as painting asks for it again and again."""
        size = QApplication.font().pointSizeF()
        if self._italic is None or self._italic.pointSizeF() != size:
            self._italic = QFont(QApplication.font())
            self._italic.setItalic(True)
        return self._italic

    @staticmethod
    def _text(area: FocusArea, column: int) -> str:
        if column == KEY:
            return str(area.key) if area.key is not None else "–"
        if column == COLOUR:
            return colour_label(area.colour)
        if column == STATUS:
            return "Retired" if area.retired else "In use"
        return {NAME: area.name, SLUG: area.slug, DESCRIPTION: area.description}[column]

    # --- editing in place ------------------------------------------------------------------

    def coerce(self, field: str, value: Any) -> Any:
        if field == "key":
            return int(value) or None
        return super().coerce(field, value)

    # --- keeping in step with the store ----------------------------------------------------

    def apply(self, changes: Changes) -> None:
        if not changes.touches("focus_area"):
            return
        mine = {a.id for a in self._areas}
        if not (changes.ids("focus_area") & mine) and not changes.inserted.get("focus_area"):
            return
        self._sync(focus_areas.list_focus_areas(self._ctx.store, self._system_id))

    def _sync(self, fresh: list[FocusArea]) -> None:
        sync_rows(self, self._areas, fresh, len(HEADERS))
