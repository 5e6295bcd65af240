"""The actions of a learning system as a table: what, owner, due date, status, session, themes.

An overdue action says so in words in its due cell ("Overdue by 3 days"; the date in its
tooltip and spoken text), with a warning icon and bold type, never by colour alone; overdue
actions come first. A cell
edit is asked of the view's `RowEdits` as `edit(listed_action, field=value)`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtGui import QFont

from app.models import ActionStatus
from app.services.sensemaking import actions as action_service
from app.services.sensemaking.actions import ListedAction
from app.ui.icons import icon
from app.ui.item_models.row_edits import RowEdits
from app.ui.views.system.record_table import Index, RecordTableModel, themes_text

WHAT, OWNER, DUE, STATUS, SESSION, THEMES = range(6)
HEADERS = ("What", "Owner", "Due", "Status", "Session", "Themes")
FIELDS = {WHAT: "what", OWNER: "owner", DUE: "due", STATUS: "status", SESSION: "session_id"}
NO_DATE = QDate(2000, 1, 1)  # the date editor's "No due date"


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def due_text(listed: ListedAction, today: date, *, short: bool = False) -> str:
    """The due date in words, overdue first: "Overdue by 3 days, due 27 Nov 2026" (`short`:
    "Overdue by 3 days", for the table's cell; the date is in its tooltip)."""
    due = listed.action.due
    if due is None:
        return "No due date"
    if listed.overdue:
        late = (today - due).days
        words = f"Overdue by {late} day{'s' * (late != 1)}"
        return words if short else f"{words}, due {day_text(due)}"
    ahead = (due - today).days
    if ahead == 0:
        return f"Due today, {day_text(due)}"
    return day_text(due)


class ActionsTableModel(RecordTableModel):
    """One row per action, overdue first, then by due date."""

    HEADERS = HEADERS
    FIELDS = FIELDS

    def __init__(self, store: Any, system_id: str, edits: RowEdits,
                 parent: QObject | None = None) -> None:
        super().__init__(edits, parent)
        self._store, self.system_id = store, system_id
        self.today = date.today()
        self.sessions: dict[str, str] = {}  # id -> title
        self.themes: dict[str, str] = {}  # id -> title

    def key(self, record: ListedAction) -> str:
        return record.action.id

    def reload(self) -> None:
        """Read the actions again (and whether each is overdue today) and follow them."""
        self.today = date.today()
        self.sync(action_service.list_actions(self._store, self.system_id, today=self.today))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        listed, column = self._rows[index.row()], index.column()
        action = listed.action
        if role == Qt.ItemDataRole.EditRole:
            if column == DUE:
                due = action.due
                return QDate(due.year, due.month, due.day) if due else NO_DATE
            if column == STATUS:
                return action.status.value
            if column == SESSION:
                return action.session_id or ""
            return self._text(listed, column)
        if role == Qt.ItemDataRole.DisplayRole and column == DUE:
            return due_text(listed, self.today, short=True)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(listed, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[column]}: {self._text(listed, column)}"
        if listed.overdue and column == DUE:
            if role == Qt.ItemDataRole.DecorationRole:
                return icon("warning")
            if role == Qt.ItemDataRole.FontRole:
                bold = QFont()
                bold.setBold(True)
                return bold
        return None

    def _text(self, listed: ListedAction, column: int) -> str:
        action = listed.action
        if column == WHAT:
            return action.what
        if column == OWNER:
            return action.owner or "No owner yet"
        if column == DUE:
            return due_text(listed, self.today)
        if column == STATUS:
            return action.status.label
        if column == SESSION:
            return self.sessions.get(action.session_id or "", "No session")
        return themes_text(action.theme_ids, self.themes)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in FIELDS:
            return False
        listed, column = self._rows[index.row()], index.column()
        if column == DUE:
            day = value.toPython() if isinstance(value, QDate) else value
            value = None if day in (None, NO_DATE.toPython()) else day
        elif column == STATUS:
            value = ActionStatus(value)
        elif column == SESSION:
            value = value or None
        else:
            value = str(value).strip()
        return self.edits.edit(listed, **{FIELDS[column]: value})
