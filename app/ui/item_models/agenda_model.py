"""A session's agenda as a table of timed blocks: a thin adapter over the agenda service.

Start and end times follow from the session's start and the order and lengths of the blocks,
so they are computed here from the rows held, never stored. Edits in place and drops are asked
of the view's `RowEdits`; the rows follow the store through the change bus, one insert, move or
update at a time.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from app.models import AgendaItem, Changes, FocusArea, Schedule, Session, schedule
from app.services.planning import agenda as agenda_service
from app.services.planning import focus_areas as focus_area_service
from app.services.planning.sessions import get_session
from app.ui.context import AppContext
from app.ui.item_models.reorder import ROOT, DragReorder
from app.ui.item_models.row_edits import RowEdits

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
TIME, MINUTES, TITLE, METHOD, FOCUS = range(5)
HEADERS = ("Time", "Minutes", "Title", "Method", "Focus areas")
EDITABLE = {MINUTES: "minutes", TITLE: "title", METHOD: "method"}


def clock(moment) -> str:
    return moment.astimezone().strftime("%H:%M")


def focus_text(area: FocusArea) -> str:
    """A focus area as a person reads it: its quick key (if any) and its name."""
    return f"{area.key} {area.name}" if area.key is not None else area.name


class AgendaTableModel(DragReorder, QAbstractTableModel):
    """One row per block, in agenda order."""

    HEADERS = HEADERS
    EDITABLE = EDITABLE
    MIME = "application/x-cairn-agenda-item-ids"

    def __init__(self, ctx: AppContext, session_id: str, edits: RowEdits,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.session_id, self.edits = ctx, session_id, edits
        self.session: Session = get_session(ctx.store, session_id)
        self._items: list[AgendaItem] = agenda_service.list_agenda(ctx.store, session_id)
        self._areas: dict[str, FocusArea] = {}
        self._load_areas()
        self.plan: Schedule = schedule(self.session, self._items)

    def _load_areas(self) -> None:
        found = focus_area_service.list_focus_areas(self._ctx.store, self.session.system_id)
        self._areas = {a.id: a for a in found}

    # --- reading ---------------------------------------------------------------------------

    def rows(self) -> list[AgendaItem]:
        return self._items

    def item(self, row: int) -> AgendaItem:
        return self._items[row]

    def items(self) -> list[AgendaItem]:
        return list(self._items)

    def row_of(self, item_id: str) -> int:
        return next((i for i, item in enumerate(self._items) if item.id == item_id), -1)

    def focus_areas(self) -> list[FocusArea]:
        return list(self._areas.values())

    def slot_text(self, row: int) -> str:
        laid = self.plan.items[row]
        return f"{clock(laid.starts)}–{clock(laid.ends)}"

    def overruns(self, row: int) -> bool:
        return self.plan.items[row].overruns

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        item = self._items[row]
        if role == ID_ROLE:
            return item.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == MINUTES:
                return item.minutes if role == Qt.ItemDataRole.EditRole else str(item.minutes)
            return self._text(row, column)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._spoken(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == TIME and self.overruns(row):
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: int, column: int) -> str:
        item = self._items[row]
        if column == TIME:
            return self.slot_text(row)
        if column == FOCUS:
            # Names, not bare keys: "1 · 2 · 3" meant nothing to anyone new. One a line.
            return "\n".join(focus_text(self._areas[a]) for a in self._ordered_areas(item))
        return {TITLE: item.title, METHOD: item.method, MINUTES: str(item.minutes)}[column]

    def _spoken(self, row: int, column: int) -> str:
        if column == TIME and self.overruns(row):
            return (f"{self.slot_text(row)}: runs past the session's end at "
                    f"{clock(self.session.ends)}")
        if column == MINUTES:
            return f"{self._items[row].minutes} minutes"
        if column == FOCUS:
            names = [focus_text(self._areas[a]) for a in self._ordered_areas(self._items[row])]
            return "; ".join(names) if names else "No focus areas"
        return self._text(row, column) or f"No {HEADERS[column].lower()}"

    def _ordered_areas(self, item: AgendaItem) -> list[str]:
        known = [a for a in item.focus_area_ids if a in self._areas]
        return sorted(known, key=lambda a: (self._areas[a].key or 99, self._areas[a].position))

    # --- editing in place ------------------------------------------------------------------

    def coerce(self, field: str, value: Any) -> Any:
        if field != "minutes":
            return str(value).strip()
        try:
            return int(value)
        except (TypeError, ValueError):
            return -1  # the service refuses it with its own sentence

    # --- keeping in step with the store ----------------------------------------------------

    def apply(self, changes: Changes) -> bool:
        """Follow a change-set; True when the schedule (times, totals) may have changed."""
        if self.session_id in changes.deleted.get("session", ()):
            return False  # the whole screen is going away
        session_changed = self.session_id in changes.updated.get("session", ())
        if session_changed:
            self.session = get_session(self._ctx.store, self.session_id)
        if changes.touches("focus_area"):
            self._load_areas()
            self._repaint(FOCUS)
        mine = {i.id for i in self._items}
        links = {key.split(":")[0] for key in changes.ids("agenda_item_focus_area")}
        touched = (changes.ids("agenda_item") | links) & mine
        if touched or changes.inserted.get("agenda_item"):
            self._sync(agenda_service.list_agenda(self._ctx.store, self.session_id))
        elif not session_changed:
            return False
        self.plan = schedule(self.session, self._items)
        self._repaint(TIME)
        return True

    def _repaint(self, column: int) -> None:
        if self._items:
            last = len(self._items) - 1
            self.dataChanged.emit(self.index(0, column), self.index(last, column))

    def _sync(self, fresh: list[AgendaItem]) -> None:
        wanted = {i.id for i in fresh}
        for row in reversed(range(len(self._items))):
            if self._items[row].id not in wanted:
                self.beginRemoveRows(ROOT, row, row)
                self._items.pop(row)
                self.endRemoveRows()
        have = {i.id for i in self._items}
        for position, item in enumerate(fresh):
            if item.id not in have:
                self.beginInsertRows(ROOT, position, position)
                self._items.insert(position, item)
                self.endInsertRows()
        self._reorder([i.id for i in fresh])
        last = len(HEADERS) - 1
        for row, item in enumerate(fresh):
            if self._items[row] != item:
                self._items[row] = item
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _reorder(self, order: list[str]) -> None:
        """Bring the rows into `order` one move at a time, so selections follow their blocks."""
        for target, item_id in enumerate(order):
            source = self.row_of(item_id)
            if source == target:
                continue
            # beginMoveRows takes the destination as the row to insert before, in the old order.
            self.beginMoveRows(ROOT, source, source, ROOT, target)
            self._items.insert(target, self._items.pop(source))
            self.endMoveRows()
