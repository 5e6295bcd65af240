"""Who is invited to a session, with attendance, consent and access needs: a thin table adapter.

A person's name, email, organisation, sector and locality live in the learning system's
register; attendance, the three consents and access needs belong to this session's invitation.
A tick or an edit in place is asked of the view's `RowEdits` as `edit(row, field=value)`, the
row being the `SessionParticipant` (whose invitation or register entry holds that field).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.models import Changes, Sector, SessionParticipant
from app.services.planning import participants as participant_service
from app.ui.context import AppContext
from app.ui.item_models.row_edits import RowEdits

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root: Qt's default 'parent' argument
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the invitation's id
# What this session needs (attendance, consent, access) comes before the register's details,
# so it stays in view when the window is narrow or the text is large.
(NAME, ORGANISATION, ATTENDED, MAY_NAME, MAY_EMAIL, MAY_QUOTE, ACCESS, EMAIL, SECTOR,
 LOCALITY) = range(10)
HEADERS = ("Name", "Organisation", "Attended", "May name", "May email", "May quote",
           "Access needs", "Email", "Sector", "Locality")
PERSON = {NAME: "name", EMAIL: "email", ORGANISATION: "organisation", SECTOR: "sector",
          LOCALITY: "locality"}
CONSENT = {MAY_NAME: "may_name", MAY_EMAIL: "may_email", MAY_QUOTE: "may_quote"}
SPOKEN_CONSENT = {MAY_NAME: "may be named", MAY_EMAIL: "may be emailed",
                  MAY_QUOTE: "may be quoted"}
CHECKED = Qt.CheckState.Checked
UNCHECKED = Qt.CheckState.Unchecked
NOT_RECORDED = Qt.CheckState.PartiallyChecked


def attended_text(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Not recorded"}[value]


def _state(value: Any) -> Qt.CheckState:
    return value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))


class ParticipantsTableModel(QAbstractTableModel):
    """One row per invitation, by name."""

    def __init__(self, ctx: AppContext, session_id: str, edits: RowEdits,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.session_id, self.edits = ctx, session_id, edits
        self._rows: list[SessionParticipant] = participant_service.list_session_participants(
            ctx.store, session_id)

    # --- reading ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section in SPOKEN_CONSENT:
                return f"Ticked when this person {SPOKEN_CONSENT[section]} in the outputs"
        return super().headerData(section, orientation, role)

    def record(self, row: int) -> SessionParticipant:
        return self._rows[row]

    def records(self) -> list[SessionParticipant]:
        return list(self._rows)

    def row_of(self, invitation_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.invitation.id == invitation_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, column = self._rows[index.row()], index.column()
        invitation = record.invitation
        if role == ID_ROLE:
            return invitation.id
        if role == Qt.ItemDataRole.CheckStateRole:
            if column == ATTENDED:
                return {True: CHECKED, False: UNCHECKED, None: NOT_RECORDED}[invitation.attended]
            if column in CONSENT:
                return CHECKED if getattr(invitation, CONSENT[column]) else UNCHECKED
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(record, column, role)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._spoken(record, column)
        return None

    def _text(self, record: SessionParticipant, column: int, role: int) -> Any:
        person, invitation = record.participant, record.invitation
        if column == SECTOR:
            return person.sector.value if role == Qt.ItemDataRole.EditRole else person.sector.label
        if column in PERSON:
            return getattr(person, PERSON[column])
        if column == ATTENDED:
            return attended_text(invitation.attended)
        if column in CONSENT:
            # In words beside the tick too: a box alone is small at large text sizes.
            return "Yes" if getattr(invitation, CONSENT[column]) else "No"
        return invitation.access_needs

    def _spoken(self, record: SessionParticipant, column: int) -> str:
        name = record.participant.name
        if column == ATTENDED:
            return f"{name} attended: {attended_text(record.invitation.attended).lower()}"
        if column in CONSENT:
            agreed = getattr(record.invitation, CONSENT[column])
            return f"{name} {SPOKEN_CONSENT[column]}: {'yes' if agreed else 'no'}"
        text = self._text(record, column, Qt.ItemDataRole.DisplayRole)
        return str(text) if text else f"No {HEADERS[column].lower()}"

    # --- editing ---------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == ATTENDED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsUserTristate
        elif index.column() in CONSENT:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        else:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        record, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == ATTENDED:
            state = _state(value)
            attended = None if state == NOT_RECORDED else state == CHECKED
            return self.edits.edit(record, attended=attended)
        if role == Qt.ItemDataRole.CheckStateRole and column in CONSENT:
            return self.edits.edit(record, **{CONSENT[column]: _state(value) == CHECKED})
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value).strip()
        if column == ACCESS:
            return self.edits.edit(record, access_needs=text)
        if column == SECTOR:
            return self.edits.edit(record, sector=Sector(text))
        return self.edits.edit(record, **{PERSON[column]: text})

    # --- keeping in step with the store ----------------------------------------------------

    def apply(self, changes: Changes) -> bool:
        """Follow a change-set; True when a row was added, removed or changed."""
        if self.session_id in changes.deleted.get("session", ()):
            return False  # the whole screen is going away
        invitations = changes.ids("invitation")
        people = changes.ids("participant")
        if not invitations and not people:
            return False
        mine_inv = {r.invitation.id for r in self._rows}
        mine_people = {r.participant.id for r in self._rows}
        if not (invitations & mine_inv or people & mine_people
                or changes.inserted.get("invitation")):
            return False
        self._sync(participant_service.list_session_participants(self._ctx.store,
                                                                 self.session_id))
        return True

    def _sync(self, fresh: list[SessionParticipant]) -> None:
        wanted = {r.invitation.id for r in fresh}
        for row in reversed(range(len(self._rows))):
            if self._rows[row].invitation.id not in wanted:
                self.beginRemoveRows(ROOT, row, row)
                self._rows.pop(row)
                self.endRemoveRows()
        have = {r.invitation.id for r in self._rows}
        for position, record in enumerate(fresh):
            if record.invitation.id not in have:
                self.beginInsertRows(ROOT, position, position)
                self._rows.insert(position, record)
                self.endInsertRows()
        order = [r.invitation.id for r in fresh]
        for target, invitation_id in enumerate(order):
            source = self.row_of(invitation_id)
            if source != target:  # a rename moved someone in the alphabetical order
                self.beginMoveRows(ROOT, source, source, ROOT, target)
                self._rows.insert(target, self._rows.pop(source))
                self.endMoveRows()
        last = len(HEADERS) - 1
        for row, record in enumerate(fresh):
            if self._rows[row] != record:
                self._rows[row] = record
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
